/**
 * Plans and simulations as one self-contained HTML page: inline CSS and SVG, system
 * fonts, no script, nothing fetched, so the file can be attached to a ticket or opened
 * offline. A chart shows each node's utilisation as horizontal bars (now, after the
 * what-if, after the plan) on one scale, with the 100% line; tables carry the details.
 * The chart's geometry is fixed (CHART) so that a rendered page can be checked pixel by
 * pixel; on a screen narrower than the chart it scales down whole (viewBox), never cut.
 * Nothing is folded away, so a printed page holds every migration.
 */
import type {NodeMetrics, Plan} from '../model/plan.js'
import {formatBytes} from '../model/units.js'
import type {Simulation} from '../simulate/index.js'
import type {Replay} from '../simulate/replay.js'
import {driftText, duration} from './replay-text.js'
import {methodLabel, moveMethod, pct, plural, shortFingerprint, shortTime} from './format.js'
import {balancesLabel, comparisonNote, headroomSentences, lossVerdict, resilienceVerdict, verdictLine} from './simulate-text.js'

/** Chart geometry in CSS pixels: bars start at `left`, `scale` pixels per percentage point. */
export const CHART = {left: 170, scale: 4, max: 125, bar: 14, gap: 4, pad: 14, width: 170 + 4 * 125 + 70}

/** Bar colours by series, also used by the legend (drawn below the chart). */
export const COLOURS = {now: '#9ca3af', changed: '#f59e0b', after: '#2563eb'} as const

type Series = keyof typeof COLOURS

const LABELS: Record<Series, string> = {now: 'now', changed: 'after the what-if', after: 'after the plan'}

interface ChartRow {
  name: string
  role: string
  values: Partial<Record<Series, NodeMetrics>>
}

export function renderPlanHtml(plan: Plan, sources: {snapshot: string; policy: string}): string {
  const summary = [
    ['Migrations', `${plan.summary.moves} in ${plural(plan.summary.waves, 'wave')}, ${formatBytes(plan.summary.bytesMoved)}`],
    ['Spread', `${plan.balance.spreadBefore.toFixed(1)} → ${plan.balance.spreadAfter.toFixed(1)} points, ${methodLabel(plan)}, threshold ${plan.balance.threshold}`],
    ['Snapshot', `${sources.snapshot}, ${shortTime(plan.snapshot.takenAt)}, ${shortFingerprint(plan.snapshot.fingerprint)}`],
    ['Policy', `${sources.policy}${plan.policy.name ? ` (${plan.policy.name})` : ''}`],
  ]
  const body = [
    `<h1>proxlb plan: ${esc(plan.snapshot.cluster)}</h1>`,
    `<p class="verdict">${esc(plan.summary.message)}</p>`,
    keyValues(summary),
    warningsList(plan.warnings.map((w) => w.message)),
    planChartHtml(plan),
    movesSection(plan),
  ]
  return page(`proxlb plan: ${plan.snapshot.cluster}`, body.join('\n'))
}

