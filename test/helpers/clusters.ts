/**
 * Random clusters, for the planner's property tests and its benchmark alike.
 *
 * `clusterRecipe(shape)` is a fast-check arbitrary of small, readable recipes (sizes in
 * GiB, guests and nodes by index): nodes of mixed sizes, guests crowding the first nodes
 * (skew), stopped, locked, template, containers, guests with local disks or PCI
 * devices, rules of every kind from every source (policy, ProxLB tags, HA rules), strict
 * and preferred, ignored guests and nodes, maintenance nodes, budgets. `buildCluster`
 * turns a recipe into a schema-valid snapshot and policy. fast-check shrinks recipes, so
 * a failing property prints a small cluster; the benchmark draws its clusters from the
 * same arbitrary with `sampleCluster(shape, seed)`.
 */
import {FORMATS} from '../../src/model/formats.js'
import fc from 'fast-check'
import type {Method, Mode, NormalizedPolicy, Policy} from '../../src/model/policy.js'
import {normalizePolicy} from '../../src/model/policy.js'
import {snapshotFingerprint, type Guest, type Node, type Snapshot, type Storage} from '../../src/model/snapshot.js'

export const GiB = 2 ** 30

export interface NodeRecipe {
  memory: number
  cores: number
  disk: number
  host: number
  online: boolean
}

export interface GuestRecipe {
  node: number
  /** Assigned memory, GiB. */
  memory: number
  /** Share of the assigned memory in use when running. */
  use: number
  cores: number
  /** Share of the cores in use when running. */
  cpuUse: number
  lxc: boolean
  stopped: boolean
  locked: boolean
  template: boolean
  /** GiB of local disk (0: none). */
  localDisk: number
  device: boolean
  ha: boolean
}

export interface RuleRecipe {
  kind: 'together' | 'apart' | 'pin'
  guests: number[]
  nodes: number[]
  strict: boolean
  /** Where the rule is written: the policy, ProxLB tags (strict only), or HA rules. */
  source: 'policy' | 'tag' | 'ha'
}

export interface PolicyRecipe {
  method: Method
  mode: Mode
  threshold: number
  /** Percent of each node's memory kept free. */
  headroom: number
  maxMoves?: number
  /** GiB. */
  maxBytes?: number
  parallel: number
  perNode: number
  withLocalDisks: boolean
}

/**
 * Storage as PVE reports it (with `ClusterShape.storage`): a local-lvm per node, thin or
 * thick, some nodes without it; every guest's disk on it (or on a shared Ceph pool).
 */
export interface StorageRecipe {
  nodes: {thin: boolean; /** Share of the pool in use (thin) or beyond the volumes (thick). */ used: number; missing: boolean; /** Pool size as a multiple of the node's disk. */ scale: number}[]
  guests: {/** Configured GiB. */ size: number; /** Share of it written. */ written: number; /** Proxmox reports its use. */ known: boolean; ceph: boolean}[]
  /** Percent of each storage kept free. */
  reserve: number
}

export interface ClusterRecipe {
  nodes: NodeRecipe[]
  guests: GuestRecipe[]
  storage?: StorageRecipe
  rules: RuleRecipe[]
  ignoredGuests: number[]
  ignoredNodes: number[]
  maintenance: number[]
  policy: PolicyRecipe
}

export interface ClusterShape {
  nodes: [number, number]
  guests: [number, number]
  /** Rules, ignores, maintenance nodes and guests that cannot move (default true). */
  rules?: boolean
  /** Move and byte budgets (default false). */
  budgets?: boolean
  /** How hard guests crowd the first nodes: 1 is uniform (default 2). */
  skew?: number
  /** Guests may overfill nodes beyond their memory (default: fill to 90% at most). */
  overfull?: boolean
  methods?: Method[]
  /** Guest memory in GiB (default 1 to 32). */
  guestMemory?: [number, number]
  /** Scale guest memory to fill this share of the cluster's memory. */
  fill?: number
  /** Policy settings that are not drawn at random. */
  policy?: Partial<PolicyRecipe>
  /**
   * Storages and volumes as PVE reports them: 'mixed' draws thin and thick pools of any
   * fill; 'roomy' draws overcommitted thin pools (configured far beyond their size) whose
   * free space holds every volume's use, each volume's use known.
   */
  storage?: 'mixed' | 'roomy'
}

