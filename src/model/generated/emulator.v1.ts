/* Generated from schemas/emulator.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * The line proxlb emulate --json prints once it listens: where to connect and who may log in. Secrets given with --user or --token are never printed; the default password of root@pam (documented) is.
 */
export interface EmulatorStart {
  /**
   * The format and its version: always proxlb.emulator/v1 for this schema.
   */
  format: 'proxlb.emulator/v1'
  /**
   * Base URL of the API (https://127.0.0.1:8006).
   */
  url: string
  /**
   * Address listened on.
   */
  address: string
  /**
   * Port listened on (the one picked with --port 0).
   */
  port: number
  /**
   * https, or http with --http.
   */
  protocol: 'https' | 'http'
  /**
   * SHA-256 fingerprint of the certificate served (AA:BB:...); null with --http.
   */
  fingerprint: string | null
  /**
   * Name of the emulated cluster.
   */
  cluster: string
  /**
   * Nodes served.
   */
  nodes: number
  /**
   * Guests served.
   */
  guests: number
  /**
   * Users who may log in (user@realm).
   *
   * Items: A user id.
   */
  users: string[]
  /**
   * API tokens that may log in (user@realm!id).
   *
   * Items: A token id.
   */
  tokens: string[]
  /**
   * Present when no credentials were given: root@pam logs in with the default password.
   */
  defaultLogin?: {
    /**
     * Always root@pam.
     */
    user: 'root@pam'
    /**
     * Always proxlb.
     */
    password: 'proxlb'
  }
}
