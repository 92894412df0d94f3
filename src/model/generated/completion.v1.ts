/* Generated from schemas/completion.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb completion SHELL --json prints.
 */
export interface CompletionScript {
  /**
   * The format and its version: always proxlb.completion/v1 for this schema.
   */
  format: 'proxlb.completion/v1'
  /**
   * The shell.
   */
  shell: 'bash' | 'zsh' | 'fish'
  /**
   * The completion script.
   */
  script: string
}
