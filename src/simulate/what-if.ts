/**
 * What-if changes applied to a snapshot: each Change (from a scenario file or flags)
 * turns a snapshot into the next one and says what it did. Nodes fail (their running
 * guests restart where the policy's hard rules allow), are removed (every guest moves
 * away), drained (put in maintenance, for the plan to empty) or added; guests grow or
 * arrive (each placed on the least utilised node that can take it). Whatever does not fit
 * is reported, never dropped silently. A change naming a node the snapshot does not have
 * is refused where it was written. Pure.
 */
import type {Change, GuestBatch, Origin} from '../model/scenario.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {InvalidInputError} from '../model/problems.js'
import {compareText, type Guest, type Snapshot, type Storage} from '../model/snapshot.js'
import {formatBytes, formatCores} from '../model/units.js'
import {Constraints} from '../planner/constraints.js'
import {ClusterState} from '../planner/state.js'
import {compilePolicy, type PlacementModel} from '../policy/compile.js'
import {matchesGuest} from '../policy/selectors.js'
import {account, addGuest, copySnapshot, guestsByVmid, moveGuest, nodeByName, round3} from './edit.js'
import {evacuate, type EvacuationKind} from './evacuate.js'

export interface GuestRef {
  vmid: number
  name: string
  /** Memory as the policy counts it, in bytes. */
  memory: number
}

export interface PlacedGuest extends GuestRef {
  from?: string
  to: string
}

export interface NotPlacedGuest extends GuestRef {
  /** Node the guest was on (absent for a new guest). */
  from?: string
  reason: string
}

export interface ChangeEffect {
  kind: Change['kind']
  /** Where the change was written: `--fail pve3` or `scenario.yaml:4:5: changes[0].fail`. */
  origin: string
  /** One sentence saying what happened. */
  summary: string
  placed: PlacedGuest[]
  notPlaced: NotPlacedGuest[]
  /** How the placement was found, for failures and removals. */
  method?: 'exact' | 'heuristic'
}

export interface ChangedCluster {
  snapshot: Snapshot
  effects: ChangeEffect[]
}

/** Applies changes in order; throws InvalidInputError (at the change) for a change that cannot apply. */
export function applyChanges(snapshot: Snapshot, policy: NormalizedPolicy, changes: readonly Change[]): ChangedCluster {
  // Each change copies what it edits: the input is copied here only when there is none.
  let current = changes.length === 0 ? copySnapshot(snapshot) : snapshot
  const effects: ChangeEffect[] = []
  for (const change of changes) {
    const result = applyChange(current, policy, change)
    current = result.snapshot
    effects.push(result.effect)
  }
  return {snapshot: current, effects}
}

function where(origin: Origin): string {
  return origin.location ? `${origin.file}:${origin.location}` : origin.file
}

function refuse(origin: Origin, message: string): never {
  throw new InvalidInputError([{...origin, message}])
}

function requireNodes(snapshot: Snapshot, origin: Origin, names: readonly string[]): void {
  for (const name of names) {
    if (!nodeByName(snapshot, name)) refuse(origin, `no node ${JSON.stringify(name)} in the snapshot (it has ${snapshot.nodes.map((n) => n.name).sort(compareText).join(', ')})`)
  }
}

