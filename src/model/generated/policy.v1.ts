/* Generated from schemas/policy.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * A node name; * matches any characters.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "NodeSelector".
 */
export type NodeSelector = string
/**
 * A guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*).
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "GuestSelector".
 */
export type GuestSelector = number | string
/**
 * A size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Size".
 */
export type Size = number | string
/**
 * A percentage: a number (10) or a string with % (10%), from 0 to 100.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Percentage".
 */
export type Percentage = number | string
/**
 * A percentage of the node's memory (10%) or a size (8GiB, or bytes).
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "SizeOrPercentage".
 */
export type SizeOrPercentage = number | string

/**
 * How proxlb balances a cluster: what to balance, how far, which guests and nodes to leave alone, which rules placements must obey, and the limits of one plan. Written in YAML. Sizes accept bytes or human units (512MiB, 8GiB, 1.5TB); percentages accept 10 or "10%".
 */
export interface Policy {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string
  /**
   * Version of the policy format. This schema describes proxlb/v1.
   */
  apiVersion: 'proxlb/v1'
  /**
   * Always Policy.
   */
  kind?: 'Policy'
  /**
   * Short name of the policy, shown in plans.
   */
  name?: string
  /**
   * What the policy is for.
   */
  description?: string
  balance?: Balance
  ignore?: Ignore
  /**
   * Placement rules: guests that stay together, stay apart, or are pinned to nodes.
   */
  rules?: Rule[]
  maintenance?: Maintenance
  limits?: Limits
  migration?: Migration
  /**
   * Understand ProxLB's guest tags without policy entries: plb_include_<g>/plb_affinity_<g> (together), plb_exclude_<g>/plb_anti_affinity_<g> (apart), plb_ignore_vm/plb_ignore_<x> (ignore), plb_pin_<node> (pin). Default true.
   */
  proxlbTags?: boolean
}
/**
 * What is balanced and how even the cluster must be.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Balance".
 */
export interface Balance {
  /**
   * Resource to balance: memory, cpu, disk (local disk), or weighted (several at once, see weights). Default memory.
   */
  method?: 'memory' | 'cpu' | 'disk' | 'weighted'
  /**
   * used: measured usage; assigned: configured sizes of the guests. Default used.
   */
  mode?: 'used' | 'assigned'
  /**
   * Allowed spread, in percentage points, between the most and the least utilised eligible node (ProxLB's balanciness). Within it, nothing moves for balance. Default 10.
   */
  threshold?: number | string
  weights?: Weights
  /**
   * Guest types that may move. Default both.
   */
  guestTypes?: ('qemu' | 'lxc')[]
  /**
   * Hysteresis: points above the threshold the spread must reach before balancing starts; once started, balancing brings it within the threshold. Default 0 for plan, 5 for the balance service and simulate --cycles.
   */
  margin?: number | string
  /**
   * Worth-it check: least spread gained, in percentage points, per GiB the balancing moves transfer; balancing that would gain less moves nothing. Default 0 (off) for plan; for the balance service and simulate --cycles, 0.02 on nodes of 64 GiB (moving 50 GiB must narrow the spread by a point) and in proportion on others, by the online nodes' mean memory (0.00063 on nodes of 2 TiB).
   */
  minGain?: number
  /**
   * The balance service (and simulate --cycles) balances only once the spread has exceeded threshold plus margin in this many cycles in a row. Default 1.
   */
  persistence?: number
  /**
   * The load the balance service plans from: one sample (off), or the average of the last hour or day of RRD data, for CPU and memory. Default off.
   */
  window?: 'off' | 'hour' | 'day'
  /**
   * The balance service runs cycles only at times matching one of these cron expressions (minute hour day-of-month month day-of-week, UTC), e.g. "* 22-23,0-5 * * *" for nights. Default: any time.
   *
   * @minItems 1
   */
  during?: [string, ...string[]]
}
/**
 * Weights of each resource for the weighted method (relative; 0 leaves a resource out). Default memory 1, cpu 1, disk 0.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Weights".
 */
