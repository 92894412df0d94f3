/**
 * Progress of long reads on a terminal: one line on stderr, rewritten in place at most
 * ten times a second and erased when done. While the cluster keeps it waiting the line
 * says so: the retries the client makes, and how long the host has not answered (after
 * a few seconds of silence), so a slow or failing host never looks like a hung proxlb.
 * Where nobody watches (stderr is not a terminal, or CI is set) it prints nothing, so
 * logs and CI output stay clean.
 */
import type {ClientEvent} from '../proxmox/client.js'
import type {Progress} from '../proxmox/collector.js'

export interface ProgressLine {
  update(progress: Progress): void
  /** The host the client asks now, named when it keeps the read waiting. */
  asking(endpoint: string): void
  /** What the client reports while the read runs: answers, retries; `endpoint` is the host asked now. */
  clientEvent(event: ClientEvent, endpoint: string): void
  /** Erases the line; call before printing anything else. */
  done(): void
}

/** The clock the line reads and the ticker that names a silence (tests pass their own). */
export interface ProgressClock {
  now(): number
  every(ms: number, tick: () => void): () => void
}

/** Silence shorter than this is a slow answer, not worth a word. */
export const SILENCE_MS = 5_000

const REAL_CLOCK: ProgressClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const timer = setInterval(tick, ms)
    timer.unref()
    return () => clearInterval(timer)
  },
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env, clock: ProgressClock = REAL_CLOCK): ProgressLine {
  if (!stream.isTTY || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false')) return {update() {}, asking() {}, clientEvent() {}, done() {}}
  let last = 0
  let shown = false
  let reading = ''
  let retry = ''
  let host = ''
  let answered = clock.now()
  let stop: (() => void) | undefined

  const render = () => {
    const silent = clock.now() - answered
    const waiting = silent >= SILENCE_MS && host ? `, no answer from ${host} for ${Math.floor(silent / 1000)} s` : ''
    shown = true
    stream.write(`\r\x1b[2K${reading}${retry}${waiting}`)
  }
  return {
    update(progress) {
      const now = clock.now()
      const counts = progress.total > 1 ? ` ${progress.done}/${progress.total}` : ''
      reading = `reading ${progress.phase}${counts} …`
      stop ??= clock.every(1000, () => clock.now() - answered >= SILENCE_MS && render())
      if (now - last < 100 && progress.done !== progress.total) return
      last = now
      render()
    },
    asking(endpoint) {
      host = endpoint.replace(/^https?:\/\//, '')
    },
    clientEvent(event, endpoint) {
      this.asking(endpoint)
      if (event.type === 'response') {
        answered = clock.now()
        if (retry) {
          retry = ''
          if (reading) render()
        }
      } else if (event.type === 'retry') {
        retry = ` retrying (${event.attempt}/${event.retries}): ${event.reason}`
        if (reading) render()
      }
    },
    done() {
      stop?.()
      stop = undefined
      if (shown) stream.write('\r\x1b[2K')
      shown = false
    },
  }
}
