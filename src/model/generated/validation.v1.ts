/* Generated from schemas/validation.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb policy validate --json prints: each file's verdict with its errors and warnings, each a line file:line:column: message.
 */
export interface PolicyValidationReport {
  /**
   * The format and its version: always proxlb.validation/v1 for this schema.
   */
  format: 'proxlb.validation/v1'
  /**
   * One entry per file, in the order given.
   *
   * Items: The verdict on one policy file.
   */
  files: {
    /**
     * The file as given.
     */
    file: string
    /**
     * The file is a valid policy (warnings allowed).
     */
    valid: boolean
    /**
     * Every error, one line each.
     *
     * Items: file:line:column: message
     */
    errors: string[]
    /**
     * Warnings: deprecated or unused entries, and with --snapshot entries that match nothing.
     *
     * Items: file:line:column: message
     */
    warnings: string[]
  }[]
}
