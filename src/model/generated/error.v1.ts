/* Generated from schemas/error.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb writes on stdout instead of its output when a command fails under --json: one JSON document (for a run of events, one more line). The exit code is the same as without --json, and the error's lines go to stderr as well.
 */
export interface ErrorReport {
  /**
   * The format and its version: always proxlb.error/v1 for this schema.
   */
  format: 'proxlb.error/v1'
  /**
   * The error.
   */
  error: {
    /**
     * What kind of error, stable and kebab-case. Usage: usage, unknown-command, unknown-flag, flag-conflict. Input: invalid-input (a file or value is wrong, every problem in problems), file (a file cannot be read or written), configuration. Refusals, nothing moved (exit 4): refused, stale-plan, foreign-plan, cluster-busy, drain-blocked, not-confirmed, stopped-before-start. The cluster: connection, node-unreachable, authentication, permission, api, proxmox, missing-privileges, lock-privilege. internal: a bug in proxlb. error: anything else (a bad flag value ...).
     */
    code: string
    /**
     * The first line said to people, one sentence.
     */
    message: string
    /**
     * The file and place (file:/json/pointer, file:line:column), the flag or the command the error is about; null when none.
     */
    where: string | null
    /**
     * The exit code proxlb ends with.
     */
    exitCode: number
    /**
     * Further lines said to people: what changed, what to do.
     *
     * Items: One line.
     */
    details?: string[]
    /**
     * invalid-input: every problem found, each with its place.
     *
     * Items: One problem of an input file.
     */
    problems?: {
      /**
       * The file as given.
       */
      file: string
      /**
       * JSON pointer or YAML line:column; empty for the whole file.
       */
      location: string
      /**
       * What is wrong and what was expected.
       */
      message: string
    }[]
  }
  /**
   * balance --json: the cycle that failed or was refused (the service goes on with the next one).
   */
  cycle?: number
}
