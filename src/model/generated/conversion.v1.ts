/* Generated from schemas/conversion.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb config convert --json prints: what the ProxLB config became and what did not carry over.
 */
export interface ConfigConversion {
  /**
   * The format and its version: always proxlb.conversion/v1 for this schema.
   */
  format: 'proxlb.conversion/v1'
  /**
   * The ProxLB config read.
   */
  file: string
  /**
   * What it was: the YAML of ProxLB 1.1/2.x or the INI of ProxLB 1.0.
   */
  from: 'proxlb-yaml' | 'proxlb-ini'
  /**
   * Settings that do not carry over, one sentence each saying why.
   *
   * Items: One setting.
   */
  notCarried: string[]
  /**
   * The config holds a password or token secret.
   */
  holdsSecret: boolean
  /**
   * Files written.
   */
  written: {
    /**
     * --out-config.
     */
    config?: string
    /**
     * --out-policy.
     */
    policy?: string
  }
  /**
   * The proxlb config (YAML) when --out-config was not given.
   */
  config?: string
}
