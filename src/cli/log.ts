/**
 * Log lines for the balance service, on stderr: `--log-format text` (default) or `json`,
 * filtered by `--log-level`. Under systemd (JOURNAL_STREAM names stderr) text lines carry
 * the sd-daemon priority prefix (`<6>`), so journald records each at its level and adds the
 * time itself; elsewhere each line starts with the time and the level. JSON lines are one
 * object each: time, level, message, and fields such as the cycle number.
 */
import {fstatSync} from 'node:fs'

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export type LogFields = Record<string, string | number | boolean>

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warning(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

const PRIORITY: Record<LogLevel, number> = {debug: 7, info: 6, warning: 4, error: 3}

export function createLogger(level: LogLevel, format: 'text' | 'json', write: (line: string) => void = (line) => process.stderr.write(line + '\n'), env: NodeJS.ProcessEnv = process.env): Logger {
  const threshold = LOG_LEVELS.indexOf(level)
  const journald = format === 'text' && stderrIsJournal(env)
  const log = (at: LogLevel, message: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return
    const time = new Date().toISOString()
    if (format === 'json') return write(JSON.stringify({time, level: at, message, ...fields}))
    for (const line of message.split('\n')) write(journald ? `<${PRIORITY[at]}>${line}` : `${time} ${at.padEnd(7)} ${line}`)
  }
  return {
    log,
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warning: (m, f) => log('warning', m, f),
    error: (m, f) => log('error', m, f),
  }
}

/** systemd sets JOURNAL_STREAM to the device:inode of the journal stream it connected. */
function stderrIsJournal(env: NodeJS.ProcessEnv): boolean {
  const stream = env.JOURNAL_STREAM
  if (!stream) return false
  try {
    const stat = fstatSync(2)
    return stream === `${stat.dev}:${stat.ino}`
  } catch {
    return false
  }
}
