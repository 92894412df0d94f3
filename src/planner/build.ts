/**
 * Plan documents: the search's moves turned into a Plan v1 with everything a reviewer
 * and apply need: per-move method, cost, wave, precondition and a sentence saying why;
 * per-node load before and after; the balance reached; warnings for what is still
 * broken; a one-sentence summary.
 * Sentences describe the cluster as it is when each move's turn comes (reasons.ts).
 */
import {FORMATS} from '../model/formats.js'
import type {Move, NodeMetrics, NodeResult, Plan, PlanWarning} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {formatBytes} from '../model/units.js'
import type {ModelGuest, PlacementModel} from '../policy/compile.js'
import type {HeldBack} from './calm.js'
import {storageOn, volumeEstimate, volumeNeed} from '../policy/storage.js'
import {type ExplainedMove, explainMoves} from './reasons.js'
import type {SearchResult} from './search.js'
import type {ClusterState} from './state.js'

/** What the planner cannot know by itself: when, by what, from what. */
export interface PlanContext {
  createdAt: string
  toolVersion: string
  snapshot: {fingerprint: string; takenAt: string; cluster: string; endpoint?: string}
  policy: {document: NormalizedPolicy; hash: string}
}

const REPAIRS = new Set(['maintenance', 'pin', 'apart', 'together', 'capacity', 'preference'])

export function buildPlan(context: PlanContext, model: PlacementModel, result: SearchResult, waves: number[]): Plan {
  const {draft} = result
  const before = draft.initial
  const after = draft.state
  const spreadBefore = round2(before.spread())
  const spreadAfter = round2(after.spread())
  const reached = result.limitedBy === undefined && after.spread() <= model.threshold + 1e-7
  const inOrder = result.moves
    .map((m, i) => ({m, wave: waves[i], order: i}))
    .sort((a, b) => a.wave - b.wave || a.order - b.order)
  const explained = explainMoves(draft, inOrder.map((x) => x.m))
  const moves = explained.map((m, i) => toMove(model, m, inOrder[i].wave))
  const rulesRepaired = moves.filter((m) => REPAIRS.has(m.reason)).length
  const warnings = [...model.warnings, ...searchWarnings(result, reached)]
  const bytesMoved = moves.reduce((sum, m) => sum + m.bytes, 0)
  const waveCount = moves.length ? Math.max(...waves) : 0
  const worsened = spreadAfter > spreadBefore

  return {
    format: FORMATS.plan,
    createdAt: context.createdAt,
    tool: {name: 'proxlb', version: context.toolVersion},
    snapshot: context.snapshot,
    policy: {...(context.policy.document.name ? {name: context.policy.document.name} : {}), hash: context.policy.hash, document: context.policy.document as unknown as Record<string, unknown>},
    balance: {
      method: model.method,
      mode: model.mode,
      threshold: model.threshold,
      spreadBefore,
      spreadAfter,
      reached,
      ...(result.limitedBy ? {limitedBy: result.limitedBy} : {}),
      ...(result.held ? {held: result.held.why} : {}),
      rulesRepaired,
      ...(worsened ? {worsened: true} : {}),
    },
    summary: {
      status: moves.length ? 'changes' : 'no-changes',
      moves: moves.length,
      bytesMoved,
      waves: waveCount,
      warnings: warnings.length,
      message: summarize({moves: moves.length, bytes: bytesMoved, waves: waveCount, before: spreadBefore, after: spreadAfter, threshold: model.threshold, reached, limitedBy: result.limitedBy, rulesRepaired, worsened, held: heldReason(model, result.held)}),
    },
    moves,
    nodes: model.nodes.map<NodeResult>((n) => ({name: n.name, role: n.role, before: metrics(before, n.index), after: metrics(after, n.index)})),
    warnings,
  }
}

function toMove(model: PlacementModel, m: ExplainedMove, wave: number): Move {
  const g = model.guests[m.guest]
  return {
    vmid: g.vmid,
    name: g.name,
    type: g.type,
    from: model.nodes[m.from].name,
    to: model.nodes[m.to].name,
    reason: m.reason,
    detail: m.detail,
    ...(m.rule ? {rule: m.rule} : {}),
    wave,
    method: g.method,
    withLocalDisks: g.withLocalDisks,
    memory: Math.round(g.load.memory),
    bytes: Math.round(g.bytes),
    ...copiedDisks(model, m.guest, m.to),
    precondition: {node: model.nodes[m.from].name, status: g.status, ...(g.lock ? {lock: g.lock} : {})},
  }
}

/** The local volumes moving `guest` to node `to` copies: where each goes and what it will occupy there (as the storage rule counts it). */
export function copiedDisks(model: PlacementModel, guest: number, to: number): Pick<Move, 'disks'> {
  const volumes = model.storage?.volumes[guest] ?? []
  if (volumes.length === 0) return {}
  const disks = volumes.map((v) => {
    const s = storageOn(model.storage!, to, v)
    const target = s >= 0 ? model.storage!.storages[s] : undefined
    return {key: v.key, storage: v.storage, targetStorage: model.storage!.ids[v.target], bytes: Math.round(target ? volumeNeed(v, target) : v.size), estimate: target ? volumeEstimate(v, target) : ('configured' as const)}
  })
  return {disks}
}

/** The cluster as it is (a plan's `before`): each node's metrics and the spread, for a model without a search. */
export function asItIs(model: PlacementModel, state: ClusterState): {spread: number; nodes: {name: string; metrics: NodeMetrics}[]} {
  return {spread: round2(state.spread()), nodes: model.nodes.map((n) => ({name: n.name, metrics: metrics(state, n.index)}))}
}

