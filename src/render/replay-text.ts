/**
 * A replay of the balance service (`simulate --cycles`) as text: the settings, proxlb's
 * totals next to the greedy balancer's, the spread over time as a sparkline, and the
 * cycles that moved guests. No decisions here.
 */
import type {Replay, StrategyRun} from '../simulate/replay.js'
import {table} from './format.js'

const STRATEGY_LABELS = {proxlb: 'proxlb', greedy: 'greedy (ProxLB-like)'} as const

export function renderReplayText(replay: Replay): string {
  const lines: string[] = []
  const every = duration(replay.everySeconds)
  lines.push(`Replay of the balance service on ${replay.cluster}: ${replay.cycles} cycles every ${every} (${duration(replay.cycles * replay.everySeconds)}) from ${replay.snapshot.takenAt}`)
  lines.push(`  snapshot ${replay.snapshot.label}; drift ${driftText(replay)}`)
  const p = replay.policy
  lines.push(`  policy ${p.label}${p.name ? ` (${p.name})` : ''}: threshold ${p.threshold}, margin ${p.margin}, minGain ${p.minGain}/GiB, persistence ${p.persistence}, cooldown ${duration(replay.cooldownSeconds)}${p.window ? `, planned from ${p.window} averages` : ''}`)
  lines.push('')
  const runs = replay.runs
  const row = (label: string, value: (r: StrategyRun) => string) => [label, ...runs.map(value)]
  lines.push(
    ...table(
      [
        ['', ...runs.map((r) => STRATEGY_LABELS[r.strategy])],
        row('migrations', (r) => String(r.totals.moves)),
        row('  after the first cycle', (r) => String(r.totals.movesAfterFirst)),
        row('cycles that moved guests', (r) => String(r.totals.cyclesWithMoves)),
        row('guests moved more than once', (r) => String(r.totals.movedMoreThanOnce.length)),
        row(`moved again within ${duration(replay.cooldownSeconds)}`, (r) => String(r.totals.movedAgainWithinCooldown)),
        row(`  back where they came from`, (r) => String(r.totals.movedBackWithinCooldown)),
        row('spread mean / max / at the end', (r) => `${r.totals.spread.mean.toFixed(1)} / ${r.totals.spread.max.toFixed(1)} / ${r.totals.spread.last.toFixed(1)}`),
      ],
      runs.map((_, i) => i + 1),
    ).map((l) => `  ${l}`),
  )
  lines.push('')
  lines.push(`Spread over time (each cycle, before it moves; ${SPARKS[0]} 0 … ${SPARKS[SPARKS.length - 1]} ${sparkTop(replay)} points):`)
  const top = sparkTop(replay)
  for (const run of runs) lines.push(`  ${STRATEGY_LABELS[run.strategy].padEnd(22)} ${sparkline(run.cycles.map((c) => c.spreadBefore), top)}`)
  const proxlb = runs.find((r) => r.strategy === 'proxlb')
  if (proxlb) {
    const moving = proxlb.cycles.filter((c) => c.moves.length > 0)
    lines.push('')
    lines.push(moving.length ? `proxlb's migrations, by cycle:` : 'proxlb moved nothing.')
    for (const c of moving) {
      lines.push(`  cycle ${c.cycle} (${c.at}): spread ${c.spreadBefore.toFixed(1)} → ${c.spreadAfter.toFixed(1)}, ${c.moves.length} migration${c.moves.length === 1 ? '' : 's'}`)
      for (const m of c.moves) lines.push(`    ${m.name} (${m.vmid}) ${m.from} → ${m.to} [${m.reason}]`)
    }
    const twice = proxlb.totals.movedMoreThanOnce
    if (twice.length) lines.push(`  moved more than once: ${twice.map((g) => `${g.name} (${g.vmid}) ×${g.moves}`).join(', ')}`)
    const skipped = proxlb.cycles.filter((c) => !c.ran).length
    if (skipped) lines.push(`  ${skipped} cycle${skipped === 1 ? '' : 's'} fell outside balance.during and did not run`)
  }
  return lines.join('\n')
}

const SPARKS = '▁▂▃▄▅▆▇█'

function sparkTop(replay: Replay): number {
  return Math.max(1, Math.ceil(Math.max(...replay.runs.map((r) => r.totals.spread.max))))
}

/** One character per cycle; long replays are folded into at most 120 characters (the highest of each group). */
function sparkline(values: readonly number[], top: number): string {
  const group = Math.max(1, Math.ceil(values.length / 120))
  let out = ''
  for (let i = 0; i < values.length; i += group) {
    const v = Math.max(...values.slice(i, i + group))
    out += SPARKS[Math.min(SPARKS.length - 1, Math.round((v / top) * (SPARKS.length - 1)))]
  }
  return out
}

export function driftText(replay: Replay): string {
  const d = replay.drift
  const parts = [d.walk && `walk:${+(d.walk * 100).toFixed(2)}%`, d.daily && `daily:${+(d.daily * 100).toFixed(2)}%`, d.jitter && `jitter:${+(d.jitter * 100).toFixed(2)}%`].filter(Boolean)
  return [...parts, `seed:${d.seed}`].join(',')
}

export function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}
