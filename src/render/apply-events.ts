/**
 * Views of an apply run: each event as one plain line (CI, pipes, logs) or one JSON line
 * (--json), the live terminal block (running migrations, counts, bytes, elapsed, time
 * left), the dry run's API calls, and the final report with every move's outcome.
 * Presentation only: the events and the report carry every decision.
 */
import {EVENT_FORMAT, type ApplyEvent, type EventMove} from '../apply/events.js'
import type {ExecutionReport} from '../apply/executor.js'
import type {Move} from '../model/plan.js'
import {formatBytes} from '../model/units.js'
import type {ApiCall} from '../proxmox/migrator.js'
import {moveMethod, plural, table} from './format.js'

/** The event as one line of newline-delimited JSON. */
export function eventJson(event: ApplyEvent): string {
  return JSON.stringify({format: EVENT_FORMAT, ...event})
}

/** The event as one plain line; `total` is the plan's move count. */
export function eventLine(event: ApplyEvent, total: number): string {
  const tag = (move: EventMove) => `[${String(move.index + 1).padStart(String(total).length)}/${total}]`
  const what = (move: EventMove) => `${move.name} (${move.vmid}) ${move.from} → ${move.to}`
  switch (event.type) {
    case 'run-started': {
      const limits = `at most ${event.parallel} at once, ${event.perNode} per node`
      const resumed = event.resumed ? `resuming: ${event.settled} of ${plural(event.moves, 'move')} settled earlier; ` : ''
      const there = event.alreadyThere ? `; ${event.alreadyThere} already on ${event.alreadyThere === 1 ? 'its target' : 'their targets'}` : ''
      return `${resumed}applying ${plural(event.moves - event.settled - event.alreadyThere, 'migration')} (${formatBytes(event.bytes)} in the plan), ${limits}${there}`
    }
    case 'move-started':
      return `${tag(event.move)} start   ${what(event.move)}, ${formatBytes(event.move.bytes)}`
    case 'move-accepted':
      return `${tag(event.move)} task    ${event.move.name} (${event.move.vmid}) ${event.upid}`
    case 'move-progress':
      return `${tag(event.move)} copying ${event.move.name} (${event.move.vmid}): ${transferText(event)}`
    case 'move-done':
      return event.recovered ? `${tag(event.move)} done    ${what(event.move)} (found on its target)` : `${tag(event.move)} done    ${what(event.move)} in ${duration(event.durationMs)}`
    case 'move-failed':
      return `${tag(event.move)} FAILED  ${what(event.move)}: ${event.reason}`
    case 'move-skipped':
      return `${tag(event.move)} skipped ${what(event.move)}: ${event.reason}`
    case 'move-unknown':
      return `${tag(event.move)} unknown ${what(event.move)}: ${event.reason}`
    case 'note':
      return event.message
    case 'run-ended':
      return runSummary(event)
  }
}

export function runSummary(e: Extract<ApplyEvent, {type: 'run-ended'}>): string {
  const parts = [`${e.done} done`]
  if (e.failed) parts.push(`${e.failed} failed`)
  if (e.skipped) parts.push(`${e.skipped} skipped`)
  if (e.pending) parts.push(`${e.pending} not finished`)
  const head = {completed: 'Finished', stopped: 'Stopped after a failure', interrupted: 'Interrupted', refused: 'Refused'}[e.status]
  return `${head}: ${parts.join(', ')}; ${formatBytes(e.bytesMoved)} moved in ${duration(e.durationMs)}.`
}

/** The live block for a terminal: one headline, then a line per running migration. */
export interface LiveState {
  label: string
  total: number
  done: number
  failed: number
  bytesTotal: number
  bytesDone: number
  elapsedMs: number
  /** Estimated time left, when there is an estimate. */
  leftMs?: number
  /** `progress`: what the migration's task log last said it had copied. */
  running: {move: EventMove; elapsedMs: number; progress?: Transfer}[]
}

type Transfer = Pick<Extract<ApplyEvent, {type: 'move-progress'}>, 'transferred' | 'total' | 'what'>

/** `1.2 GiB of 4 GiB VM-state (30%)`. */
export function transferText(p: Transfer): string {
  const percent = p.total > 0 ? ` (${Math.floor((100 * p.transferred) / p.total)}%)` : ''
  return `${formatBytes(p.transferred)} of ${formatBytes(p.total)} ${p.what}${percent}`
}

export function liveBlock(state: LiveState, width: number): string[] {
  const left = state.leftMs
  const failed = state.failed ? `, ${state.failed} failed` : ''
  const eta = left === undefined ? '' : ` · about ${duration(left)} left`
  const head = `${state.label}: ${state.done}/${state.total} done${failed} · ${formatBytes(state.bytesDone)} of ${formatBytes(state.bytesTotal)} moved · ${duration(state.elapsedMs)} elapsed${eta}`
  const rows = state.running.map((r) => ['  ⇢', `${r.move.name} (${r.move.vmid})`, `${r.move.from} → ${r.move.to}`, r.progress ? transferText(r.progress) : formatBytes(r.move.bytes), duration(r.elapsedMs)])
  return [head, ...table(rows, [3, 4])].map((line) => cut(line, width))
}

