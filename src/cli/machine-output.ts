/**
 * Machine output, shared by every command: whether a run asked for JSON, and the error as
 * a JSON document. Under --json (or --format json) stdout carries exactly one JSON
 * document, or for runs that move guests one JSON object per line, and an error is one
 * more such document, `{"format": "proxlb.error/v1", "error": {code, message, where, ...}}`,
 * written by main.ts where every error is reported; the exit code stays what it is
 * without --json, and the error's lines still go to stderr for people reading a CI log.
 */
import {FORMATS} from '../model/formats.js'
import type {ErrorReport} from '../model/generated/error.v1.js'
import {InvalidInputError, ProxlbError} from '../model/problems.js'

/** Whether argv asks for JSON output: --json, -j, --format json, -f json (before any `--`). */
export function jsonRequested(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') return false
    if (arg === '--json' || arg === '-j' || arg === '--format=json' || arg === '-fjson' || arg === '-f=json') return true
    if ((arg === '--format' || arg === '-f') && argv[i + 1] === 'json') return true
  }
  return false
}

export type ErrorDocument = ErrorReport

/** `StalePlanError` → `stale-plan`; proxlb's base error → `error`. */
export function errorCode(error: ProxlbError): string {
  const name = error.name.replace(/Error$/, '')
  if (name === 'Proxlb' || name === '') return 'error'
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase()
}

/** The error document of an error proxlb expects and explains. */
export function proxlbErrorDocument(error: ProxlbError): ErrorDocument {
  if (error instanceof InvalidInputError && error.problems.length > 0) {
    const first = error.problems[0]
    return {
      format: FORMATS.error,
      error: {
        code: errorCode(error),
        message: first.message,
        where: first.location ? `${first.file}:${first.location}` : first.file,
        exitCode: error.exitCode,
        problems: error.problems.map((p) => ({file: p.file, location: p.location, message: p.message})),
      },
    }
  }
  const [message, ...rest] = error.lines()
  const details = rest.map((line) => line.trim()).filter(Boolean)
  return {format: FORMATS.error, error: {code: errorCode(error), message: message ?? error.message, where: error.where ?? null, exitCode: error.exitCode, ...(details.length ? {details} : {})}}
}

/** The error document of anything else: a usage error (code usage, unknown-flag ...) or a bug (internal). */
export function errorDocument(code: string, lines: readonly string[], where: string | null, exitCode: number): ErrorDocument {
  const [message, ...details] = lines.map((l) => l.replace(/^error: /, '').trim()).filter(Boolean)
  return {format: FORMATS.error, error: {code, message: message ?? code, where, exitCode, ...(details.length ? {details} : {})}}
}
