/**
 * Checking what proxlb prints against its schemas: every schema in schemas/ compiled with
 * ajv as the generated validators are (scripts/gen-validators.js), at test time.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {expect} from 'vitest'
import {ROOT} from './cli.js'

const {configuredAjv} = require(join(ROOT, 'scripts', 'gen-validators.js')) as {configuredAjv(): {addSchema(s: unknown): void; getSchema(id: string): ((v: unknown) => boolean) & {errors?: unknown}}}

const ajv = configuredAjv()
for (const file of readdirSync(join(ROOT, 'schemas')).filter((f) => /\.v\d+\.json$/.test(f))) ajv.addSchema(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')))

/** Fails the test unless `value` is valid against schemas/<name>.v1.json. */
export function expectValid(value: unknown, name: string): void {
  const validate = ajv.getSchema(`https://proxlb.dev/schemas/${name}.v1.json`)
  if (!validate) throw new Error(`no schema ${name}`)
  const ok = validate(value)
  expect(ok ? [] : validate.errors, `not a valid ${name}`).toEqual([])
}

/** stdout as exactly one JSON document (fails the test otherwise). */
export function singleDocument(stdout: string): unknown {
  expect(stdout.trim(), 'stdout is empty').not.toBe('')
  return JSON.parse(stdout)
}

/** stdout as JSON lines, each one object. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
}
