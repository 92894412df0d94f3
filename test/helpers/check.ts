/**
 * An independent referee for plans: does a plan keep every hard rule, at the end and
 * between waves, and does it say what it leaves broken?
 *
 * It reads the rules from the compiled placement model (what the policy and tags mean
 * is checked by the policy tests) but shares no code with the planner's search: loads,
 * violations and wave peaks are recomputed here from scratch, the simple way.
 */
import type {Plan} from '../../src/model/plan.js'
import type {NormalizedPolicy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {compilePolicy, type ModelRule, type PlacementModel} from '../../src/policy/compile.js'

export interface Broken {
  kind: 'capacity' | 'maintenance' | 'pin' | 'apart' | 'together'
  strict: boolean
  rule?: string
  /** vmids */
  guests: number[]
  nodes: string[]
  /** Fewest moves that could repair it. */
  size: number
}

/** Memory load of each node for a placement (node index by guest index). */
export function memoryLoads(model: PlacementModel, placement: ArrayLike<number>): number[] {
  const loads = model.nodes.map((n) => n.base.memory)
  model.guests.forEach((g, i) => (loads[placement[i]] += g.load.memory))
  return loads
}

/** Utilisation (percent) of every active node for a placement, as the policy measures it. */
export function utilisations(model: PlacementModel, placement: ArrayLike<number>): Map<number, number> {
  const loads = model.nodes.map((n) => ({...n.base}))
  model.guests.forEach((g, i) => {
    const l = loads[placement[i]]
    l.memory += g.load.memory
    l.cpu += g.load.cpu
    l.disk += g.load.disk
  })
  const w = model.weights
  const ratio = (load: number, cap: number) => (cap > 0 ? load / cap : load > 0 ? 1 : 0)
  const out = new Map<number, number>()
  for (const n of model.nodes) {
    if (n.role !== 'active') continue
    const l = loads[n.index]
    const c = n.capacity
    out.set(n.index, (100 * (w.memory * ratio(l.memory, c.memory) + w.cpu * ratio(l.cpu, c.cpu) + w.disk * ratio(l.disk, c.disk))) / (w.memory + w.cpu + w.disk))
  }
  return out
}

export function spreadOf(model: PlacementModel, placement: ArrayLike<number>): number {
  const u = [...utilisations(model, placement).values()]
  return u.length < 2 ? 0 : Math.max(...u) - Math.min(...u)
}

/** Every broken rule of a placement, strict ones and preferences. */
export function brokenRules(model: PlacementModel, placement: ArrayLike<number>): Broken[] {
  const out: Broken[] = []
  const vmid = (i: number) => model.guests[i].vmid
  const name = (n: number) => model.nodes[n].name
  memoryLoads(model, placement).forEach((load, n) => {
    if (model.nodes[n].role === 'active' && load > model.nodes[n].memoryLimit) out.push({kind: 'capacity', strict: true, guests: [], nodes: [name(n)], size: 1})
  })
  for (const node of model.nodes) {
    if (node.role !== 'maintenance') continue
    const left = model.guests.filter((g) => g.movable && placement[g.index] === node.index).map((g) => g.vmid)
    if (left.length) out.push({kind: 'maintenance', strict: true, guests: left, nodes: [node.name], size: left.length})
  }
  for (const g of model.guests) {
    if (g.pinned && !g.pinned.includes(placement[g.index])) out.push({kind: 'pin', strict: true, guests: [g.vmid], nodes: [name(placement[g.index])], size: 1})
  }
  for (const rule of model.rules) {
    const byNode = new Map<number, number[]>()
    for (const m of rule.members) byNode.set(placement[m], [...(byNode.get(placement[m]) ?? []), m])
    if (rule.kind === 'pin' && !rule.strict) {
      for (const m of rule.members) if (!(rule.nodes ?? []).includes(placement[m])) out.push({kind: 'pin', strict: false, rule: rule.name, guests: [vmid(m)], nodes: [name(placement[m])], size: 1})
    } else if (rule.kind === 'apart') {
      for (const [n, members] of byNode) if (members.length > 1) out.push({kind: 'apart', strict: rule.strict, rule: rule.name, guests: members.map(vmid), nodes: [name(n)], size: members.length - 1})
    } else if (rule.kind === 'together' && byNode.size > 1) {
      const most = Math.max(...[...byNode.values()].map((m) => m.length))
      out.push({kind: 'together', strict: rule.strict, rule: rule.name, guests: rule.members.map(vmid), nodes: [...byNode.keys()].map(name), size: rule.members.length - most})
    }
  }
  return out
}

export function countBroken(broken: readonly Broken[]): {hard: number; soft: number} {
  let hard = 0
  let soft = 0
  for (const b of broken) b.strict ? (hard += b.size) : (soft += b.size)
  return {hard, soft}
}

/** The placement a plan leads to. */
export function finalPlacement(model: PlacementModel, plan: Plan): Int32Array {
  const placement = Int32Array.from(model.guests, (g) => g.node)
  const guestIndex = new Map(model.guests.map((g) => [g.vmid, g.index]))
  const nodeIndex = new Map(model.nodes.map((n) => [n.name, n.index]))
  for (const m of plan.moves) placement[guestIndex.get(m.vmid)!] = nodeIndex.get(m.to)!
  return placement
}

/**
 * The bytes guest `g` copies onto each local storage of node `to` of known size, found
 * the simple way: the storage of the volume's target id on that node, its used bytes on
 * thin storage where known, else its configured size. Missing or unusable storages are
 * problems.
 */
function copies(model: PlacementModel, g: number, to: number, problems: string[], vmid: number): {storage: number; bytes: number}[] {
  const storage = model.storage
  if (!storage) return []
  const out: {storage: number; bytes: number}[] = []
  for (const v of storage.volumes[g]) {
    const id = storage.ids[v.target]
    const st = storage.storages.find((s) => s.node === to && s.id === id)
    if (!st) {
      problems.push(`guest ${vmid} copies ${v.key} to ${model.nodes[to].name}, which has no storage ${id}`)
      continue
    }
    if (!st.usable || (st.content && !st.content.includes(model.guests[g].type === 'lxc' ? 'rootdir' : 'images'))) problems.push(`guest ${vmid} copies ${v.key} to storage ${id} on ${model.nodes[to].name}, which cannot take it`)
    if (!st.shared && st.limit !== Number.POSITIVE_INFINITY) out.push({storage: st.index, bytes: st.thin && v.used !== undefined ? v.used : v.size})
  }
  return out
}

/**
 * What is wrong with a plan, as sentences (empty when nothing is): moves that are not
 * allowed, waves that overfill a node or break an apart rule on the way, rules broken at
 * the end that were not before, and rules left broken without a warning saying so.
 */
export function checkPlan(snapshot: Snapshot, policy: NormalizedPolicy, plan: Plan): string[] {
  const model = compilePolicy(snapshot, policy)
  const problems: string[] = []
  const guestIndex = new Map(model.guests.map((g) => [g.vmid, g.index]))
  const nodeIndex = new Map(model.nodes.map((n) => [n.name, n.index]))
  const apartOf = new Map<number, ModelRule[]>()
  for (const r of model.rules) if (r.kind === 'apart' && r.strict) for (const m of r.members) apartOf.set(m, [...(apartOf.get(m) ?? []), r])

  // Each move on its own.
  const seen = new Set<number>()
  let lastWave = 0
  for (const m of plan.moves) {
    const g = model.guests[guestIndex.get(m.vmid)!]
    const to = nodeIndex.get(m.to)!
    if (seen.has(m.vmid)) problems.push(`guest ${m.vmid} moves twice`)
    seen.add(m.vmid)
    if (!g.movable) problems.push(`guest ${m.vmid} moves but cannot (${g.blockers.join('; ')})`)
    if (model.nodes[g.node].name !== m.from) problems.push(`guest ${m.vmid} moves from ${m.from} but is on ${model.nodes[g.node].name}`)
    if (model.nodes[to].role !== 'active') problems.push(`guest ${m.vmid} moves onto ${m.to}, which is ${model.nodes[to].role}`)
    if (g.allowed && !g.allowed.includes(to)) problems.push(`guest ${m.vmid} moves onto ${m.to}, outside its allowed nodes`)
    if (m.wave < lastWave) problems.push(`moves out of wave order at guest ${m.vmid}`)
    lastWave = m.wave
  }
  if (plan.summary.moves !== plan.moves.length) problems.push('summary.moves does not count the moves')
  const limits = policy.limits
  if (limits.maxMoves !== undefined && plan.moves.length > limits.maxMoves) problems.push(`${plan.moves.length} moves exceed maxMoves ${limits.maxMoves}`)
  if (limits.maxBytesMoved !== undefined && plan.summary.bytesMoved > limits.maxBytesMoved) problems.push(`${plan.summary.bytesMoved} bytes exceed maxBytesMoved`)

  // Wave by wave: limits, memory and storage peaks (arrivals before departures), apart on arrival.
  const placement = Int32Array.from(model.guests, (g) => g.node)
  const storageUsed = (model.storage?.storages ?? []).map((s) => s.used)
  const waves = [...new Set(plan.moves.map((m) => m.wave))].sort((a, b) => a - b)
  for (const w of waves) {
    const moves = plan.moves.filter((m) => m.wave === w)
    if (moves.length > Math.max(1, limits.parallel)) problems.push(`wave ${w} runs ${moves.length} migrations, above parallel ${limits.parallel}`)
    const touching = new Map<string, number>()
    for (const m of moves) for (const n of [m.from, m.to]) touching.set(n, (touching.get(n) ?? 0) + 1)
    for (const [n, count] of touching) if (count > Math.min(limits.perNode, limits.parallel)) problems.push(`wave ${w} touches ${n} ${count} times, above perNode`)
    const memory = memoryLoads(model, placement)
    const peak = [...memory]
    const storagePeak = [...storageUsed]
    const filled = new Set<number>()
    for (const m of moves) {
      const g = guestIndex.get(m.vmid)!
      const to = nodeIndex.get(m.to)!
      peak[to] += model.guests[g].load.memory
      for (const {storage, bytes} of copies(model, g, to, problems, m.vmid)) {
        storagePeak[storage] += bytes
        if (bytes > 0) filled.add(storage)
      }
      for (const rule of apartOf.get(g) ?? []) {
        for (const other of rule.members) {
          const arriving = moves.some((o) => o !== m && guestIndex.get(o.vmid) === other && o.to === m.to)
          if (other !== g && (placement[other] === to || arriving)) problems.push(`wave ${w}: guest ${m.vmid} joins ${m.to} while ${model.guests[other].vmid} of apart rule ${rule.name} is there`)
        }
      }
    }
    for (const m of moves) {
      const to = nodeIndex.get(m.to)!
      if (peak[to] > model.nodes[to].memoryLimit + 1) problems.push(`wave ${w}: ${m.to} peaks at ${peak[to]} bytes of memory, above its limit ${model.nodes[to].memoryLimit}`)
    }
    for (const s of filled) {
      const st = model.storage!.storages[s]
      if (storagePeak[s] > st.limit + 1) problems.push(`wave ${w}: storage ${st.id} on ${model.nodes[st.node].name} peaks at ${storagePeak[s]} bytes, above its capacity less reserve ${st.limit}`)
    }
    for (const m of moves) {
      const g = guestIndex.get(m.vmid)!
      for (const {storage, bytes} of copies(model, g, nodeIndex.get(m.to)!, [], m.vmid)) storageUsed[storage] += bytes
      for (const v of model.storage?.volumes[g] ?? []) if (v.source >= 0 && !model.storage!.storages[v.source].shared) storageUsed[v.source] -= v.frees
      placement[g] = nodeIndex.get(m.to)!
    }
  }

  // The end: nothing newly broken, and what stays broken is said.
  const key = (b: Broken) => `${b.kind}|${b.strict}|${b.rule ?? ''}|${b.nodes.join(',')}|${b.guests.join(',')}`
  const start = brokenRules(model, Int32Array.from(model.guests, (g) => g.node))
  const end = brokenRules(model, placement)
  for (const b of end.filter((x) => x.strict)) {
    const wasBroken = start.some((s) => s.strict && s.kind === b.kind && s.rule === b.rule && (b.kind === 'together' || b.kind === 'pin' ? s.guests.join() === b.guests.join() : b.nodes.every((n) => s.nodes.includes(n))))
    if (!wasBroken) problems.push(`the plan breaks ${key(b)}`)
    const said = plan.warnings.some((w) =>
      b.rule ? w.rule === b.rule : b.kind === 'capacity' || b.kind === 'maintenance' ? b.nodes.every((n) => w.nodes?.includes(n)) : b.guests.every((v) => w.guests?.includes(v)),
    )
    if (!said) problems.push(`${key(b)} stays broken without a warning`)
  }
  return problems
}
