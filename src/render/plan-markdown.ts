/**
 * The plan as a pull-request comment: the summary first (moves, spread before → after,
 * warnings), then the per-node table, then the moves folded in a <details> section.
 */
import type {Plan} from '../model/plan.js'
import {formatBytes} from '../model/units.js'
import {methodLabel, moveMethod, pct, plural, shortFingerprint, shortTime} from './format.js'
import type {PlanSources} from './plan-text.js'

export function renderPlanMarkdown(plan: Plan, sources: PlanSources): string {
  const out: string[] = []
  const icon = plan.summary.status === 'no-changes' ? '✅' : '🔀'
  out.push(`### ${icon} proxlb plan: ${plan.snapshot.cluster}`)
  out.push('')
  out.push(`**${plan.summary.message}**`)
  out.push('')
  out.push(`| | |`)
  out.push(`|---|---|`)
  out.push(`| Migrations | ${plan.summary.moves} in ${plural(plan.summary.waves, 'wave')} (${formatBytes(plan.summary.bytesMoved)}) |`)
  out.push(`| Spread of ${methodLabel(plan)} | ${plan.balance.spreadBefore.toFixed(1)} → ${plan.balance.spreadAfter.toFixed(1)} points, threshold ${plan.balance.threshold} ${plan.balance.reached ? '✅' : '⚠️'} |`)
  out.push(`| Warnings | ${plan.warnings.length} |`)
  out.push(`| Snapshot | ${escapeMarkdown(sources.snapshot)}, ${shortTime(plan.snapshot.takenAt)}, \`${shortFingerprint(plan.snapshot.fingerprint)}\` |`)
  out.push(`| Policy | ${escapeMarkdown(sources.policy)}${plan.policy.name ? ` (${escapeMarkdown(plan.policy.name)})` : ''}, \`${shortFingerprint(plan.policy.hash)}\` |`)
  out.push('')
  if (plan.warnings.length > 0) {
    for (const w of plan.warnings) out.push(`> ⚠️ ${escapeMarkdown(w.message)}`)
    out.push('')
  }
  out.push('| Node | Role | Guests | Before | After | Change |')
  out.push('|---|---|---:|---:|---:|---:|')
  for (const n of plan.nodes) {
    const guests = n.before.guests === n.after.guests ? String(n.after.guests) : `${n.before.guests} → ${n.after.guests}`
    const change = n.after.utilisation - n.before.utilisation
    out.push(`| ${n.name} | ${n.role} | ${guests} | ${pct(n.before.utilisation)} | ${pct(n.after.utilisation)} | ${change === 0 ? '' : `${change > 0 ? '+' : ''}${change.toFixed(1)}`} |`)
  }
  out.push('')
  if (plan.moves.length > 0) {
    out.push(`<details><summary>${plural(plan.moves.length, 'migration')}</summary>`)
    out.push('')
    out.push(...movesTable(plan))
    out.push('')
    out.push('</details>')
    out.push('')
  }
  return out.join('\n')
}

/** The plan's moves as a Markdown table, in execution order. */
export function movesTable(plan: Plan): string[] {
  return [
    '| # | Wave | Guest | From | To | Reason | Method | Transfer |',
    '|---:|---:|---|---|---|---|---|---:|',
    ...plan.moves.map(
      (m, i) =>
        `| ${i + 1} | ${m.wave} | ${escapeMarkdown(m.name)} (${m.vmid}) | ${m.from} | ${m.to} | ${m.reason}: ${escapeMarkdown(m.detail)} | ${moveMethod(m, true)} | ${formatBytes(m.bytes)} |`,
    ),
  ]
}

/** Text safe inside a Markdown table cell: pipes and angle brackets escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[|<>]/g, (c) => `\\${c}`)
}