const chance = (percent: number) => fc.noBias(fc.integer({min: 0, max: 99})).map((x) => x < percent)

export function clusterRecipe(shape: ClusterShape): fc.Arbitrary<ClusterRecipe> {
  const extras = shape.rules ?? true
  const skew = shape.skew ?? 2
  return fc
    .record({n: fc.integer({min: shape.nodes[0], max: shape.nodes[1]}), m: fc.integer({min: shape.guests[0], max: shape.guests[1]})})
    .chain(({n, m}) =>
      fc.record({
        nodes: fc.array(nodeRecipe(extras), {minLength: n, maxLength: n}),
        guests: fc.array(guestRecipe(n, skew, extras, shape.guestMemory ?? [1, 32]), {minLength: m, maxLength: m}),
        rules: extras && m >= 2 ? fc.array(ruleRecipe(n, m), {maxLength: Math.min(8 + Math.floor(m / 100), Math.ceil(m / 3))}) : fc.constant<RuleRecipe[]>([]),
        ignoredGuests: extras && m > 0 ? fc.uniqueArray(fc.nat(m - 1), {maxLength: 2}) : fc.constant<number[]>([]),
        ignoredNodes: extras && n > 2 ? fc.uniqueArray(fc.nat(n - 1), {maxLength: 1}) : fc.constant<number[]>([]),
        maintenance: extras && n > 2 ? fc.uniqueArray(fc.nat(n - 1), {maxLength: 1}) : fc.constant<number[]>([]),
        policy: policyRecipe(shape),
        ...(shape.storage ? {storage: storageRecipe(n, m, shape.storage)} : {}),
      }),
    )
    .map((recipe) => {
      const guests = shape.fill === undefined ? recipe.guests : scaled(recipe.nodes, recipe.guests, shape.fill)
      return {...recipe, guests: shape.overfull ? guests : fitPlacement(recipe.nodes, guests), policy: {...recipe.policy, ...shape.policy}}
    })
}

function nodeRecipe(extras: boolean): fc.Arbitrary<NodeRecipe> {
  return fc.record({
    memory: fc.constantFrom(32, 64, 128, 256, 512),
    cores: fc.constantFrom(8, 16, 32, 64),
    disk: fc.constantFrom(200, 500, 1000, 2000),
    host: fc.integer({min: 1, max: 8}),
    online: extras ? chance(95) : fc.constant(true),
  })
}

function guestRecipe(nodes: number, skew: number, extras: boolean, memory: [number, number]): fc.Arbitrary<GuestRecipe> {
  const rare = (percent: number) => (extras ? chance(percent) : fc.constant(false))
  return fc.record({
    node: fc.noBias(fc.integer({min: 0, max: 9999})).map((r) => Math.min(nodes - 1, Math.floor(nodes * (r / 10000) ** skew))),
    memory: fc.integer({min: memory[0] * 4, max: memory[1] * 4}).map((q) => q / 4),
    use: fc.integer({min: 30, max: 100}).map((p) => p / 100),
    cores: fc.integer({min: 1, max: 8}),
    cpuUse: fc.integer({min: 0, max: 100}).map((p) => p / 100),
    lxc: chance(20),
    stopped: rare(12),
    locked: rare(3),
    template: rare(2),
    localDisk: rare(8).chain((has) => (has ? fc.integer({min: 10, max: 100}) : fc.constant(0))),
    device: rare(3),
    ha: chance(20),
  })
}

function storageRecipe(nodes: number, guests: number, kind: 'mixed' | 'roomy'): fc.Arbitrary<StorageRecipe> {
  const roomy = kind === 'roomy'
  return fc.record({
    nodes: fc.array(
      fc.record({
        thin: roomy ? fc.constant(true) : chance(70),
        used: fc.integer({min: roomy ? 5 : 0, max: roomy ? 30 : 98}).map((p) => p / 100),
        missing: roomy ? fc.constant(false) : chance(10),
        scale: roomy ? fc.constant(40) : fc.constantFrom(0.1, 0.25, 0.5, 1),
      }),
      {minLength: nodes, maxLength: nodes},
    ),
    guests: fc.array(
      fc.record({
        size: roomy ? fc.integer({min: 200, max: 2000}) : fc.integer({min: 4, max: 400}),
        written: fc.integer({min: 1, max: roomy ? 5 : 100}).map((p) => p / 100),
        known: roomy ? fc.constant(true) : chance(50),
        ceph: roomy ? fc.constant(false) : chance(15),
      }),
      {minLength: guests, maxLength: guests},
    ),
    reserve: roomy ? fc.constant(0) : fc.constantFrom(0, 0, 5, 10),
  })
}