/** What --dry-run prints: every request in plan order, nothing sent. */
export function renderDryRun(calls: readonly {index: number; call: ApiCall}[], moves: readonly Move[], target: string): string {
  if (calls.length === 0) return 'Dry run: nothing to send, no move is left to run.\n'
  const lines = [`Dry run, nothing was sent: proxlb would send ${calls.length === 1 ? 'this request' : `these ${calls.length} requests`} to ${target}, each when a slot frees and its target has room (the busiest nodes first):`]
  for (const {index, call} of calls) {
    const params = Object.entries(call.params).map(([k, v]) => `${k}=${typeof v === 'boolean' ? (v ? 1 : 0) : v}`).join(' ')
    lines.push(`  ${call.method} ${call.path}  ${params}    # ${moves[index].name}, wave ${moves[index].wave}`)
  }
  if (calls.length > 0) {
    lines.push('Around each, reads only: before it GET /cluster/status (is the target online?), GET /pools?poolid=proxlb-lock (is the cluster lock still this run\'s?),')
    lines.push('GET /cluster/ha/status/manager_status, /nodes/{node}/tasks?source=active and /cluster/tasks (is someone else moving the guest?); GET /nodes/{node}/tasks/{upid}/status')
    lines.push("until its task ends (and the task's log if it fails; for HA-managed guests GET /nodes/{node}/tasks to find the HA manager's migration); GET /cluster/resources?type=vm to verify.")
    lines.push('A real run also takes the cluster lock first (POST /pools poolid=proxlb-lock), refreshes it (PUT /pools) and gives it back (DELETE /pools).')
  }
  return lines.join('\n') + '\n'
}

/** The dry run as JSON lines, one per request: `{"format":"proxlb.event/v1","type":"request","method","path","params","move"}`. */
export function dryRunJson(calls: readonly {index: number; call: ApiCall}[], moves: readonly Move[]): string {
  return calls.map(({index, call}) => JSON.stringify({format: EVENT_FORMAT, type: 'request', ...call, move: {index, vmid: moves[index].vmid, name: moves[index].name, from: moves[index].from, to: moves[index].to, wave: moves[index].wave}})).join('\n') + (calls.length ? '\n' : '')
}

/** The final report: every move with its outcome, then one summary line. */
export function renderReport(report: ExecutionReport, moves: readonly Move[]): string {
  if (moves.length === 0) return 'Nothing was moved.\n'
  const rows = moves.map((m, i) => {
    const o = report.outcomes[i]
    const what = [`${String(i + 1).padStart(2)}.`, `${m.name} (${m.vmid})`, `${m.from} → ${m.to}`]
    switch (o.status) {
      case 'done':
        return [...what, 'done', o.earlier ? 'in an earlier run' : o.alreadyThere ? 'found on its target, not moved by this run' : o.recovered ? 'found on its target' : o.durationMs !== undefined ? duration(o.durationMs) : '']
      case 'failed':
        return [...what, 'FAILED', `${o.reason}${o.earlier ? ' (in an earlier run)' : ''}`]
      case 'skipped':
        return [...what, 'skipped', o.reason]
      case 'pending':
        return [...what, 'not started', report.status === 'stopped' ? 'an earlier move failed (--on-failure stop)' : 'the run stopped first']
      case 'unknown':
        return [...what, 'unknown', o.reason]
    }
  })
  const lines = moves.length ? ['Outcome:', ...table(rows).map((l) => '  ' + l)] : []
  const count = (s: string) => report.outcomes.filter((o) => o.status === s).length
  // A run reports as done by proxlb only what proxlb moved: guests found on their targets are counted apart.
  const already = report.outcomes.filter((o) => o.status === 'done' && o.alreadyThere).length
  const done = count('done') - already
  const rest = [already && `${already} found on ${already === 1 ? 'its target' : 'their targets'} already`, count('failed') && `${count('failed')} failed`, count('skipped') && `${count('skipped')} skipped`, count('pending') && `${count('pending')} not started`, count('unknown') && `${count('unknown')} still under way`].filter(Boolean)
  const tail = report.status === 'completed' && rest.length === 0 ? '' : report.status === 'stopped' || report.status === 'interrupted' ? ' Continue with --resume.' : ''
  lines.push(`${done} of ${plural(moves.length, 'migration')} done${rest.length ? `, ${rest.join(', ')}` : ''}; ${formatBytes(report.bytesMoved)} moved in ${duration(report.durationMs)}.${tail}`)
  return lines.join('\n') + '\n'
}

/** `850 ms`, `3.2 s`, `1m 12s`, `2h 05m`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const s = Math.round(ms / 1000)
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
}

function cut(line: string, width: number): string {
  const chars = [...line]
  return chars.length <= width ? line : chars.slice(0, Math.max(1, width - 1)).join('') + '…'
}

/** What is about to run, shown before the question: every move, with those that need no run marked. */
export function renderIntro(command: string, label: string, cluster: string, moves: readonly Move[], settled: ReadonlySet<number>, alreadyThere: readonly number[]): string {
  if (moves.length === 0) return `proxlb ${command} ${label} on cluster ${cluster}: nothing to do, the plan moves no guest.\n`
  const toRun = moves.filter((_, i) => !settled.has(i) && !alreadyThere.includes(i))
  const bytes = toRun.reduce((s, m) => s + m.bytes, 0)
  const lines = [`proxlb ${command} ${label} on cluster ${cluster}: ${plural(toRun.length, 'migration')} to run, ${formatBytes(bytes)}; checked against the live cluster: it holds.`]
  const rows = moves.map((m, i) => [
    `${String(i + 1).padStart(2)}.`,
    `${m.name} (${m.vmid}, ${m.type === 'qemu' ? 'VM' : 'CT'})`,
    `${m.from} → ${m.to}`,
    moveMethod(m),
    formatBytes(m.bytes),
    `[${m.reason}] wave ${m.wave}`,
    settled.has(i) ? '(settled in an earlier run)' : alreadyThere.includes(i) ? '(already on its target)' : '',
  ])
  lines.push(...table(rows, [4]).map((l) => '  ' + l))
  return lines.join('\n') + '\n'
}