function applyChange(snapshot: Snapshot, policy: NormalizedPolicy, change: Change): {snapshot: Snapshot; effect: ChangeEffect} {
  const next = copySnapshot(snapshot)
  const effect = (summary: string, extra: Partial<ChangeEffect> = {}): ChangeEffect => ({kind: change.kind, origin: where(change.origin), summary, placed: [], notPlaced: [], ...extra})
  switch (change.kind) {
    case 'add-node': {
      if (nodeByName(next, change.name)) refuse(change.origin, `node ${change.name} is already in the snapshot: pick a new name`)
      const disk = change.disk ?? Math.min(...next.nodes.map((n) => n.disk.total), Number.MAX_SAFE_INTEGER)
      next.nodes.push({name: change.name, status: 'online', maintenance: false, cpu: {cores: change.cores, used: 0}, memory: {total: change.memory, used: 0}, disk: {total: disk === Number.MAX_SAFE_INTEGER ? 0 : disk, used: 0}})
      // A new node joins the shared storages every node sees, and gets its local guest storage as the others have it, empty.
      const shared = new Map((next.storages ?? []).filter((s) => s.shared).map((s) => [s.id, s]))
      const local = localGuestStorage(next)
      const own = local && disk > 0 && disk !== Number.MAX_SAFE_INTEGER ? [{...local, node: change.name, total: disk, used: 0, free: disk, enabled: true, active: true}] : []
      if (shared.size > 0 || own.length > 0) next.storages = [...(next.storages ?? []), ...[...shared.values()].map((s) => ({...s, node: change.name})), ...own]
      return {snapshot: next, effect: effect(`${change.name} joins the cluster with ${formatBytes(change.memory)} memory, ${formatCores(change.cores)} and ${formatBytes(disk === Number.MAX_SAFE_INTEGER ? 0 : disk)} local disk`)}
    }
    case 'drain': {
      requireNodes(next, change.origin, change.nodes)
      for (const name of change.nodes) nodeByName(next, name)!.maintenance = true
      const count = next.guests.filter((g) => change.nodes.includes(g.node)).length
      return {snapshot: next, effect: effect(`${change.nodes.join(', ')} ${change.nodes.length === 1 ? 'goes' : 'go'} into maintenance: the plan moves ${count === 1 ? 'its guest' : `its ${count} guests`} away where they can move`)}
    }
    case 'grow':
      return grow(next, change, effect)
    case 'add-guests':
      if (change.spec.memory <= 0) refuse(change.origin, 'new guests need some memory: give a size above 0, such as 8GiB')
      return addGuests(next, policy, change.spec, effect)
    case 'fail':
    case 'remove-node': {
      requireNodes(next, change.origin, change.nodes)
      for (const name of change.nodes) {
        if (change.kind === 'fail' && nodeByName(next, name)!.status !== 'online') refuse(change.origin, `node ${name} is already ${nodeByName(next, name)!.status}`)
      }
      return evacuateNodes(next, policy, change.nodes, change.kind === 'fail' ? 'failure' : 'removal', effect)
    }
  }
}

function evacuateNodes(next: Snapshot, policy: NormalizedPolicy, names: string[], kind: EvacuationKind, effect: (summary: string, extra?: Partial<ChangeEffect>) => ChangeEffect) {
  const model = compilePolicy(next, policy)
  const sources = new Set(model.nodes.filter((n) => names.includes(n.name)).map((n) => n.index))
  const result = evacuate(next, model, sources, kind)
  const ref = (g: number): GuestRef => ({vmid: model.guests[g].vmid, name: model.guests[g].name, memory: model.guests[g].load.memory})
  const placed = [...result.placed].sort(([a], [b]) => a - b).map(([g, node]) => ({...ref(g), from: model.nodes[model.guests[g].node].name, to: model.nodes[node].name}))
  const notPlaced = result.unplaced.map((u) => ({...ref(u.guest), from: model.nodes[model.guests[u.guest].node].name, reason: u.reason}))
  const guests = guestsByVmid(next)
  for (const p of placed) moveGuest(next, guests.get(p.vmid)!, p.to)
  const list = names.join(', ')
  if (kind === 'failure') {
    for (const u of notPlaced) {
      const guest = guests.get(u.vmid)!
      account(nodeByName(next, guest.node)!, guest, -1)
      guest.status = 'stopped'
      guest.memory.used = 0
      guest.cpu.used = 0
      account(nodeByName(next, guest.node)!, guest, 1)
    }
    for (const name of names) {
      const node = nodeByName(next, name)!
      node.status = 'offline'
      node.memory.used = 0
      node.cpu.used = 0
    }
    const outcome = notPlaced.length === 0 ? 'all fit' : `${placed.length} fit, ${notPlaced.length} ${notPlaced.length === 1 ? 'does' : 'do'} not (${formatBytes(result.missingMemory)} missing)`
    const summary = `${list} ${names.length === 1 ? 'fails' : 'fail'}: ${result.guests.length} running guest${result.guests.length === 1 ? '' : 's'} (${formatBytes(result.memory)}) must restart elsewhere: ${outcome}`
    return {snapshot: next, effect: effect(summary, {placed, notPlaced, method: result.method})}
  }
  const gone = new Set(notPlaced.map((u) => u.vmid))
  next.guests = next.guests.filter((g) => !gone.has(g.vmid))
  next.nodes = next.nodes.filter((n) => !names.includes(n.name))
  if (next.storages) next.storages = next.storages.filter((s) => !names.includes(s.node))
  const outcome = notPlaced.length === 0 ? 'all find a node' : `${placed.length} find a node, ${notPlaced.length} ${notPlaced.length === 1 ? 'does' : 'do'} not (${formatBytes(result.missingMemory)} missing) and ${notPlaced.length === 1 ? 'leaves' : 'leave'} the predicted cluster`
  const summary = `${list} ${names.length === 1 ? 'is' : 'are'} removed: ${result.guests.length} guest${result.guests.length === 1 ? '' : 's'} (${formatBytes(result.memory)}) move away: ${outcome}`
  return {snapshot: next, effect: effect(summary, {placed, notPlaced, method: result.method})}
}