function ruleRecipe(nodes: number, guests: number): fc.Arbitrary<RuleRecipe> {
  return fc
    .record({
      kind: fc.constantFrom('together' as const, 'apart' as const, 'pin' as const),
      guests: fc.uniqueArray(fc.nat(guests - 1), {minLength: 2, maxLength: Math.min(4, guests)}),
      nodes: fc.uniqueArray(fc.nat(nodes - 1), {minLength: 1, maxLength: Math.max(1, nodes - 1)}),
      strict: chance(80),
      source: fc.constantFrom('policy' as const, 'tag' as const, 'ha' as const),
    })
    .map((r) => ({...r, guests: r.kind === 'pin' ? r.guests.slice(0, 1) : r.guests, source: !r.strict && r.source !== 'policy' && !(r.source === 'ha' && r.kind === 'pin') ? 'policy' : r.source}))
}

function policyRecipe(shape: ClusterShape): fc.Arbitrary<PolicyRecipe> {
  const budgets = shape.budgets ?? false
  return fc.record(
    {
      method: fc.constantFrom(...(shape.methods ?? (['memory', 'memory', 'cpu', 'disk', 'weighted'] as Method[]))),
      mode: fc.constantFrom('used' as const, 'assigned' as const),
      threshold: fc.constantFrom(0, 5, 10, 10, 15, 25),
      headroom: fc.constantFrom(0, 0, 5, 10),
      maxMoves: budgets ? fc.integer({min: 0, max: 6}) : fc.constant(undefined),
      maxBytes: budgets ? fc.integer({min: 0, max: 80}) : fc.constant(undefined),
      parallel: fc.integer({min: 1, max: 4}),
      perNode: fc.integer({min: 1, max: 2}),
      withLocalDisks: fc.boolean(),
    },
    {requiredKeys: ['method', 'mode', 'threshold', 'headroom', 'parallel', 'perNode', 'withLocalDisks']},
  )
}

/** Guests with their memory scaled to fill a share of the nodes' memory. */
function scaled(nodes: readonly NodeRecipe[], guests: readonly GuestRecipe[], fill: number): GuestRecipe[] {
  const total = guests.reduce((sum, g) => sum + g.memory, 0)
  const factor = total > 0 ? (fill * nodes.reduce((sum, n) => sum + n.memory, 0)) / total : 1
  return guests.map((g) => ({...g, memory: g.memory * factor}))
}

/** Guests that would fill a node beyond 90% of its memory go to the next node with room. */
function fitPlacement(nodes: readonly NodeRecipe[], guests: readonly GuestRecipe[]): GuestRecipe[] {
  const used = nodes.map((n) => n.host)
  return guests.map((g) => {
    for (let k = 0; k < nodes.length; k++) {
      const node = (g.node + k) % nodes.length
      if (used[node] + g.memory <= nodes[node].memory * 0.9) {
        used[node] += g.memory
        return {...g, node}
      }
    }
    return g
  })
}

export interface Cluster {
  snapshot: Snapshot
  policy: NormalizedPolicy
  document: Policy
}

