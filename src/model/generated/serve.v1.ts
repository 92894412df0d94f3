/* Generated from schemas/serve.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * The line proxlb serve --json prints once it listens: where the page is and which cluster it serves. Logs stay on stderr.
 */
export interface ServeStart {
  /**
   * The format and its version: always proxlb.serve/v1 for this schema.
   */
  format: 'proxlb.serve/v1'
  /**
   * Address of the page (https://127.0.0.1:8443).
   */
  url: string
  /**
   * SHA-256 fingerprint of the certificate served (AA:BB:...); null without TLS.
   */
  fingerprint: string | null
  /**
   * The Proxmox API endpoints the page acts on.
   *
   * Items: An endpoint (https://pve1:8006).
   */
  cluster: string[]
}
