/* Generated from schemas/snapshot-summary.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb snapshot --out FILE --json prints: what was read and written (the snapshot itself is in FILE).
 */
export interface SnapshotSummary {
  /**
   * The format and its version: always proxlb.snapshot-summary/v1 for this schema.
   */
  format: 'proxlb.snapshot-summary/v1'
  /**
   * The snapshot file written.
   */
  file: string
  /**
   * The API endpoint read.
   */
  endpoint: string
  /**
   * API requests made.
   */
  requests: number
  /**
   * Milliseconds the reading took.
   */
  elapsedMs: number
  /**
   * Cluster name.
   */
  cluster: string
  /**
   * When the cluster was read.
   */
  takenAt: string
  /**
   * Fingerprint of the cluster state.
   */
  fingerprint?: string
  /**
   * Nodes read.
   */
  nodes: number
  /**
   * Guests read.
   */
  guests: number
}