export function buildCluster(recipe: ClusterRecipe): Cluster {
  const width = String(recipe.nodes.length).length
  const nodeName = (i: number) => `pve${String(i + 1).padStart(width, '0')}`
  const vmid = (i: number) => 100 + i

  const tags: string[][] = recipe.guests.map(() => [])
  const haRules: NonNullable<NonNullable<Snapshot['ha']>['rules']> = []
  const policyRules: NonNullable<Policy['rules']> = []
  recipe.rules.forEach((rule, k) => {
    const name = `r${k}`
    if (rule.source === 'tag') {
      for (const g of rule.guests) {
        if (rule.kind === 'pin') tags[g].push(...rule.nodes.map((n) => `plb_pin_${nodeName(n)}`))
        else tags[g].push(`${rule.kind === 'together' ? 'plb_affinity_' : 'plb_anti_affinity_'}${name}`)
      }
    } else if (rule.source === 'ha') {
      haRules.push(
        rule.kind === 'pin'
          ? {id: name, type: 'node-affinity', resources: rule.guests.map(vmid), nodes: rule.nodes.map((n, i) => ({node: nodeName(n), priority: i % 2})), strict: rule.strict}
          : {id: name, type: 'resource-affinity', resources: rule.guests.map(vmid), affinity: rule.kind === 'together' ? 'positive' : 'negative'},
      )
    } else {
      policyRules.push({name, type: rule.kind, guests: rule.guests.map(vmid) as [number, ...number[]], ...(rule.kind === 'pin' ? {nodes: rule.nodes.map(nodeName) as [string, ...string[]]} : {}), strict: rule.strict})
    }
  })
  recipe.ignoredGuests.forEach((g, i) => {
    if (i % 2 === 0) tags[g].push('plb_ignore_vm')
  })

  const guests: Guest[] = recipe.guests.map((g, i) => {
    const running = !g.stopped
    const assigned = Math.round(g.memory * GiB)
    return {
      vmid: vmid(i),
      name: `${g.lxc ? 'ct' : 'vm'}-${vmid(i)}`,
      type: g.lxc ? 'lxc' : 'qemu',
      node: nodeName(g.node),
      status: running ? 'running' : 'stopped',
      template: g.template,
      tags: tags[i],
      ...(g.locked ? {lock: 'backup'} : {}),
      cpu: {cores: g.cores, used: running ? g.cores * g.cpuUse : 0},
      memory: {assigned, used: running ? Math.round(assigned * g.use) : 0},
      disk: {assigned: 32 * GiB, used: 32 * GiB},
      ...(g.ha ? {ha: {managed: true, state: 'started'}} : {}),
      migration: {
        localDisks: g.localDisk ? [{key: g.lxc ? 'rootfs' : 'scsi0', storage: 'local-lvm', size: g.localDisk * GiB}] : [],
        localResources: g.device ? ['hostpci0'] : [],
      },
    }
  })
  const storages = recipe.storage ? storageOf(recipe, guests, nodeName) : undefined

  const nodes: Node[] = recipe.nodes.map((n, i) => {
    const mine = guests.filter((g) => g.node === nodeName(i))
    const running = mine.filter((g) => g.status === 'running')
    return {
      name: nodeName(i),
      status: n.online ? 'online' : 'offline',
      maintenance: false,
      cpu: {cores: n.cores, used: 0.5 + running.reduce((s, g) => s + g.cpu.used, 0)},
      memory: {total: n.memory * GiB, used: n.host * GiB + running.reduce((s, g) => s + g.memory.used, 0)},
      disk: storages ? localStorage(storages, nodeName(i)) : {total: n.disk * GiB, used: 8 * GiB + mine.reduce((s, g) => s + (g.migration?.localDisks ?? []).reduce((t, d) => t + d.size, 0), 0)},
    }
  })

  const snapshot: Snapshot = {
    format: FORMATS.snapshot,
    takenAt: '2026-11-21T10:00:00Z',
    source: {kind: 'example', tool: 'test/helpers/clusters.ts'},
    cluster: {name: 'random', quorate: true},
    nodes,
    guests,
    ...(storages ? {storages} : {}),
    ...(haRules.length ? {ha: {rules: haRules}} : {}),
  }
  snapshot.fingerprint = snapshotFingerprint(snapshot)

  const p = recipe.policy
  const document: Policy = {
    apiVersion: 'proxlb/v1',
    balance: {method: p.method, mode: p.mode, threshold: p.threshold},
    ignore: {nodes: recipe.ignoredNodes.map(nodeName), guests: recipe.ignoredGuests.filter((_, i) => i % 2 === 1).map(vmid)},
    rules: policyRules,
    maintenance: {nodes: recipe.maintenance.map(nodeName)},
    limits: {
      ...(p.maxMoves !== undefined ? {maxMoves: p.maxMoves} : {}),
      ...(p.maxBytes !== undefined ? {maxBytesMoved: `${p.maxBytes}GiB`} : {}),
      parallel: p.parallel,
      perNode: p.perNode,
      headroom: `${p.headroom}%`,
      ...(recipe.storage?.reserve ? {storageReserve: `${recipe.storage.reserve}%`} : {}),
    },
    migration: {withLocalDisks: p.withLocalDisks},
  }
  const policy = normalizePolicy(document, (path, message) => {
    throw new Error(`generated policy invalid at ${path.join('.')}: ${message}`)
  }, () => {})
  return {snapshot, policy, document}
}