function grow(next: Snapshot, change: Extract<Change, {kind: 'grow'}>, effect: (summary: string) => ChangeEffect) {
  const selected = next.guests.filter((g) => !change.guests || change.guests.some((s) => matchesGuest(s, g)))
  if (selected.length === 0 && change.guests) refuse(change.origin, `no guest matches ${change.guests.map((s) => JSON.stringify(s)).join(', ')}`)
  const factor = (resource: 'memory' | 'cpu' | 'disk') => 1 + (change.percent[resource] ?? 0) / 100
  for (const guest of selected) {
    const node = nodeByName(next, guest.node)!
    account(node, guest, -1)
    guest.memory.used = Math.round(guest.memory.used * factor('memory'))
    guest.memory.assigned = Math.round(guest.memory.assigned * factor('memory'))
    guest.cpu.used = round3(guest.cpu.used * factor('cpu'))
    guest.cpu.cores = round3(guest.cpu.cores * factor('cpu'))
    guest.disk.used = Math.round(guest.disk.used * factor('disk'))
    guest.disk.assigned = Math.round(guest.disk.assigned * factor('disk'))
    for (const d of guest.migration?.localDisks ?? []) d.size = Math.round(d.size * factor('disk'))
    account(node, guest, 1)
  }
  const parts = (['memory', 'cpu', 'disk'] as const).filter((r) => change.percent[r] !== undefined).map((r) => `${r} ${change.percent[r]! >= 0 ? '+' : ''}${change.percent[r]}%`)
  const who = change.guests ? `${selected.length} guest${selected.length === 1 ? '' : 's'} (${change.guests.join(', ')})` : `every guest (${selected.length})`
  return {snapshot: next, effect: effect(`${who} ${selected.length === 1 && change.guests ? 'grows' : 'grow'}: ${parts.join(', ')}, used and assigned`)}
}

/** A node name no real node can have, for guests that are not placed yet. */
const ARRIVALS = ' arriving'

/** New guests of a batch, on the ARRIVALS node, with fresh vmids and names. */
export function newGuests(snapshot: Snapshot, batch: GuestBatch, count = batch.count): Guest[] {
  const localId = localGuestStorage(snapshot)?.id ?? 'local'
  let vmid = Math.max(99, ...snapshot.guests.map((g) => g.vmid))
  const names = new Set(snapshot.guests.map((g) => g.name))
  let n = 0
  const guests: Guest[] = []
  for (let i = 0; i < count; i++) {
    let name: string
    do name = `${batch.name}-${++n}`
    while (names.has(name))
    names.add(name)
    guests.push({
      vmid: ++vmid,
      name,
      type: batch.type,
      node: ARRIVALS,
      status: 'running',
      template: false,
      tags: [...batch.tags],
      ...(batch.pool ? {pool: batch.pool} : {}),
      cpu: {cores: batch.cores, used: batch.cores},
      memory: {assigned: batch.memory, used: batch.memory},
      disk: {assigned: batch.disk, used: batch.disk},
      migration: {localDisks: batch.storage === 'local' && batch.disk > 0 ? [{key: batch.type === 'lxc' ? 'rootfs' : 'scsi0', storage: localId, size: batch.disk}] : [], localResources: []},
    })
  }
  return guests
}

