/**
 * Where an apply run's events go, chosen once: newline-delimited JSON on stdout (--json);
 * on a terminal (stderr a TTY, CI unset) a live block on stderr, redrawn four times a
 * second, with each finished, failed or skipped move printed above it for good; else one
 * plain line per event on stdout, for CI logs and pipes.
 */
import type {ApplyEvent, EventMove, EventSink} from '../apply/events.js'
import {eventJson, eventLine, liveBlock} from '../render/apply-events.js'

export type ViewMode = 'json' | 'live' | 'plain'

/** A sink of the run's events; the live view's close stops redrawing and erases its block. */
export type RunView = EventSink

export function viewMode(json: boolean, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): ViewMode {
  if (json) return 'json'
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false'
  return stream.isTTY && !ci ? 'live' : 'plain'
}

export function runView(mode: ViewMode, label: string, total: number, write: {out(line: string): void; err: NodeJS.WriteStream} = {out: (line) => process.stdout.write(line + '\n'), err: process.stderr}): RunView {
  if (mode === 'json') return {emit: (event) => write.out(eventJson(event)), close() {}}
  if (mode === 'plain') return plainView(total, write.out)

  return new LiveView(label, total, write.err)
}

/** How often a log hears of one migration's progress. */
const PLAIN_PROGRESS_MS = 30_000

/** One line per event; a migration's progress at most every half minute, so a log stays readable. */
function plainView(total: number, out: (line: string) => void): RunView {
  const lastProgress = new Map<number, number>()
  return {
    emit(event) {
      if (event.type === 'move-progress') {
        const now = Date.now()
        if (now - (lastProgress.get(event.move.index) ?? -Infinity) < PLAIN_PROGRESS_MS) return
        lastProgress.set(event.move.index, now)
      }
      out(eventLine(event, total))
    },
    close() {},
  }
}

class LiveView implements RunView {
  private readonly running = new Map<number, {move: EventMove; since: number; progress?: Extract<ApplyEvent, {type: 'move-progress'}>}>()
  private readonly started = Date.now()
  private done = 0
  private failed = 0
  private bytesTotal = 0
  private bytesDone = 0
  private parallel = 1
  /** Bytes and milliseconds of the migrations that moved bytes: one migration's speed. */
  private timedBytes = 0
  private timedMs = 0
  private shown = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
  ) {
    this.timer = setInterval(() => this.draw(), 250)
    this.timer.unref()
  }

  emit(event: ApplyEvent): void {
    switch (event.type) {
      case 'run-started':
        this.bytesTotal = event.bytes
        this.parallel = event.parallel
        this.done = event.settled
        return this.print(eventLine(event, this.total))
      case 'move-started':
        this.running.set(event.move.index, {move: event.move, since: Date.now()})
        return this.draw()
      case 'move-accepted':
        return
      case 'move-progress': {
        const run = this.running.get(event.move.index)
        if (run) run.progress = event
        return
      }
      case 'move-done':
        this.running.delete(event.move.index)
        this.done++
        // A guest found on its target moved nothing in this run.
        if (event.recovered) this.bytesTotal -= event.move.bytes
        else this.bytesDone += event.move.bytes
        if (!event.recovered && event.move.bytes > 0 && event.durationMs > 0) {
          this.timedBytes += event.move.bytes
          this.timedMs += event.durationMs
        }
        return this.print(eventLine(event, this.total))
      case 'move-failed':
      case 'move-skipped':
      case 'move-unknown':
        this.running.delete(event.move.index)
        if (event.type === 'move-failed') this.failed++
        // A move that did not happen moves no bytes: the total shrinks, the estimate stays honest.
        this.bytesTotal -= event.move.bytes
        return this.print(eventLine(event, this.total))
      case 'note':
      case 'run-ended':
        return this.print(eventLine(event, this.total))
    }
  }

  close(): void {
    clearInterval(this.timer)
    this.erase()
  }

  private print(line: string): void {
    this.erase()
    this.stream.write(line + '\n')
    this.draw()
  }

  private draw(): void {
    const now = Date.now()
    const lines = liveBlock(
      {
        label: this.label,
        total: this.total,
        done: this.done,
        failed: this.failed,
        bytesTotal: this.bytesTotal,
        bytesDone: this.bytesDone,
        elapsedMs: now - this.started,
        leftMs: this.estimateLeft(now),
        running: [...this.running.values()].map((r) => ({move: r.move, elapsedMs: now - r.since, ...(r.progress ? {progress: r.progress} : {})})),
      },
      this.stream.columns || 100,
    )
    this.erase()
    this.stream.write(lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n')
    this.shown = lines.length
  }

  /**
   * Time left, once a migration has shown how fast one goes: the longest of the running
   * ones' remainders, plus the bytes not started yet shared by the parallel slots.
   */
  private estimateLeft(now: number): number | undefined {
    if (this.timedBytes === 0 || this.timedMs === 0) return undefined
    const rate = this.timedBytes / this.timedMs
    let runningBytes = 0
    let longest = 0
    for (const r of this.running.values()) {
      runningBytes += r.move.bytes
      longest = Math.max(longest, r.move.bytes / rate - (now - r.since))
    }
    const waiting = Math.max(0, this.bytesTotal - this.bytesDone - runningBytes)
    return Math.max(0, longest) + waiting / (rate * this.parallel)
  }

  private erase(): void {
    if (this.shown === 0) return
    this.stream.write(`\x1b[${this.shown}F\x1b[0J`)
    this.shown = 0
  }
}
