/* Generated from schemas/scenario.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * A new, empty, online node: the text form NAME:MEMORY/CORES[/DISK] (pve6:256GiB/32cores/2TiB) or a mapping
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "AddNode".
 */
export type AddNode = string | NodeSpec
/**
 * One node name, or a list of node names (removeNode: decommissioned, its guests placed elsewhere; drain: put in maintenance, the plan empties it; fail: goes offline, its running guests restart elsewhere)
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "NodeNames".
 */
export type NodeNames = string | [string, ...string[]]
/**
 * Every guest (or those selected) uses and is assigned more (or, with -, less) of some resources: the text form memory=+20%,cpu=+10% or a mapping
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Grow".
 */
export type Grow = string | GrowSpec
/**
 * A guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*).
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "GuestSelector".
 */
export type GuestSelector = number | string
/**
 * New running guests of one size, placed where they fit best: the text form COUNTxMEMORY/CORES[/DISK][,type=lxc][,name=web][,tag=web][,pool=prod][,storage=local] (20x8GiB/4cores) or a mapping
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "AddGuests".
 */
export type AddGuests = string | GuestsSpec
/**
 * A change in percent such as +20%, -10% or 20
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Percent".
 */
export type Percent = number | string
/**
 * A size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Size".
 */
export type Size = number | string

/**
 * A what-if for proxlb simulate, written in YAML: a list of changes applied in order to a snapshot (nodes added, removed, drained or failing; guests added or growing), after which proxlb plans, checks resilience and headroom. The same changes can be given as command-line flags (--add-node, --remove-node, --grow, --add-guests, --drain, --fail).
 */
export interface Scenario {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string
  /**
   * Version of the scenario format. This schema describes proxlb/v1.
   */
  apiVersion: 'proxlb/v1'
  /**
   * Always Scenario.
   */
  kind?: 'Scenario'
  /**
   * Short name of the scenario, shown in reports.
   */
  name?: string
  /**
   * What the scenario asks.
   */
  description?: string
  /**
   * Changes, applied in the order listed.
   */
  changes: Change[]
}
/**
 * One change: an entry with exactly one of addNode, removeNode, grow, addGuests, drain or fail
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "Change".
 */
export interface Change {
  addNode?: AddNode
  removeNode?: NodeNames
  grow?: Grow
  addGuests?: AddGuests
  drain?: NodeNames
  fail?: NodeNames
}
/**
 * A new node's name and size.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "NodeSpec".
 */
export interface NodeSpec {
  /**
   * Node name; must not exist yet.
   */
  name: string
  /**
   * Physical memory.
   */
  memory: number | string
  /**
   * Logical CPUs.
   */
  cores: number
  /**
   * Local guest storage. Default: the smallest of the existing nodes.
   */
  disk?: number | string
}
/**
 * Growth per resource, in percent.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "GrowSpec".
 */
export interface GrowSpec {
  /**
   * Change of memory used and assigned.
   */
  memory?: number | string
  /**
   * Change of CPU used and vCPUs assigned.
   */
  cpu?: number | string
  /**
   * Change of disk used and assigned (local disks included).
   */
  disk?: number | string
  /**
   * Only guests matching any of these selectors grow. Default: every guest.
   *
   * @minItems 1
   */
  guests?: [GuestSelector, ...GuestSelector[]]
}
/**
 * New guests of one size. They are assumed to use all the memory and CPU they are given.
 *
 * This interface was referenced by `Scenario`'s JSON-Schema
 * via the `definition` "GuestsSpec".
 */
export interface GuestsSpec {
  /**
   * How many guests.
   */
  count: number
  /**
   * Memory of each guest.
   */
  memory: number | string
  /**
   * vCPUs of each guest.
   */
  cores: number
  /**
   * Disk of each guest. Default 0.
   */
  disk?: number | string
  /**
   * shared (default): the disk is on shared storage; local: on the node's local storage, which must have room.
   */
  storage?: 'shared' | 'local'
  /**
   * qemu (default) or lxc.
   */
  type?: 'qemu' | 'lxc'
  /**
   * Name prefix: guests are called NAME-1, NAME-2 ... Default new.
   */
  name?: string
  /**
   * Tags of each guest (ProxLB tags such as plb_exclude_web apply).
   */
  tags?: string[]
  /**
   * Resource pool of each guest.
   */
  pool?: string
}
