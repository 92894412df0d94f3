/**
 * A simulation for a terminal: what changed and what did not fit, the nodes now → after
 * the what-if → after the plan, the plan in short, resilience, headroom, the policies
 * compared, and a one-line verdict last where the eye lands.
 */
import type {NodeMetrics} from '../model/plan.js'
import {formatBytes, formatCores} from '../model/units.js'
import type {Headroom, NodeLoss, NodeRow, PolicyOutcome, Simulation} from '../simulate/index.js'
import {balanceLabel, bar, methodLabel, pct, plural, shortFingerprint, shortTime, table} from './format.js'

export function renderSimulationText(sim: Simulation): string {
  const lines: string[] = []
  lines.push(`proxlb simulate for cluster ${sim.cluster}`)
  lines.push(`  snapshot  ${sim.snapshot.label}, taken ${shortTime(sim.snapshot.takenAt)} (${shortFingerprint(sim.snapshot.fingerprint)})`)
  lines.push(`  policy    ${sim.policy.label}${sim.policy.name ? ` "${sim.policy.name}"` : ''}: balance ${methodLabel(sim.plan)}, threshold ${sim.spread.threshold} points`)
  if (sim.scenario) lines.push(`  scenario  ${sim.scenario.file}${sim.scenario.name ? ` "${sim.scenario.name}"` : ''}${sim.scenario.description ? `: ${sim.scenario.description}` : ''}`)
  if (sim.appliedPlan) lines.push(`  plan      ${sim.appliedPlan.file} (${plural(sim.appliedPlan.moves, 'move')}) applied first`)
  lines.push('')

  if (sim.changes.length > 0) {
    lines.push('What changes:')
    sim.changes.forEach((c, i) => {
      lines.push(`  ${i + 1}. ${c.summary}  (${c.origin})`)
      for (const g of c.notPlaced) lines.push(`     ✗ ${g.name} (${g.vmid}, ${formatBytes(g.memory)}): ${g.reason}`)
    })
    lines.push('')
  }

  const header = ['node', 'role', 'guests', 'now', '', 'what-if', '', 'after plan', '']
  const cells = (m: NodeMetrics | undefined) => (m ? [bar(m.utilisation), pct(m.utilisation)] : ['', '—'])
  const rows = sim.nodes.map((n) => [n.name, n.role ?? 'removed', guestCounts(n), ...cells(n.now), ...cells(n.changed), ...cells(n.after)])
  lines.push(...table([header, ...rows], [4, 6, 8]).map((l) => '  ' + l))
  const tick = sim.plan.balance.reached ? 'within' : 'above'
  lines.push(`  spread ${sim.spread.now.toFixed(1)} now, ${sim.spread.changed.toFixed(1)} after the what-if, ${sim.spread.after.toFixed(1)} after the plan (${tick} the threshold of ${sim.spread.threshold})`)
  lines.push('')

  lines.push(`Plan: ${sim.plan.summary.message}`)
  for (const [i, m] of sim.plan.moves.entries()) lines.push(`  ${String(i + 1).padStart(2)}. ${m.name} (${m.vmid})  ${m.from} → ${m.to}  [${m.reason}] wave ${m.wave}, ${formatBytes(m.bytes)}`)
  for (const w of sim.plan.warnings) lines.push(`  ! ${w.message}`)
  lines.push('')

  lines.push(`Resilience: ${resilienceVerdict(sim)}`)
  const lossRows = sim.resilience.losses.map((l) => [l.node, String(l.guests), formatBytes(l.memory), lossVerdict(l)])
  if (lossRows.length > 0) lines.push(...table([['lose', 'guests', 'memory', 'restarted elsewhere?'], ...lossRows], [1, 2]).map((l) => '  ' + l))
  lines.push('')

  for (const sentence of headroomSentences(sim)) {
    lines.push(`Headroom: ${sentence}`)
    lines.push('')
  }

  if (sim.comparison.length > 0) {
    lines.push('Policies compared:')
    const note = comparisonNote(sim)
    if (note) lines.push(`  ! ${note}`)
    const compareRows = sim.comparison.map((c) => [c.label, balancesLabel(c), String(c.moves), formatBytes(c.bytesMoved), `${c.spreadBefore.toFixed(1)} → ${c.spreadAfter.toFixed(1)}`, c.reached ? 'yes' : 'no', String(c.notPlaced), c.survivesAnyOneNode ? 'yes' : 'no'])
    lines.push(...table([['policy', 'balances', 'moves', 'moved', 'spread', 'within', 'not placed', 'survives one loss'], ...compareRows], [2, 3, 6]).map((l) => '  ' + l))
    lines.push('')
  }

  for (const w of sim.warnings) lines.push(`! ${w}`)
  lines.push(verdictLine(sim))
  return lines.join('\n') + '\n'
}