function metrics(state: ClusterState, node: number): NodeMetrics {
  const n = state.model.nodes[node]
  const load = state.loads[node]
  return {
    guests: state.guestsOn(node).length,
    memory: {load: Math.round(load.memory), capacity: n.capacity.memory},
    cpu: {load: round2(load.cpu), capacity: n.capacity.cpu},
    disk: {load: Math.round(load.disk), capacity: n.capacity.disk},
    utilisation: round2(state.utilisation(node)),
  }
}

/**
 * Guests a warning about unmovable guests names in its sentence; its `guests` lists them
 * all. A real cluster can have a thousand guests on local disks: one line each, not one
 * line of a thousand.
 */
const NAMED = 12

function searchWarnings(result: SearchResult, reached: boolean): PlanWarning[] {
  const {draft} = result
  const {model} = draft
  const warnings: PlanWarning[] = []
  const byRule = new Map(draft.rules.map((r) => [r.kind, r]))
  for (const v of result.violations) warnings.push(byRule.get(v.kind)!.explain(draft, v))

  const stuck = new Map<string, ModelGuest[]>()
  for (const g of model.guests) {
    if (g.movable || g.ignored) continue
    const node = model.nodes[g.node]
    if (node.role === 'offline' || node.role === 'ignored') continue
    const reason = g.blockers[0]
    stuck.set(reason, [...(stuck.get(reason) ?? []), g])
  }
  for (const [reason, guests] of [...stuck].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const named = guests.slice(0, NAMED).map((g) => `${g.vmid} ${g.name}`)
    if (guests.length > NAMED) named.push(`and ${guests.length - NAMED} more, listed in the plan's JSON`)
    warnings.push({code: 'unmovable', guests: guests.map((g) => g.vmid), message: `cannot move, ${reason}: ${named.join(', ')}`})
  }
  if (result.secondPass) {
    warnings.push({code: 'second-pass', message: 'some guests would have to migrate twice to do better (guests waiting for each other to leave their nodes), which one plan never does: plan again once this plan has run'})
  }
  if (result.budgetHit && (!reached || result.violations.some((v) => v.strict))) {
    const limits = [model.maxMoves !== Infinity ? `${model.maxMoves} moves` : '', model.maxBytesMoved !== Infinity ? formatBytes(model.maxBytesMoved) : ''].filter(Boolean).join(' / ')
    warnings.push({code: 'budget', message: `the budget (limits.maxMoves / limits.maxBytesMoved: ${limits}) stopped the plan before ${reached ? 'every rule was repaired' : 'the threshold was reached'}`})
  }
  return warnings
}

interface Outcome {
  moves: number
  bytes: number
  waves: number
  before: number
  after: number
  threshold: number
  reached: boolean
  limitedBy?: 'budget' | 'rules' | 'capacity'
  rulesRepaired: number
  worsened: boolean
  /** Why balancing was held back, as a clause (calm settings). */
  held?: string
}

/** The calm setting that held balancing back, as a parenthesis for the summary. */
function heldReason(model: PlacementModel, held: HeldBack | undefined): string | undefined {
  if (!held) return undefined
  switch (held.why) {
    case 'margin':
      return held.gain === undefined
        ? `it is within the margin of ${model.margin} above it (balance.margin)`
        : `it would narrow the spread by only ${held.gain.toFixed(1)} points, less than the margin of ${model.margin} (balance.margin)`
    case 'persistence':
      return 'the imbalance has not lasted balance.persistence cycles in a row yet'
    case 'not-worth-it':
      return `it would gain ${held.gain.toFixed(1)} points for ${formatBytes(held.bytes)} moved, less than ${model.minGain} per GiB (balance.minGain)`
  }
}

function summarize(o: Outcome): string {
  const why = o.held ? ` (${o.held})` : o.limitedBy === 'budget' ? ' (budget reached)' : o.limitedBy === 'rules' ? ' (the rules allow no better)' : o.limitedBy === 'capacity' ? ' (no move that fits helps)' : ''
  if (o.moves === 0) {
    if (o.held) return `Nothing moves: the spread is ${o.before.toFixed(1)} points, above the threshold of ${o.threshold}; balancing waits: ${o.held}.`
    return o.reached
      ? `Nothing to do: the spread is ${o.before.toFixed(1)} points, within the threshold of ${o.threshold}.`
      : `No move helps: the spread stays at ${o.before.toFixed(1)} points, above the threshold of ${o.threshold}${why}.`
  }
  const outcome = o.reached ? 'within' : o.held ? 'still above' : `still above${why}`
  const repairs = !o.rulesRepaired ? '' : o.moves === 1 ? 'a rule repair, ' : o.rulesRepaired === o.moves ? 'all rule repairs, ' : o.rulesRepaired === 1 ? 'one of them a rule repair, ' : `${o.rulesRepaired} of them rule repairs, `
  const wider = o.worsened ? ' (wider: the repairs need it)' : ''
  return `${o.moves} migration${o.moves === 1 ? '' : 's'} in ${o.waves} wave${o.waves === 1 ? '' : 's'}, ${repairs}${formatBytes(o.bytes)} to move; spread ${o.before.toFixed(1)} → ${o.after.toFixed(1)} points${wider}, ${outcome} the threshold of ${o.threshold}${o.held ? `; balancing waits: ${o.held}` : ''}.`
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
