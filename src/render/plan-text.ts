/**
 * The plan for a terminal: per-node table before → after with small bars, the moves by
 * wave with their reasons, warnings, and the summary line last where the eye lands.
 */
import type {Plan} from '../model/plan.js'
import {formatBytes} from '../model/units.js'
import {bar, methodLabel, moveMethod, pct, plural, shortFingerprint, shortTime, table} from './format.js'

export interface PlanSources {
  snapshot: string
  policy: string
}

export function renderPlanText(plan: Plan, sources: PlanSources): string {
  const lines: string[] = []
  lines.push(`proxlb plan for cluster ${plan.snapshot.cluster}`)
  lines.push(`  snapshot  ${sources.snapshot}, taken ${shortTime(plan.snapshot.takenAt)} (${shortFingerprint(plan.snapshot.fingerprint)})`)
  const named = plan.policy.name ? ` "${plan.policy.name}"` : ''
  lines.push(`  policy    ${sources.policy}${named}: balance ${methodLabel(plan)}, threshold ${plan.balance.threshold} points`)
  if (plan.scope) lines.push(`  scope     only the guests of ${plan.scope.nodes.join(', ')} may move`)
  lines.push('')

  const header = ['node', 'role', 'guests', 'before', '', '', 'after', '', '']
  const rows = plan.nodes.map((n) => [
    n.name,
    n.role,
    n.before.guests === n.after.guests ? String(n.after.guests) : `${n.before.guests} → ${n.after.guests}`,
    bar(n.before.utilisation),
    pct(n.before.utilisation),
    '→',
    bar(n.after.utilisation),
    pct(n.after.utilisation),
    n.before.utilisation === n.after.utilisation ? '' : delta(n.after.utilisation - n.before.utilisation),
  ])
  lines.push(...table([header, ...rows], [4, 7, 8]).map((l) => '  ' + l))
  const tick = plan.balance.reached ? 'within' : 'above'
  lines.push(`  spread ${plan.balance.spreadBefore.toFixed(1)} → ${plan.balance.spreadAfter.toFixed(1)} points (${tick} the threshold of ${plan.balance.threshold})`)
  lines.push('')

  if (plan.moves.length > 0) {
    lines.push(`Moves (${plural(plan.moves.length, 'migration')}, ${plural(plan.summary.waves, 'wave')}):`)
    let wave = 0
    plan.moves.forEach((m, i) => {
      if (m.wave !== wave) {
        wave = m.wave
        lines.push(`  wave ${wave}`)
      }
      const what = `${m.name} (${m.vmid}, ${m.type === 'qemu' ? 'VM' : 'CT'})`
      const cost = `${moveMethod(m)}, ${formatBytes(m.bytes)}`
      lines.push(`    ${String(i + 1).padStart(2)}. ${what}  ${m.from} → ${m.to}  [${m.reason}] ${cost}`)
      lines.push(`        ${m.detail}`)
    })
    lines.push('')
  }

  if (plan.warnings.length > 0) {
    lines.push('Warnings:')
    for (const w of plan.warnings) lines.push(`  ! ${w.message}`)
    lines.push('')
  }
  lines.push(plan.summary.message)
  return lines.join('\n') + '\n'
}

function delta(points: number): string {
  return `${points > 0 ? '+' : ''}${points.toFixed(1)}`
}
