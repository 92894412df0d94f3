/**
 * A simulation as a pull-request comment: the verdict and summary first (changes, what
 * does not fit, moves, spread, resilience), the per-node table, then the details folded
 * away (changes, resilience per node, the plan's moves).
 */
import type {NodeMetrics} from '../model/plan.js'
import {formatBytes} from '../model/units.js'
import type {Simulation} from '../simulate/index.js'
import {methodLabel, pct, plural, shortFingerprint, shortTime} from './format.js'
import {escapeMarkdown, movesTable} from './plan-markdown.js'
import {balancesLabel, comparisonNote, guestCounts, headroomSentences, lossVerdict, resilienceVerdict, verdictLine} from './simulate-text.js'

export function renderSimulationMarkdown(sim: Simulation): string {
  const out: string[] = []
  const ok = sim.notPlaced.length === 0 && sim.resilience.survivesAnyOneNode && sim.plan.balance.reached
  out.push(`### ${ok ? '✅' : '⚠️'} proxlb simulate: ${escapeMarkdown(sim.cluster)}${sim.scenario?.name ? ` — ${escapeMarkdown(sim.scenario.name)}` : ''}`)
  out.push('')
  out.push(`**${verdictLine(sim)}**`)
  out.push('')
  out.push('| | |')
  out.push('|---|---|')
  if (sim.changes.length > 0) out.push(`| What-if | ${sim.changes.map((c) => escapeMarkdown(c.summary)).join('<br>')} |`)
  out.push(`| Does not fit | ${sim.notPlaced.length === 0 ? 'nothing' : sim.notPlaced.map((g) => `${escapeMarkdown(g.name)} (${g.vmid}, ${formatBytes(g.memory)})`).join(', ')} |`)
  out.push(`| Plan | ${escapeMarkdown(sim.plan.summary.message)} |`)
  out.push(`| Spread of ${methodLabel(sim.plan)} | ${sim.spread.now.toFixed(1)} now → ${sim.spread.changed.toFixed(1)} after the what-if → ${sim.spread.after.toFixed(1)} after the plan, threshold ${sim.spread.threshold} ${sim.plan.balance.reached ? '✅' : '⚠️'} |`)
  out.push(`| Resilience | ${sim.resilience.survivesAnyOneNode ? '✅' : '❌'} ${escapeMarkdown(resilienceVerdict(sim))} |`)
  for (const sentence of headroomSentences(sim)) out.push(`| Headroom | ${escapeMarkdown(sentence)} |`)
  out.push(`| Warnings | ${sim.plan.warnings.length + sim.warnings.length} |`)
  out.push(`| Snapshot | ${escapeMarkdown(sim.snapshot.label)}, ${shortTime(sim.snapshot.takenAt)}, \`${shortFingerprint(sim.snapshot.fingerprint)}\` → predicted \`${shortFingerprint(sim.predicted.fingerprint)}\` |`)
  out.push(`| Policy | ${escapeMarkdown(sim.policy.label)}${sim.policy.name ? ` (${escapeMarkdown(sim.policy.name)})` : ''}, \`${shortFingerprint(sim.policy.hash)}\` |`)
  out.push('')
  for (const w of [...sim.warnings, ...sim.plan.warnings.map((w) => w.message)]) out.push(`> ⚠️ ${escapeMarkdown(w)}`)
  if (sim.warnings.length + sim.plan.warnings.length > 0) out.push('')

  const cell = (m: NodeMetrics | undefined) => (m ? pct(m.utilisation) : '—')
  out.push('| Node | Role | Guests | Now | What-if | After plan | Memory after |')
  out.push('|---|---|---:|---:|---:|---:|---:|')
  for (const n of sim.nodes) {
    const memory = n.after ? `${formatBytes(n.after.memory.load)} / ${formatBytes(n.after.memory.capacity)}` : '—'
    out.push(`| ${escapeMarkdown(n.name)} | ${n.role ?? 'removed'} | ${guestCounts(n)} | ${cell(n.now)} | ${cell(n.changed)} | ${cell(n.after)} | ${memory} |`)
  }
  out.push('')

  if (sim.comparison.length > 0) {
    const note = comparisonNote(sim)
    if (note) out.push(`> ⚠️ ${escapeMarkdown(note)}`, '')
    out.push('| Policy | Balances | Moves | Moved | Spread | Within threshold | Not placed | Survives one loss |')
    out.push('|---|---|---:|---:|---:|---|---:|---|')
    for (const c of sim.comparison) {
      out.push(`| ${escapeMarkdown(c.label)}${c.name ? ` (${escapeMarkdown(c.name)})` : ''} | ${balancesLabel(c)} | ${c.moves} | ${formatBytes(c.bytesMoved)} | ${c.spreadBefore.toFixed(1)} → ${c.spreadAfter.toFixed(1)} | ${c.reached ? '✅' : '⚠️'} | ${c.notPlaced} | ${c.survivesAnyOneNode ? '✅ yes' : '❌ no'} |`)
    }
    out.push('')
  }

  const placedCount = sim.changes.reduce((sum, c) => sum + c.placed.length + c.notPlaced.length, 0)
  if (placedCount > 0) {
    out.push(`<details><summary>Where the what-if puts guests (${plural(placedCount, 'guest')})</summary>`)
    out.push('')
    out.push('| Change | Guest | From | To |')
    out.push('|---|---|---|---|')
    sim.changes.forEach((c, i) => {
      for (const g of c.placed) out.push(`| ${i + 1} | ${escapeMarkdown(g.name)} (${g.vmid}) | ${g.from ?? 'new'} | ${g.to} |`)
      for (const g of c.notPlaced) out.push(`| ${i + 1} | ${escapeMarkdown(g.name)} (${g.vmid}) | ${g.from ?? 'new'} | ❌ ${escapeMarkdown(g.reason)} |`)
    })
    out.push('')
    out.push('</details>')
    out.push('')
  }

  out.push(`<details><summary>Resilience: losing each node</summary>`)
  out.push('')
  out.push('| Lose | Guests | Memory | Restarted elsewhere? |')
  out.push('|---|---:|---:|---|')
  for (const l of sim.resilience.losses) out.push(`| ${escapeMarkdown(l.node)} | ${l.guests} | ${formatBytes(l.memory)} | ${escapeMarkdown(lossVerdict(l))} |`)
  out.push('')
  out.push('</details>')
  out.push('')

  if (sim.plan.moves.length > 0) {
    out.push(`<details><summary>${plural(sim.plan.moves.length, 'migration')}</summary>`)
    out.push('')
    out.push(...movesTable(sim.plan))
    out.push('')
    out.push('</details>')
    out.push('')
  }
  return out.join('\n')
}