/**
 * The storages of a recipe with storage, its guests' volumes put on them (in place): a
 * local-lvm per node unless missing, the shared Ceph pool on every node. Nodes report
 * their local guest storage as their disk.
 */
function storageOf(recipe: ClusterRecipe, guests: Guest[], nodeName: (i: number) => string): Storage[] {
  const s = recipe.storage!
  guests.forEach((g, i) => {
    const v = s.guests[i]
    const size = v.size * GiB
    const disk = {key: g.type === 'lxc' ? 'rootfs' : 'scsi0', size, ...(v.known ? {used: Math.round(size * v.written)} : {})}
    g.disk = {assigned: size, used: size}
    g.migration = {...g.migration, localDisks: v.ceph ? [] : [{...disk, storage: 'local-lvm'}], ...(v.ceph ? {sharedDisks: [{...disk, storage: 'ceph'}]} : {})}
  })
  const storages: Storage[] = []
  recipe.nodes.forEach((n, i) => {
    const name = nodeName(i)
    const node = s.nodes[i]
    const volumes = guests.filter((g) => g.node === name).flatMap((g) => g.migration?.localDisks ?? [])
    if (node.missing && volumes.length === 0) return
    const configured = volumes.reduce((sum, d) => sum + d.size, 0)
    const written = volumes.reduce((sum, d) => sum + (d.used ?? d.size * 0.5), 0)
    const total = Math.round(Math.max(n.disk * GiB * node.scale, node.thin ? written / 0.9 : configured / 0.9))
    const used = Math.round(Math.min(total, node.thin ? Math.max(written, node.used * total) : configured + node.used * (total - configured)))
    storages.push({id: 'local-lvm', node: name, type: node.thin ? 'lvmthin' : 'lvm', shared: false, thin: node.thin, content: ['images', 'rootdir'], total, used, free: total - used, enabled: true, active: true})
    storages.push({id: 'ceph', node: name, type: 'rbd', shared: true, thin: true, content: ['images', 'rootdir'], total: 100 * 2 ** 40, used: 30 * 2 ** 40, enabled: true, active: true})
  })
  return storages
}

function localStorage(storages: readonly Storage[], node: string): Node['disk'] {
  const local = storages.filter((s) => s.node === node && !s.shared)
  return {total: local.reduce((sum, s) => sum + (s.total ?? 0), 0), used: local.reduce((sum, s) => sum + (s.used ?? 0), 0)}
}

/** One cluster of a shape, the same for the same seed: for benchmarks. */
export function sampleCluster(shape: ClusterShape, seed: number): Cluster {
  const [recipe] = fc.sample(clusterRecipe(shape), {seed, numRuns: 1})
  return buildCluster(recipe)
}

/** A recipe with an order of its nodes and one of its guests, to shuffle the snapshot by (`shuffled`). */
export function permutedRecipe(shape: ClusterShape): fc.Arbitrary<[ClusterRecipe, number[], number[]]> {
  const order = (n: number) => fc.shuffledSubarray([...Array(n).keys()], {minLength: n, maxLength: n})
  return clusterRecipe(shape).chain((recipe) => fc.tuple(fc.constant(recipe), order(recipe.nodes.length), order(recipe.guests.length)))
}

/** The same cluster with its nodes, guests and HA rules listed in another order. */
export function shuffled(snapshot: Snapshot, nodeOrder: readonly number[], guestOrder: readonly number[]): Snapshot {
  return {
    ...snapshot,
    nodes: nodeOrder.map((i) => snapshot.nodes[i]),
    guests: guestOrder.map((i) => snapshot.guests[i]),
    ...(snapshot.ha ? {ha: {rules: [...snapshot.ha.rules!].reverse()}} : {}),
  }
}
