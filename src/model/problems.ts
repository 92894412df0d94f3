/**
 * Problems found in an input file, and the error that carries them to the user.
 *
 * A problem names the file, a location inside it (a JSON pointer such as
 * `/guests/3/memory`, or a YAML `line:column`) and says what was expected. Loaders
 * collect every problem they find and throw them together, so a user fixes a file
 * in one pass. This module is pure: it formats, it never prints.
 */

export interface Problem {
  /** The file as the user named it (or a label such as `bundled demo snapshot`). */
  file: string
  /** JSON pointer (`/nodes/0/name`) or YAML position (`12:5`); empty for the whole file. */
  location: string
  /** What is wrong and what was expected, as one sentence without a trailing period. */
  message: string
}

/**
 * `file:location: message`, the one-line form every problem is shown in. A location comes
 * from the file (a key may hold a line break, or a terminal's escape sequence): control
 * characters anywhere in the line are written as escapes (`\n`, `\u001b`), so one problem
 * is always one printable line.
 */
export function formatProblem(problem: Problem): string {
  const where = problem.location ? `${problem.file}:${problem.location}` : problem.file
  return printable(`${where}: ${problem.message}`)
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const ESCAPES: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}

/** `text` with its control characters (and Unicode line separators) written as JSON-style escapes. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Base of every error proxlb expects and explains; each carries the exit code it causes. */
export class ProxlbError extends Error {
  readonly exitCode: number
  /** The file, flag or thing the error is about, for machine output (`where`); optional. */
  readonly where?: string
  constructor(message: string, exitCode = 1, where?: string) {
    super(message)
    this.name = new.target.name
    this.exitCode = exitCode
    if (where !== undefined) this.where = where
  }

  /** The lines shown to the user, one sentence each. */
  lines(): string[] {
    return [this.message]
  }
}

/** Most problems shown for one file; the rest are counted (a file of garbage has thousands). */
export const MAX_PROBLEMS = 50

/** One or more problems in an input file (snapshot, policy, plan ...). */
export class InvalidInputError extends ProxlbError {
  readonly problems: readonly Problem[]
  constructor(problems: readonly Problem[]) {
    super(shownLines(problems).join('\n'))
    this.problems = problems
  }

  override lines(): string[] {
    return shownLines(this.problems)
  }
}

function shownLines(problems: readonly Problem[]): string[] {
  const lines = problems.slice(0, MAX_PROBLEMS).map(formatProblem)
  if (problems.length > MAX_PROBLEMS) lines.push(`${problems[0].file}: ... and ${problems.length - MAX_PROBLEMS} more problems`)
  return lines
}

/** Short, printable rendering of a value for messages: strings quoted, long values cut. */
export function preview(value: unknown, max = 40): string {
  let text: string
  if (value === undefined) text = 'nothing'
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value)
  else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = String(value)
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** A JSON pointer for a path of keys and indexes (RFC 6901 escaping). */
export function toPointer(path: readonly (string | number)[]): string {
  if (path.length === 0) return '/'
  return path.map((part) => '/' + String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('')
}