/** What a compared policy balances: its spread is in points of that. */
export function balancesLabel(c: PolicyOutcome): string {
  return balanceLabel(c.method, c.mode)
}

/** Said above a comparison whose policies balance different things: their spreads do not compare. */
export function comparisonNote(sim: Simulation): string | undefined {
  const kinds = [...new Set(sim.comparison.map(balancesLabel))]
  return kinds.length > 1 ? `the policies balance different things (${kinds.join(', ')}): each spread is in points of its own measure, so spreads of different rows do not compare` : undefined
}

export function guestCounts(n: NodeRow): string {
  const counts = [n.now?.guests, n.changed?.guests, n.after?.guests].map((c) => (c === undefined ? '—' : String(c)))
  return counts[0] === counts[1] && counts[1] === counts[2] ? counts[0] : counts.join(' → ')
}

export function resilienceVerdict(sim: Simulation): string {
  const how = sim.resilience.method === 'exact' ? 'exact search' : 'heuristic search, budget reached: a "no" is not proven'
  if (sim.resilience.losses.length === 0) return 'survives the loss of any one node: no — no node is left online'
  const weak = sim.resilience.losses.filter((l) => !l.survives).map((l) => l.node)
  return `survives the loss of any one node: ${sim.resilience.survivesAnyOneNode ? 'yes' : `no (not ${weak.join(', ')})`} — ${how}`
}

export function lossVerdict(l: NodeLoss): string {
  if (l.survives) return l.guests === 0 ? 'yes (nothing running)' : 'yes'
  const names = l.notPlaced.map((g) => `${g.name} (${g.vmid})`).join(', ')
  const missing = l.minimal ? `${formatBytes(l.missingMemory)} missing` : `${formatBytes(l.missingMemory)} missing (the least the search found in its budget)`
  return `no${l.method === 'heuristic' ? ' (not proven: no placement found in the search budget)' : ''}: ${plural(l.notPlaced.length, 'guest')} left without a node, ${missing}: ${names}`
}

/**
 * For each batch of arrivals, how many more guests of its size fit once the plan has run
 * (sim.headroom holds one per batch, in order). The batch's guests that found no node on
 * arrival were placed before the plan, which may make room for them: how many of those
 * would then fit is said too.
 */
export function headroomSentences(sim: Pick<Simulation, 'headroom' | 'changes'>): string[] {
  const batches = sim.changes.filter((c) => c.kind === 'add-guests')
  return sim.headroom.map((h, i) => headroomSentence(h, batches[i]?.notPlaced.length ?? 0))
}

function headroomSentence(h: Headroom, leftOut: number): string {
  const size = `${formatBytes(h.batch.memory)}/${formatCores(h.batch.cores)}${h.batch.disk ? `/${formatBytes(h.batch.disk)}` : ''}`
  if (h.total === 0) return `no more guests of ${size} fit after the what-if`
  const fit = Math.min(h.total, leftOut)
  const which = fit === leftOut ? (leftOut === 1 ? 'the guest' : `the ${leftOut} guests`) : `${fit} of the ${leftOut} guests`
  const after = leftOut === 0 ? '' : `; ${which} of the batch that found no node on arrival would fit once the plan has run`
  return `${h.total} more guests of ${size} fit after the what-if (${h.nodes.map((n) => `${n.node} ${n.count}`).join(', ')}); the next one goes to ${h.best}${after}`
}

export function verdictLine(sim: Simulation): string {
  const notPlaced = sim.notPlaced.length ? `${plural(sim.notPlaced.length, 'guest')} ${sim.notPlaced.length === 1 ? 'does' : 'do'} not fit` : 'everything fits'
  return `What-if: ${plural(sim.changes.length, 'change')}, ${notPlaced}; the plan makes ${plural(sim.plan.summary.moves, 'migration')}, spread ${sim.spread.after.toFixed(1)} points; survives the loss of any one node: ${sim.resilience.survivesAnyOneNode ? 'yes' : sim.resilience.losses.length === 0 ? 'no, no node is left online' : 'no'}.`
}
