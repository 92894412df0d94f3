/* Generated from schemas/snapshot-diff.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb snapshot diff --json prints: what changed between two snapshots of a cluster.
 */
export interface SnapshotDiff {
  /**
   * The format and its version: always proxlb.snapshot-diff/v1 for this schema.
   */
  format: 'proxlb.snapshot-diff/v1'
  /**
   * Cluster name (of the later snapshot).
   */
  cluster: string
  /**
   * One of the two snapshots.
   */
  before: {
    /**
     * The file as given.
     */
    label: string
    /**
     * Its fingerprint.
     */
    fingerprint: string
    /**
     * When it was taken.
     */
    takenAt: string
    /**
     * Its source kind (api, emulator, simulated, example ...).
     */
    kind: string
  }
  /**
   * One of the two snapshots.
   */
  after: {
    /**
     * The file as given.
     */
    label: string
    /**
     * Its fingerprint.
     */
    fingerprint: string
    /**
     * When it was taken.
     */
    takenAt: string
    /**
     * Its source kind (api, emulator, simulated, example ...).
     */
    kind: string
  }
  /**
   * The fingerprints are the same: the cluster state is identical.
   */
  identical: boolean
  /**
   * Nodes added, removed, changing status.
   */
  nodes: {
    /**
     * Nodes only in the later snapshot.
     *
     * Items: Node name.
     */
    added: string[]
    /**
     * Nodes only in the earlier snapshot.
     *
     * Items: Node name.
     */
    removed: string[]
    /**
     * Nodes whose status changed.
     *
     * Items: A status change.
     */
    status: {
      /**
       * Node name.
       */
      node: string
      /**
       * Status before.
       */
      from: string
      /**
       * Status after.
       */
      to: string
    }[]
  }
  /**
   * Guests added, removed, moved, changing status or size.
   */
  guests: {
    /**
     * Guests only in the later snapshot.
     *
     * Items: A guest.
     */
    added: {
      /**
       * Guest id.
       */
      vmid: number
      /**
       * Guest name.
       */
      name: string
      /**
       * Node before.
       */
      from?: string
      /**
       * Node after.
       */
      to?: string
    }[]
    /**
     * Guests only in the earlier snapshot.
     *
     * Items: A guest.
     */
    removed: {
      /**
       * Guest id.
       */
      vmid: number
      /**
       * Guest name.
       */
      name: string
      /**
       * Node before.
       */
      from?: string
      /**
       * Node after.
       */
      to?: string
    }[]
    /**
     * Guests on another node.
     *
     * Items: A move.
     */
    moved: {
      /**
       * Guest id.
       */
      vmid: number
      /**
       * Guest name.
       */
      name: string
      /**
       * Node before.
       */
      from?: string
      /**
       * Node after.
       */
      to?: string
    }[]
    /**
     * Guests whose status changed.
     *
     * Items: A status change.
     */
    status: {
      /**
       * Guest id.
       */
      vmid: number
      /**
       * Guest name.
       */
      name: string
      /**
       * Node before.
       */
      from?: string
      /**
       * Node after.
       */
      to?: string
      /**
       * Status before.
       */
      was: string
      /**
       * Status after.
       */
      now: string
    }[]
    /**
     * Guests whose memory or cores changed.
     *
     * Items: A size change.
     */
    resized: {
      /**
       * Guest id.
       */
      vmid: number
      /**
       * Guest name.
       */
      name: string
      /**
       * Node before.
       */
      from?: string
      /**
       * Node after.
       */
      to?: string
      /**
       * Assigned memory before and after, bytes.
       *
       * @minItems 2
       * @maxItems 2
       */
      memory: [number, number]
      /**
       * Cores before and after.
       *
       * @minItems 2
       * @maxItems 2
       */
      cores: [number, number]
    }[]
  }
  /**
   * Each node's load before and after.
   *
   * Items: One node.
   */
  load: {
    /**
     * Node name.
     */
    node: string
    /**
     * The node as measured in one snapshot.
     */
    before?: {
      /**
       * online, offline, ... (with ", maintenance").
       */
      status: string
      /**
       * Guests on it.
       */
      guests: number
      /**
       * Memory in bytes.
       */
      memory: {
        /**
         * In use.
         */
        used: number
        /**
         * Total.
         */
        total: number
      }
      /**
       * CPU in cores.
       */
      cpu: {
        /**
         * In use.
         */
        used: number
        /**
         * Cores.
         */
        cores: number
      }
    }
    /**
     * The node as measured in one snapshot.
     */
    after?: {
      /**
       * online, offline, ... (with ", maintenance").
       */
      status: string
      /**
       * Guests on it.
       */
      guests: number
      /**
       * Memory in bytes.
       */
      memory: {
        /**
         * In use.
         */
        used: number
        /**
         * Total.
         */
        total: number
      }
      /**
       * CPU in cores.
       */
      cpu: {
        /**
         * In use.
         */
        used: number
        /**
         * Cores.
         */
        cores: number
      }
    }
  }[]
}