export function renderSimulationHtml(sim: Simulation): string {
  const rows: ChartRow[] = sim.nodes.map((n) => ({name: n.name, role: n.role ?? 'removed', values: {now: n.now, changed: n.changed, after: n.after}}))
  const summary = [
    ...sim.changes.map((c, i) => [`Change ${i + 1}`, c.summary]),
    ['Does not fit', sim.notPlaced.length ? sim.notPlaced.map((g) => `${g.name} (${g.vmid}, ${formatBytes(g.memory)}): ${g.reason}`).join('; ') : 'nothing'],
    ['Plan', sim.plan.summary.message],
    ['Spread', `${sim.spread.now.toFixed(1)} now → ${sim.spread.changed.toFixed(1)} after the what-if → ${sim.spread.after.toFixed(1)} after the plan, ${methodLabel(sim.plan)}, threshold ${sim.spread.threshold}`],
    ['Resilience', resilienceVerdict(sim)],
    ...headroomSentences(sim).map((sentence) => ['Headroom', sentence]),
    ['Snapshot', `${sim.snapshot.label}, ${shortTime(sim.snapshot.takenAt)}, ${shortFingerprint(sim.snapshot.fingerprint)}`],
    ['Policy', `${sim.policy.label}${sim.policy.name ? ` (${sim.policy.name})` : ''}`],
  ]
  const losses = table(
    ['Lose', 'Guests', 'Memory', 'Restarted elsewhere?'],
    sim.resilience.losses.map((l) => [l.node, String(l.guests), formatBytes(l.memory), lossVerdict(l)]),
  )
  const mixed = comparisonNote(sim)
  const comparison = sim.comparison.length
    ? `<h2>Policies compared</h2>\n${mixed ? `<p class="note">${esc(mixed)}</p>\n` : ''}${table(
        ['Policy', 'Balances', 'Moves', 'Moved', 'Spread', 'Within threshold', 'Not placed', 'Survives one loss'],
        sim.comparison.map((c) => [c.label, balancesLabel(c), String(c.moves), formatBytes(c.bytesMoved), `${c.spreadBefore.toFixed(1)} → ${c.spreadAfter.toFixed(1)}`, c.reached ? 'yes' : 'no', String(c.notPlaced), c.survivesAnyOneNode ? 'yes' : 'no']),
      )}`
    : ''
  const body = [
    `<h1>proxlb simulate: ${esc(sim.cluster)}${sim.scenario?.name ? ` — ${esc(sim.scenario.name)}` : ''}</h1>`,
    `<p class="verdict">${esc(verdictLine(sim))}</p>`,
    keyValues(summary),
    warningsList([...sim.warnings, ...sim.plan.warnings.map((w) => w.message)]),
    chart(rows, ['now', 'changed', 'after']),
    comparison,
    `<h2>Resilience</h2>\n${losses}`,
    movesSection(sim.plan),
  ]
  return page(`proxlb simulate: ${sim.cluster}`, body.filter(Boolean).join('\n'))
}

/** Replay chart geometry: one column of `step` pixels per cycle (at most REPLAY.width in all). */
export const REPLAY = {left: 40, top: 10, plot: 200, bars: 60, width: 960, right: 10}

const RUN_COLOURS = {proxlb: '#2563eb', greedy: '#f59e0b'} as const

/** A replay of the balance service (simulate --cycles): spread over time and moves per cycle, proxlb and the greedy balancer. */
export function renderReplayHtml(replay: Replay): string {
  const p = replay.policy
  const summary = [
    ['Cycles', `${replay.cycles} every ${duration(replay.everySeconds)} (${duration(replay.cycles * replay.everySeconds)}) from ${shortTime(replay.snapshot.takenAt)}`],
    ['Drift', driftText(replay)],
    ['Policy', `${p.label}${p.name ? ` (${p.name})` : ''}: threshold ${p.threshold}, margin ${p.margin}, minGain ${p.minGain}/GiB, persistence ${p.persistence}, cooldown ${duration(replay.cooldownSeconds)}${p.window ? `, planned from ${p.window} averages` : ''}`],
    ['Snapshot', replay.snapshot.label],
  ]
  const totals = table(
    ['', 'Migrations', 'After the first cycle', 'Cycles that moved', 'Guests moved more than once', `Moved again within ${duration(replay.cooldownSeconds)}`, 'Spread mean / max / end'],
    replay.runs.map((r) => [r.strategy, String(r.totals.moves), String(r.totals.movesAfterFirst), String(r.totals.cyclesWithMoves), String(r.totals.movedMoreThanOnce.length), String(r.totals.movedAgainWithinCooldown), `${r.totals.spread.mean.toFixed(1)} / ${r.totals.spread.max.toFixed(1)} / ${r.totals.spread.last.toFixed(1)}`]),
  )
  const proxlb = replay.runs.find((r) => r.strategy === 'proxlb')
  const moves = proxlb
    ? table(['Cycle', 'At', 'Spread', 'Migrations'], proxlb.cycles.filter((c) => c.moves.length).map((c) => [String(c.cycle), c.at, `${c.spreadBefore.toFixed(1)} → ${c.spreadAfter.toFixed(1)}`, c.moves.map((m) => `${m.name} (${m.vmid}) ${m.from} → ${m.to}`).join('; ')]))
    : ''
  const body = [
    `<h1>proxlb simulate --cycles: ${esc(replay.cluster)}</h1>`,
    keyValues(summary),
    replayChart(replay),
    `<h2>Totals</h2>\n${totals}`,
    proxlb ? `<details><summary>proxlb's migrations by cycle</summary>\n${moves}</details>` : '',
  ]
  return page(`proxlb replay: ${replay.cluster}`, body.filter(Boolean).join('\n'))
}

