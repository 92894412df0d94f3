/* Generated from schemas/simulation.v1.json by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */

/**
 * What proxlb simulate --json prints: each node now, after the changes and after the plan; what does not fit; whether the cluster survives the loss of any one node; headroom for new guests; policies compared.
 */
export interface Simulation {
  /**
   * The format and its version: always proxlb.simulation/v1 for this schema.
   */
  format: 'proxlb.simulation/v1'
  /**
   * When the simulation ran.
   */
  createdAt: string
  /**
   * The program.
   */
  tool: {
    /**
     * Always proxlb.
     */
    name: 'proxlb'
    /**
     * proxlb version.
     */
    version: string
  }
  /**
   * Cluster name.
   */
  cluster: string
  /**
   * The snapshot simulated.
   */
  snapshot: {
    /**
     * As given.
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
  }
  /**
   * The policy planned with.
   */
  policy: {
    /**
     * As given.
     */
    label: string
    /**
     * Its name.
     */
    name?: string
    /**
     * Its hash.
     */
    hash: string
  }
  /**
   * The scenario file, if any.
   */
  scenario?: {
    /**
     * As given.
     */
    file: string
    /**
     * Its name.
     */
    name?: string
    /**
     * Its description.
     */
    description?: string
  }
  /**
   * The plan applied first with --plan.
   */
  appliedPlan?: {
    /**
     * As given.
     */
    file: string
    /**
     * Its moves.
     */
    moves: number
  }
  /**
   * What each change did.
   *
   * Items: One change: kind, origin, summary, placed and not placed guests.
   */
  changes: {}[]
  plan: Plan
  /**
   * Each node now, after the changes, after the plan.
   *
   * Items: One node: name, role, now, changed, after (metrics as in a plan).
   */
  nodes: {}[]
  /**
   * Spread of the balanced resource, percentage points.
   */
  spread: {
    /**
     * Before any change.
     */
    now: number
    /**
     * After the changes.
     */
    changed: number
    /**
     * After the plan.
     */
    after: number
    /**
     * The policy's threshold.
     */
    threshold: number
  }
  /**
   * Guests the changes or the plan could not place.
   *
   * Items: One guest and why.
   */
  notPlaced: {}[]
  /**
   * Whether the cluster survives the loss of any one node: survivesAnyOneNode, method, losses.
   */
  resilience: {}
  /**
   * How many more guests of each --add-guests size fit, and where.
   *
   * Items: One batch.
   */
  headroom: {}[]
  /**
   * Policies compared (--compare-policy), the main one first.
   *
   * Items: One policy's outcome.
   */
  comparison: {}[]
  /**
   * The predicted cluster (written with --out).
   */
  predicted: {
    /**
     * Its fingerprint.
     */
    fingerprint: string
    /**
     * What it is.
     */
    note: string
  }
  /**
   * Warnings, one sentence each.
   *
   * Items: A warning.
   */
  warnings: string[]
}
/**
 * The migrations proxlb proposes for one snapshot under one policy, with the evidence to review them and the preconditions apply checks before anything moves. Memory and disk in bytes, CPU in cores. moves[] entries carry at least vmid, name, from, to, reason; summary.moves is the move count.
 */
export interface Plan {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string
  /**
   * The format and its version: always proxlb.plan/v1 for this schema. Files written by earlier builds of proxlb carry "schemaVersion": 1 instead; proxlb reads them as proxlb.plan/v1.
   */
  format: 'proxlb.plan/v1'
  /**
   * When the plan was made (ISO-8601, UTC; SOURCE_DATE_EPOCH when set, for reproducible plans).
   */
  createdAt: string
  /**
   * The program that made the plan.
   */
  tool: {
    /**
     * Always proxlb.
     */
    name: string
    /**
     * proxlb version.
     */
    version: string
  }
  snapshot: SnapshotRef
  policy: PolicyRef
  balance: BalanceResult
  summary: Summary
  /**
   * Migrations in execution order (by wave, then as listed). Each guest appears at most once.
   */
  moves: Move[]
  /**
   * Every node with its load before and after the plan.
   */
  nodes: NodeResult[]
  /**
   * What the plan could not do or the reviewer should know: unmovable guests, unsatisfiable rules, budgets reached.
   */
  warnings: Warning[]
  scope?: Scope
}
/**
 * The snapshot the plan was made from.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "SnapshotRef".
 */
export interface SnapshotRef {
  /**
   * Fingerprint of the snapshot's content (sha256).
   */
  fingerprint: string
  /**
   * When the snapshot was taken.
   */
  takenAt: string
  /**
   * Cluster name. Apply refuses the plan on a cluster of another name, and on one where none of the guests it moves has its id, name and type.
   */
  cluster: string
  /**
   * API endpoint the snapshot was read from, if any (never credentials).
   */
  endpoint?: string
}
/**
 * The policy the plan was made under, embedded so apply can re-plan with it.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "PolicyRef".
 */
export interface PolicyRef {
  /**
   * Policy name, if it has one.
   */
  name?: string
  /**
   * sha256 of the canonical JSON of document.
   */
  hash: string
  /**
   * The policy as a Policy v1 document with every default filled in and sizes in bytes.
   */
  document: {}
}
/**
 * How balanced the cluster is before and after, measured the policy's way.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "BalanceResult".
 */
export interface BalanceResult {
  /**
   * Balanced resource.
   */
  method: 'memory' | 'cpu' | 'disk' | 'weighted'
  /**
   * used or assigned.
   */
  mode: 'used' | 'assigned'
  /**
   * Allowed spread in percentage points.
   */
  threshold: number
  /**
   * Percentage points between the most and least utilised eligible node before the plan.
   */
  spreadBefore: number
  /**
   * The same after the plan.
   */
  spreadAfter: number
  /**
   * spreadAfter is within threshold.
   */
  reached: boolean
  /**
   * Why the threshold was not reached, when it was not: the move or byte budget, the rules, or capacity (no move improves the balance without breaking a rule or overfilling a node).
   */
  limitedBy?: 'budget' | 'rules' | 'capacity'
  /**
   * Why balancing moved nothing though the spread is above the threshold, when it did so on purpose (the policy's calm settings): margin (within threshold plus balance.margin), persistence (not yet balance.persistence cycles in a row), not-worth-it (fewer points gained per GiB moved than balance.minGain).
   */
  held?: 'margin' | 'persistence' | 'not-worth-it'
  /**
   * How many of the moves repair a broken rule or honour a preference (reasons maintenance, pin, apart, together, capacity, preference) rather than balance. Repairs come first, even on a balanced cluster, and may widen the spread.
   */
  rulesRepaired?: number
  /**
   * Present and true when spreadAfter is above spreadBefore: the repairs (rulesRepaired) put load where balancing could not take it back.
   */
  worsened?: boolean
}
/**
 * The plan in a few numbers.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Summary".
 */
export interface Summary {
  /**
   * no-changes: nothing to do; changes: migrations are planned.
   */
  status: 'no-changes' | 'changes'
  /**
   * Number of migrations.
   */
  moves: number
  /**
   * Bytes the migrations transfer (guest memory, plus local disks when copied).
   */
  bytesMoved: number
  /**
   * Number of waves.
   */
  waves: number
  /**
   * Number of warnings.
   */
  warnings: number
  /**
   * One sentence for humans.
   */
  message: string
}
/**
 * One migration.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Move".
 */
export interface Move {
  /**
   * Guest id.
   */
  vmid: number
  /**
   * Guest name.
   */
  name: string
  /**
   * qemu or lxc.
   */
  type: 'qemu' | 'lxc'
  /**
   * Source node.
   */
  from: string
  /**
   * Target node.
   */
  to: string
  /**
   * Why the guest moves: balance, maintenance (its node is being emptied), apart, together, pin (a rule is repaired), capacity (its node is over its memory limit), or preference (a non-strict rule is honoured).
   */
  reason: 'balance' | 'maintenance' | 'apart' | 'together' | 'pin' | 'capacity' | 'preference'
  /**
   * The reason in one human sentence.
   */
  detail: string
  /**
   * Name of the rule the move serves, if any.
   */
  rule?: string
  /**
   * Wave number, from 1. Waves run in order; the moves of one wave may run in parallel within the limits.
   */
  wave: number
  /**
   * online: live migration of a running VM; restart: a running container is shut down, moved and started; offline: a stopped guest.
   */
  method: 'online' | 'restart' | 'offline'
  /**
   * Local disks are copied along.
   */
  withLocalDisks: boolean
  /**
   * Memory the guest occupies on the target (as the policy counts it), in bytes.
   */
  memory: number
  /**
   * Bytes transferred: memory for live migrations plus local disks when copied.
   */
  bytes: number
  /**
   * The local disks the migration copies, one entry per volume the snapshot lists, with the storage each goes to on the target and the bytes it will occupy there. Absent when nothing is copied.
   */
  disks?: CopiedDisk[]
  precondition: Precondition
}
/**
 * One local volume a migration copies.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "CopiedDisk".
 */
export interface CopiedDisk {
  /**
   * Configuration key (scsi0, rootfs, mp0 ...).
   */
  key: string
  /**
   * Storage id the volume is on now.
   */
  storage: string
  /**
   * Storage id it goes to on the target node (the same id, or as migration.targetStorage maps it).
   */
  targetStorage: string
  /**
   * Bytes the volume will occupy on the target storage, as the planner counted them against its free space.
   */
  bytes: number
  /**
   * used: what the volume occupies now (known, and the target storage is thin); configured: its configured size, a safe upper bound (its use is not known, or the target storage is thick).
   */
  estimate: 'used' | 'configured'
}
/**
 * What apply expects of the guest before migrating it, besides its id, name and type (the move's): if the live cluster differs, the plan is stale.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Precondition".
 */
export interface Precondition {
  /**
   * Node the guest must be on.
   */
  node: string
  /**
   * Run state the guest must be in.
   */
  status: 'running' | 'stopped' | 'paused' | 'unknown'
  /**
   * Lock the guest had (absent: none). Apply refuses a locked guest.
   */
  lock?: string
}
/**
 * A node before and after the plan.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "NodeResult".
 */
export interface NodeResult {
  /**
   * Node name.
   */
  name: string
  /**
   * active: gives and receives guests; ignored: left alone by the policy; maintenance: being emptied; offline: not online.
   */
  role: 'active' | 'ignored' | 'maintenance' | 'offline'
  before: NodeMetrics
  after: NodeMetrics
}
/**
 * Load of a node as the policy measures it.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "NodeMetrics".
 */
export interface NodeMetrics {
  /**
   * Guests on the node.
   */
  guests: number
  memory: Usage
  cpu: Usage
  disk: Usage
  /**
   * Utilisation of the balanced resource (method and mode of the policy), in percent of capacity.
   */
  utilisation: number
}
/**
 * Load and capacity of one resource (bytes, or cores for cpu).
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Usage".
 */
export interface Usage {
  /**
   * Load as the policy's mode counts it (host base load plus guests).
   */
  load: number
  /**
   * Capacity of the node.
   */
  capacity: number
}
/**
 * Something the reviewer should know.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Warning".
 */
export interface Warning {
  /**
   * unmovable: guests that cannot move and stay; unsatisfiable: a rule no placement can satisfy; no-room: guests that must leave a node but fit nowhere; budget: a limit stopped the plan; second-pass: some guests would have to migrate twice, which one plan never does, so planning again once this plan has run may move more; stale-snapshot: the snapshot's stored fingerprint did not match; conflict: another balancer (Proxmox HA auto-rebalance) is active; quorum: the cluster had no quorum; storage: disk space was not checked (the snapshot carries no storage information); unmatched: a policy entry (ignore, maintenance, rule, reserve) matches no guest or node of the snapshot, or a rule only one guest (usually a typo).
   */
  code:
    | 'unmovable'
    | 'unsatisfiable'
    | 'no-room'
    | 'budget'
    | 'second-pass'
    | 'stale-snapshot'
    | 'conflict'
    | 'quorum'
    | 'storage'
    | 'unmatched'
  /**
   * One human sentence.
   */
  message: string
  /**
   * Guests concerned.
   */
  guests?: number[]
  /**
   * Nodes concerned.
   */
  nodes?: string[]
  /**
   * Rule concerned.
   */
  rule?: string
}
/**
 * Present when only some guests could move: those on these nodes (a drain empties its node and moves nothing else; rules broken elsewhere stay broken and are listed in warnings). Absent: every guest could move.
 *
 * This interface was referenced by `Plan`'s JSON-Schema
 * via the `definition` "Scope".
 */
export interface Scope {
  /**
   * Nodes whose guests the plan could move.
   */
  nodes: string[]
}