/**
 * The local guest storage most nodes have (local-lvm on a default installation): where new
 * local disks go. Undefined when the snapshot lists no local storage for guest volumes.
 */
function localGuestStorage(snapshot: Snapshot): Storage | undefined {
  const candidates = (snapshot.storages ?? []).filter((s) => !s.shared && s.enabled !== false && (s.content ?? ['images']).includes('images'))
  const count = new Map<string, number>()
  for (const s of candidates) count.set(s.id, (count.get(s.id) ?? 0) + 1)
  const best = [...count].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))[0]?.[0]
  return candidates.find((s) => s.id === best)
}

/** The snapshot with an extra offline node holding `arrivals`, compiled: arrivals can then be placed like any guest. */
export function withArrivals(snapshot: Snapshot, policy: NormalizedPolicy, arrivals: Guest[]): {model: PlacementModel; state: ClusterState; indexes: number[]} {
  const staged: Snapshot = {
    ...snapshot,
    nodes: [...snapshot.nodes, {name: ARRIVALS, status: 'offline', cpu: {cores: 1, used: 0}, memory: {total: 0, used: 0}, disk: {total: 0, used: 0}}],
    guests: [...snapshot.guests, ...arrivals],
  }
  const model = compilePolicy(staged, policy)
  const vmids = new Set(arrivals.map((g) => g.vmid))
  return {model, state: new ClusterState(model), indexes: model.guests.filter((g) => vmids.has(g.vmid)).map((g) => g.index)}
}

function addGuests(next: Snapshot, policy: NormalizedPolicy, batch: GuestBatch, effect: (summary: string, extra?: Partial<ChangeEffect>) => ChangeEffect) {
  const arrivals = newGuests(next, batch)
  const {model, state, indexes} = withArrivals(next, policy, arrivals)
  const constraints = new Constraints(state)
  const receivers = model.nodes.filter((n) => n.role === 'active').map((n) => n.index)
  const placed: PlacedGuest[] = []
  const notPlaced: NotPlacedGuest[] = []
  for (const index of indexes) {
    const g = model.guests[index]
    let target: number | undefined
    let lowest = Infinity
    for (const node of receivers) {
      if (!constraints.canPlace(index, node)) continue
      const after = state.utilisationWith(node, g.load, 1)
      if (after < lowest - 1e-9) [target, lowest] = [node, after]
    }
    if (target === undefined) {
      notPlaced.push({vmid: g.vmid, name: g.name, memory: g.load.memory, reason: 'no node has room for it under the policy'})
      continue
    }
    state.move(index, target)
    placed.push({vmid: g.vmid, name: g.name, memory: g.load.memory, to: model.nodes[target].name})
  }
  const byVmid = new Map(placed.map((p) => [p.vmid, p.to]))
  for (const guest of arrivals) {
    const to = byVmid.get(guest.vmid)
    if (to === undefined) continue
    guest.node = to
    addGuest(next, guest)
  }
  const size = `${formatBytes(batch.memory)}/${formatCores(batch.cores)}${batch.disk ? `/${formatBytes(batch.disk)}` : ''}`
  const where = summarizeTargets(placed.map((p) => p.to))
  const lost = notPlaced.length ? `; ${notPlaced.length} ${notPlaced.length === 1 ? 'does' : 'do'} not fit` : ''
  const summary = `${batch.count} new guest${batch.count === 1 ? '' : 's'} of ${size} arrive: ${placed.length} placed${where ? ` (${where})` : ''}${lost}`
  return {snapshot: next, effect: effect(summary, {placed, notPlaced})}
}

/** `pve1 3, pve2 5`: how many went where, by node name. */
export function summarizeTargets(targets: string[]): string {
  const counts = new Map<string, number>()
  for (const t of targets) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts].sort(([a], [b]) => compareText(a, b)).map(([node, n]) => `${node} ${n}`).join(', ')
}