function replayChart(replay: Replay): string {
  const {left, top, plot, bars, width, right} = REPLAY
  const n = Math.max(1, replay.cycles)
  const step = (width - left - right) / n
  const maxSpread = Math.max(replay.policy.threshold + replay.policy.margin, ...replay.runs.map((r) => r.totals.spread.max), 1)
  const maxMoves = Math.max(1, ...replay.runs.flatMap((r) => r.cycles.map((c) => c.moves.length)))
  const y = (spread: number) => top + plot - (Math.min(spread, maxSpread) / maxSpread) * plot
  const barTop = top + plot + 20
  const height = barTop + bars + 24
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Spread and migrations per cycle">`]
  parts.push(`<rect x="${left}" y="${top}" width="${width - left - right}" height="${plot}" class="track"/>`)
  parts.push(`<text x="0" y="${top + 10}" class="value">${Math.round(maxSpread)}</text><text x="0" y="${top + plot}" class="value">0</text>`)
  const line = (value: number, label: string) => `<line x1="${left}" y1="${y(value).toFixed(1)}" x2="${width - right}" y2="${y(value).toFixed(1)}" class="full"/><text x="${left + 4}" y="${(y(value) - 3).toFixed(1)}" class="role">${esc(label)}</text>`
  parts.push(line(replay.policy.threshold, `threshold ${replay.policy.threshold}`))
  if (replay.policy.margin > 0) parts.push(line(replay.policy.threshold + replay.policy.margin, `threshold + margin ${replay.policy.threshold + replay.policy.margin}`))
  replay.runs.forEach((run, r) => {
    const points = run.cycles.map((c, i) => `${(left + (i + 0.5) * step).toFixed(1)},${y(c.spreadBefore).toFixed(1)}`).join(' ')
    parts.push(`<polyline points="${points}" fill="none" stroke="${RUN_COLOURS[run.strategy]}" stroke-width="1.5"><title>${esc(`${run.strategy}: spread each cycle`)}</title></polyline>`)
    const w = Math.max(1, step / replay.runs.length - 0.5)
    run.cycles.forEach((c, i) => {
      if (!c.moves.length) return
      const h = (c.moves.length / maxMoves) * bars
      parts.push(`<rect x="${(left + i * step + r * (step / replay.runs.length)).toFixed(1)}" y="${(barTop + bars - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${RUN_COLOURS[run.strategy]}"><title>${esc(`${run.strategy}, cycle ${c.cycle}: ${c.moves.length} migration(s)`)}</title></rect>`)
    })
  })
  parts.push(`<text x="0" y="${barTop + 10}" class="value">${maxMoves}</text><text x="${left}" y="${height - 6}" class="role">migrations per cycle (bars), spread in points before each cycle (lines)</text>`)
  parts.push('</svg>')
  const legend = replay.runs.map((r) => `<span><svg width="12" height="12"><rect width="12" height="12" fill="${RUN_COLOURS[r.strategy]}"/></svg> ${esc(r.strategy)}</span>`).join(' ')
  return `<h2>Spread and migrations over time</h2>\n<figure>${parts.join('')}\n<figcaption>${legend}</figcaption></figure>`
}

/** The plan's chart alone (now and after, per node), for pages that show a plan among other things (proxlb serve). */
export function planChartHtml(plan: Plan): string {
  return chart(plan.nodes.map((n) => ({name: n.name, role: n.role, values: {now: n.before, after: n.after}})), ['now', 'after'])
}

