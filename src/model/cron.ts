/**
 * Time windows written as cron expressions (minute hour day-of-month month day-of-week,
 * read in UTC): a moment is inside a window when its minute matches the expression, so
 * `* 22-23,0-5 * * *` is every night from 22:00 to 05:59. Parsing and matching are
 * croner's, a small, well-kept cron library without dependencies: the edge cases of
 * cron (day-of-month or day-of-week, ranges with steps, `L`, names) are its business.
 * Pure: the caller passes the time.
 */
import {Cron} from 'croner'

function compile(expression: string): Cron {
  return new Cron(expression, {timezone: 'UTC', paused: true})
}

/** Why an expression is no five-field cron expression, or undefined when it is one. */
export function cronProblem(expression: string): string | undefined {
  if (expression.trim().split(/\s+/).length !== 5) return `${JSON.stringify(expression)} is not a cron expression of five fields`
  try {
    compile(expression)
    return undefined
  } catch (error) {
    return `${JSON.stringify(expression)} is not a cron expression: ${(error as Error).message.replace(/^CronPattern: /, '')}`
  }
}

/** Windows compiled once, for many questions. */
export class TimeWindows {
  private readonly crons: Cron[]

  constructor(readonly expressions: readonly string[]) {
    this.crons = expressions.map(compile)
  }

  /** `at` falls in a minute some window matches (no windows: always). */
  contains(at: Date): boolean {
    if (this.crons.length === 0) return true
    const minute = new Date(Math.floor(at.getTime() / 60000) * 60000)
    return this.crons.some((c) => c.match(minute))
  }

  /** The first moment at or after `at` inside a window; undefined when no window ever opens again. */
  nextOpen(at: Date): Date | undefined {
    if (this.contains(at)) return at
    const starts = this.crons.map((c) => c.nextRun(at)).filter((d): d is Date => d !== null)
    return starts.length ? new Date(Math.min(...starts.map((d) => d.getTime()))) : undefined
  }
}
