/**
 * Progress of long reads on a terminal: one line on stderr, rewritten in place at most
 * ten times a second and erased when done. Where nobody watches (stderr is not a
 * terminal, or CI is set) it prints nothing, so logs and CI output stay clean.
 */
import type {Progress} from '../proxmox/collector.js'

export interface ProgressLine {
  update(progress: Progress): void
  /** Erases the line; call before printing anything else. */
  done(): void
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressLine {
  if (!stream.isTTY || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false')) return {update() {}, done() {}}
  let last = 0
  let shown = false
  return {
    update(progress) {
      const now = Date.now()
      if (now - last < 100 && progress.done !== progress.total) return
      last = now
      shown = true
      const counts = progress.total > 1 ? ` ${progress.done}/${progress.total}` : ''
      stream.write(`\r\x1b[2Kreading ${progress.phase}${counts} …`)
    },
    done() {
      if (shown) stream.write('\r\x1b[2K')
      shown = false
    },
  }
}
