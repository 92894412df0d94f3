/**
 * The JSON Schemas in `schemas/` as validators, and ajv's errors as sentences.
 *
 * The validators are compiled ahead of time (src/model/generated/validators.ts, by
 * `npm run gen:types`): compiling schemas at run time cost every command that reads a
 * file ~100 ms of start-up, loading ajv's compiler included. Every ajv error becomes a
 * Problem that says where and what was expected, in the user's words rather than the
 * schema's: alternatives (anyOf) collapse to one line built from the schema's own
 * description, unknown fields get a "did you mean", and the value found is quoted.
 */
import type {ErrorObject} from 'ajv'
import configSchema from '../../schemas/config.v1.json'
import journalSchema from '../../schemas/journal.v1.json'
import planSchema from '../../schemas/plan.v1.json'
import policySchema from '../../schemas/policy.v1.json'
import scenarioSchema from '../../schemas/scenario.v1.json'
import snapshotSchema from '../../schemas/snapshot.v1.json'
import {configV1, journalV1, planV1, policyV1, scenarioV1, snapshotV1} from './generated/validators.js'
import {type Problem, preview} from './problems.js'

export const SCHEMAS = {
  snapshot: snapshotSchema,
  policy: policySchema,
  plan: planSchema,
  config: configSchema,
  scenario: scenarioSchema,
  journal: journalSchema,
} as const

export type SchemaName = keyof typeof SCHEMAS

/** A generated validator: true when the value is valid, else its errors (verbose: with parentSchema and data) in `errors`. */
interface Validator {
  (value: unknown): boolean
  errors?: ErrorObject[] | null
}

const VALIDATORS: Record<SchemaName, Validator> = {
  snapshot: snapshotV1,
  policy: policyV1,
  plan: planV1,
  config: configV1,
  scenario: scenarioV1,
  journal: journalV1,
}

/** Where a problem is, given the path of keys and indexes to the offending value. */
export type Locator = (path: (string | number)[]) => string

/** Validates a parsed document; returns every problem, located by `locate`. */
export function validateAgainst(name: SchemaName, value: unknown, file: string, locate: Locator): Problem[] {
  const validate = VALIDATORS[name]
  if (validate(value)) return []
  return explainErrors(validate.errors ?? [], file, locate)
}

function explainErrors(errors: ErrorObject[], file: string, locate: Locator): Problem[] {
  // An anyOf failure is explained once; the failures of its branches are noise. (ajv's
  // schemaPath is relative to the $ref'd definition, so the instance path must match too.)
  const anyOf = errors.filter((e) => e.keyword === 'anyOf')
  const isBranch = (e: ErrorObject) =>
    anyOf.some((a) => a !== e && e.instancePath.startsWith(a.instancePath) && e.schemaPath.startsWith(a.schemaPath + '/'))
  const branchless = errors.filter((e) => !isBranch(e))
  // An anyOf whose value has a deeper problem (a mapping with one bad field) is better
  // explained by that problem alone.
  const kept = branchless.filter((e) => e.keyword !== 'anyOf' || !branchless.some((d) => d.instancePath.startsWith(e.instancePath + '/')))
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const error of kept) {
    const path = pointerToPath(error.instancePath)
    const {at, message} = explainError(error, path)
    const problem = {file, location: locate(at), message}
    const key = problem.location + '\0' + message
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(problem)
  }
  return problems
}

function explainError(error: ErrorObject, path: (string | number)[]): {at: (string | number)[]; message: string} {
  const got = `got ${preview(error.data)}`
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return {at: path, message: `missing field ${JSON.stringify(params.missingProperty)}`}
    case 'additionalProperties': {
      const name = String(params.additionalProperty)
      const allowed = Object.keys((error.parentSchema as {properties?: object} | undefined)?.properties ?? {})
      const suggestion = closest(name, allowed)
      const hint = suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''
      return {at: [...path, name], message: `unknown field ${JSON.stringify(name)}${hint}`}
    }
    case 'type':
      return {at: path, message: `expected ${withArticle(String(params.type))}, ${gotTyped(error.data)}`}
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v))
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed) : undefined
      const hint = suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''
      return {at: path, message: `expected one of ${allowed.join(', ')}; ${got}${hint}`}
    }
    case 'const':
      return {at: path, message: `expected ${preview(params.allowedValue)}, ${got}`}
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = {minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<'}[error.keyword]
      return {at: path, message: `expected a number ${op} ${String(params.limit)}, ${got}`}
    }
    case 'minItems':
      return {at: path, message: `expected at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'entry' : 'entries'}, got none`}
    case 'minLength':
      return {at: path, message: 'must not be empty'}
    case 'uniqueItems':
      return {at: path, message: `entries ${String(params.j)} and ${String(params.i)} are the same: remove one`}
    case 'format':
      return {at: path, message: `expected an ISO-8601 date-time such as 2026-11-21T10:00:00Z, ${got}`}
    case 'anyOf':
    case 'minProperties':
    case 'maxProperties':
    case 'pattern': {
      const described = describe(error.parentSchema)
      return {at: path, message: `expected ${described ?? 'a value of the documented form'}, ${got}`}
    }
    default:
      return {at: path, message: `${error.message ?? 'is invalid'}, ${got}`}
  }
}

function gotTyped(value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value
  return kind === 'a list' || kind === 'an object' || kind === 'null' ? `got ${kind}` : `got ${kind} ${preview(value)}`
}

function withArticle(type: string): string {
  const names: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    null: 'null',
  }
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ')
}

/** A schema's description as the object of "expected ...": first letter lowered, no period. */
function describe(schema: unknown): string | undefined {
  const text = (schema as {description?: string} | undefined)?.description
  if (!text) return undefined
  const sentence = text.replace(/\.$/, '')
  return sentence[0].toLowerCase() + sentence.slice(1)
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return []
  return pointer
    .slice(1)
    .split('/')
    .map((part) => {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~')
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key
    })
}

/** The candidate nearest to `word` by edit distance, if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity
  let previous = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}