function chart(rows: ChartRow[], series: Series[]): string {
  const rowHeight = series.length * (CHART.bar + CHART.gap) + CHART.pad
  const height = rows.length * rowHeight + 24
  const x100 = CHART.left + 100 * CHART.scale
  const parts: string[] = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${CHART.width} ${height}" style="max-width:${CHART.width}px" shape-rendering="crispEdges" role="img" aria-label="Utilisation per node">`)
  rows.forEach((row, r) => {
    const top = r * rowHeight + CHART.pad / 2
    parts.push(`<text x="0" y="${top + 12}" class="node">${esc(row.name)}</text>`)
    parts.push(`<text x="0" y="${top + 28}" class="role">${esc(row.role)}</text>`)
    series.forEach((s, i) => {
      const y = top + i * (CHART.bar + CHART.gap)
      const m = row.values[s]
      parts.push(`<rect x="${CHART.left}" y="${y}" width="${CHART.max * CHART.scale}" height="${CHART.bar}" class="track"/>`)
      if (!m) {
        parts.push(`<text x="${CHART.left + 4}" y="${y + 11}" class="value">—</text>`)
        return
      }
      const width = Math.round(Math.max(0, Math.min(CHART.max, m.utilisation)) * CHART.scale)
      if (width > 0) parts.push(`<rect x="${CHART.left}" y="${y}" width="${width}" height="${CHART.bar}" fill="${COLOURS[s]}"><title>${esc(`${row.name} ${LABELS[s]}: ${pct(m.utilisation)}`)}</title></rect>`)
      parts.push(`<text x="${CHART.left + CHART.max * CHART.scale + 6}" y="${y + 11}" class="value">${pct(m.utilisation)}</text>`)
    })
  })
  parts.push(`<line x1="${x100}" y1="0" x2="${x100}" y2="${rows.length * rowHeight}" class="full"/>`)
  parts.push(`<text x="${x100 - 14}" y="${height - 6}" class="value">100%</text>`)
  parts.push('</svg>')
  const legend = series.map((s) => `<span><svg width="12" height="12"><rect width="12" height="12" fill="${COLOURS[s]}"/></svg> ${LABELS[s]}</span>`).join(' ')
  return `<h2>Utilisation per node</h2>\n<figure>${parts.join('')}\n<figcaption>${legend}</figcaption></figure>`
}

function movesSection(plan: Plan): string {
  if (plan.moves.length === 0) return ''
  const rows = plan.moves.map((m, i) => [String(i + 1), String(m.wave), `${m.name} (${m.vmid})`, m.from, m.to, `${m.reason}: ${m.detail}`, moveMethod(m, true), formatBytes(m.bytes)])
  return `<h2>${plural(plan.moves.length, 'migration')} in ${plural(plan.summary.waves, 'wave')}</h2>\n${table(['#', 'Wave', 'Guest', 'From', 'To', 'Reason', 'Method', 'Transfer'], rows)}`
}

function keyValues(rows: string[][]): string {
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`
}

function table(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
}

function warningsList(warnings: string[]): string {
  return warnings.length ? `<ul class="warnings">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''
}

const STYLE = `
body{margin:0;padding:16px 24px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111827;background:#fff}
h1{font-size:20px;margin:0 0 8px}h2{font-size:16px;margin:20px 0 8px}
.verdict{font-weight:600;margin:0 0 12px}
table{border-collapse:collapse;margin:4px 0}th,td{border:1px solid #e5e7eb;padding:3px 8px;text-align:left;vertical-align:top}
.kv th{background:#f9fafb;white-space:nowrap}
.warnings{color:#92400e}
figure{margin:0}figcaption span{margin-right:16px}
svg text{font:12px system-ui,sans-serif;fill:#111827}svg .role{fill:#6b7280;font-size:11px}svg .node{font-weight:600}
svg .track{fill:#f3f4f6}svg .full{stroke:#b91c1c;stroke-width:1;stroke-dasharray:3 3}
svg.chart{display:block;width:100%;height:auto}
.note{color:#92400e}
@media (max-width:600px){body{padding:8px}table{display:block;overflow-x:auto}}
@media print{body{padding:0;font-size:11px}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr,figure{break-inside:avoid}h2{break-after:avoid}}
`

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}
