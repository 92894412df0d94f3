/**
 * Plan documents: the search's moves turned into a Plan v1 with everything a reviewer
 * and apply need: per-move method, cost, wave and precondition; per-node load before
 * and after; the balance reached; warnings; a one-sentence summary.
 */
import type {Move, NodeMetrics, NodeResult, Plan, PlanWarning} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {formatBytes} from '../model/units.js'
import type {ModelGuest, PlacementModel} from '../policy/compile.js'
import type {PlannedMove, SearchResult} from './search.js'
import type {ClusterState} from './state.js'

/** What the planner cannot know by itself: when, by what, from what. */
export interface PlanContext {
  createdAt: string
  toolVersion: string
  snapshot: {fingerprint: string; takenAt: string; cluster: string; endpoint?: string}
  policy: {document: NormalizedPolicy; hash: string}
}

export function buildPlan(
  context: PlanContext,
  model: PlacementModel,
  before: ClusterState,
  after: ClusterState,
  result: SearchResult,
  waves: number[],
): Plan {
  const active = model.nodes.filter((n) => n.role === 'active').map((n) => n.index)
  const spreadBefore = round2(before.spread(active))
  const spreadAfter = round2(after.spread(active))
  const reached = spreadAfter <= model.threshold + 1e-9

  const moves = result.moves
    .map((m, i) => ({move: toMove(model, m, waves[i]), order: i}))
    .sort((a, b) => a.move.wave - b.move.wave || a.order - b.order)
    .map((x) => x.move)
  const warnings = [...model.warnings, ...searchWarnings(model, result)]
  const bytesMoved = moves.reduce((sum, m) => sum + m.bytes, 0)
  const waveCount = moves.length ? Math.max(...waves) : 0

  return {
    schemaVersion: 1,
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
      ...(reached ? {} : {limitedBy: result.budgetHit ? ('budget' as const) : ('capacity' as const)}),
    },
    summary: {
      status: moves.length ? 'changes' : 'no-changes',
      moves: moves.length,
      bytesMoved,
      waves: waveCount,
      warnings: warnings.length,
      message: summarize(moves.length, bytesMoved, waveCount, spreadBefore, spreadAfter, model.threshold, reached, result.budgetHit),
    },
    moves,
    nodes: model.nodes.map<NodeResult>((n) => ({name: n.name, role: n.role, before: metrics(before, n.index), after: metrics(after, n.index)})),
    warnings,
  }
}

function toMove(model: PlacementModel, m: PlannedMove, wave: number): Move {
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
    precondition: {node: model.nodes[m.from].name, status: g.status, ...(g.lock ? {lock: g.lock} : {})},
  }
}

function metrics(state: ClusterState, node: number): NodeMetrics {
  const n = state.model.nodes[node]
  const load = state.loads[node]
  let guests = 0
  for (let i = 0; i < state.placement.length; i++) if (state.placement[i] === node) guests++
  return {
    guests,
    memory: {load: Math.round(load.memory), capacity: n.capacity.memory},
    cpu: {load: round2(load.cpu), capacity: n.capacity.cpu},
    disk: {load: Math.round(load.disk), capacity: n.capacity.disk},
    utilisation: round2(state.utilisation(node)),
  }
}

function searchWarnings(model: PlacementModel, result: SearchResult): PlanWarning[] {
  const warnings: PlanWarning[] = []
  if (result.stranded.length > 0) {
    const vmids = result.stranded.map((g) => model.guests[g].vmid).sort((a, b) => a - b)
    const nodes = [...new Set(result.stranded.map((g) => model.nodes[model.guests[g].node].name))].sort()
    warnings.push({
      code: 'no-room',
      guests: vmids,
      nodes,
      message: `${vmids.length} guest(s) must leave ${nodes.join(', ')} but ${result.budgetHit ? 'the budget ran out or ' : ''}no node has room for them: ${vmids.join(', ')}`,
    })
  }
  const stuck = new Map<string, ModelGuest[]>()
  for (const g of model.guests) {
    if (g.movable || g.ignored) continue
    const node = model.nodes[g.node]
    if (node.role === 'offline' || node.role === 'ignored') continue
    const reason = g.blockers[0]
    stuck.set(reason, [...(stuck.get(reason) ?? []), g])
  }
  for (const [reason, guests] of [...stuck].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    warnings.push({code: 'unmovable', guests: guests.map((g) => g.vmid), message: `cannot move, ${reason}: ${guests.map((g) => `${g.vmid} ${g.name}`).join(', ')}`})
  }
  if (result.budgetHit) {
    warnings.push({code: 'budget', message: `the move or byte budget (limits.maxMoves / limits.maxBytesMoved) stopped the plan${model.maxMoves !== Infinity ? ` at ${model.maxMoves} moves` : ''}${model.maxBytesMoved !== Infinity ? ` / ${formatBytes(model.maxBytesMoved)}` : ''}`})
  }
  return warnings
}

function summarize(moves: number, bytes: number, waves: number, before: number, after: number, threshold: number, reached: boolean, budgetHit: boolean): string {
  if (moves === 0) {
    return reached
      ? `Nothing to do: the spread is ${before.toFixed(1)} points, within the threshold of ${threshold}.`
      : `No move helps: the spread stays at ${before.toFixed(1)} points, above the threshold of ${threshold}${budgetHit ? ' (budget reached)' : ''}.`
  }
  const outcome = reached ? 'within' : budgetHit ? 'still above (budget reached)' : 'still above'
  return `${moves} migration${moves === 1 ? '' : 's'} in ${waves} wave${waves === 1 ? '' : 's'}, ${formatBytes(bytes)} to move; spread ${before.toFixed(1)} → ${after.toFixed(1)} points, ${outcome} the threshold of ${threshold}.`
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