export interface Weights {
  /**
   * Weight of memory utilisation.
   */
  memory?: number
  /**
   * Weight of CPU utilisation.
   */
  cpu?: number
  /**
   * Weight of local disk utilisation.
   */
  disk?: number
}
/**
 * Nodes and guests proxlb leaves alone. Ignored guests never move; ignored nodes neither give nor receive guests.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Ignore".
 */
export interface Ignore {
  /**
   * Node names (* wildcards allowed).
   */
  nodes?: NodeSelector[]
  /**
   * Guest selectors.
   */
  guests?: GuestSelector[]
}
/**
 * A placement rule. together: all matched guests on one node (they move as one unit). apart: no two matched guests on one node. pin: matched guests only on the listed nodes.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Rule".
 */
export interface Rule {
  /**
   * Name shown in plans and warnings. Default: the rule's type and position.
   */
  name?: string
  /**
   * together, apart or pin.
   */
  type: 'together' | 'apart' | 'pin'
  /**
   * The guests the rule covers.
   *
   * @minItems 1
   */
  guests: [GuestSelector, ...GuestSelector[]]
  /**
   * pin only: the nodes the guests may run on (* wildcards allowed).
   *
   * @minItems 1
   */
  nodes?: [NodeSelector, ...NodeSelector[]]
  /**
   * true: a hard rule no plan breaks. false: a preference, honoured where it costs no hard rule. Default true.
   */
  strict?: boolean
}
/**
 * Nodes being emptied: every movable guest leaves them and nothing arrives.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Maintenance".
 */
export interface Maintenance {
  /**
   * Node names (* wildcards allowed).
   */
  nodes?: NodeSelector[]
}
/**
 * Budgets and safety margins of one plan.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Limits".
 */
export interface Limits {
  /**
   * Most migrations in one plan. Default unlimited.
   */
  maxMoves?: number
  /**
   * Most bytes moved by one plan (guest memory, plus local disks when copied). Default unlimited.
   */
  maxBytesMoved?: number | string
  /**
   * Most migrations running at once in the cluster. Default 2.
   */
  parallel?: number
  /**
   * Most migrations at once touching one node (as source or target). Default 1.
   */
  perNode?: number
  /**
   * Memory every node keeps free after each move: a percentage of the node's memory (10%) or a size (8GiB). Default 0: a node may be filled to 100%.
   */
  headroom?: number | string
  /**
   * Extra memory kept free on particular nodes, by node name (pve1: 16GiB).
   */
  reserve?: {
    [k: string]: Size
  }
  /**
   * How long a guest the balance service migrated stays where it went: balancing does not move it again, and no move sends it back to the node it left, before this much time has passed (remembered in the state folder). Seconds, or a duration: 90m, 6h, 2d. Default 6h.
   */
  cooldown?: number | string
  /**
   * Space every local guest storage keeps free after each move that copies disks onto it: a percentage of the storage's size (10%) or a size (50GiB). Default 0: a storage may be filled up to what it reports free.
   */
  storageReserve?: number | string
}
/**
 * How guests are migrated and which may be.
 *
 * This interface was referenced by `Policy`'s JSON-Schema
 * via the `definition` "Migration".
 */
export interface Migration {
  /**
   * Live-migrate running virtual machines. false: running VMs do not move. Default true.
   */
  online?: boolean
  /**
   * Copy local disks along (with-local-disks). false: guests with local disks stay. Default false.
   */
  withLocalDisks?: boolean
  /**
   * Running containers migrate by restart (shut down, move, start). false: running containers stay. Default true.
   */
  restartContainers?: boolean
  /**
   * Seconds a container gets to shut down before a restart migration (Proxmox default 180).
   */
  restartTimeout?: number
  /**
   * Templates may move. Default false.
   */
  templates?: boolean
  /**
   * HA-managed guests may move (through the HA stack). Default true.
   */
  haManaged?: boolean
  /**
   * Where copied local disks go on the target node, as qm migrate --targetstorage has it: one storage id for every disk (local-zfs), or a mapping from source storage id to target storage id, "*" standing for every storage not named ({local-lvm: local-zfs, "*": local-lvm}). Default: each disk goes to the storage of the same id on the target.
   */
  targetStorage?:
    | string
    | {
        [k: string]: string
      }
}
