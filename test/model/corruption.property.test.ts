/**
 * Loaders against random corruptions of valid files: truncation, bad UTF-8, duplicate
 * keys, wrong types, missing and unknown fields, huge numbers. Each corrupted file is
 * either accepted as valid or refused with one-line messages that name the file and a
 * location; never a crash, a hang or a stack trace. fast-check prints the seed and the
 * shrunk counterexample of any failure.
 */
import {fc, test} from '@fast-check/vitest'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect} from 'vitest'
import {parse, stringify} from 'yaml'
import {readPlan} from '../../src/model/plan.js'
import {readPolicy} from '../../src/model/policy.js'
import {InvalidInputError} from '../../src/model/problems.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {planRebalance} from '../../src/planner/index.js'
import {ROOT} from '../helpers/cli.js'
import {mutate, mutation} from '../helpers/mutations.js'

const snapshotText = readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8')
const policyText = readFileSync(join(ROOT, 'policies', 'rules.yaml'), 'utf8')
const planText = (() => {
  const {snapshot, fingerprint} = readSnapshot(snapshotText, 'demo.json')
  const {policy, hash} = readPolicy(policyText, 'rules.yaml')
  const plan = planRebalance(snapshot, policy, {createdAt: '2026-11-21T10:00:00Z', toolVersion: '0.0.0', snapshot: {fingerprint, takenAt: snapshot.takenAt, cluster: 'demo'}, policy: {document: policy, hash}})
  return JSON.stringify(plan, null, 2)
})()

type Loader = (input: Uint8Array, file: string) => unknown

/** Runs a loader; the input must be accepted, or refused with well-formed one-line problems. */
function acceptedOrClearlyRefused(load: Loader, input: Uint8Array, file: string): void {
  try {
    load(input, file)
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error
    const lines = error.lines()
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) {
      expect(line.startsWith(file)).toBe(true)
      expect(line).not.toContain('\n')
      expect(line).not.toMatch(/\bat .*\.(ts|js):\d+/)
      expect(line.length).toBeLessThan(600)
    }
  }
}

// ---- Mutations of text -----------------------------------------------------------------

type TextMutation =
  | {kind: 'truncate'; at: number}
  | {kind: 'bytes'; at: number; bytes: number[]}
  | {kind: 'duplicate-key'; at: number}
  | {kind: 'splice'; at: number; length: number; text: string}

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({kind: fc.constant('truncate' as const), at: fc.nat()}),
  fc.record({kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.constantFrom(0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0, 0xf4, 0x90, 0x00, 0x1b), {minLength: 1, maxLength: 4})}),
  fc.record({kind: fc.constant('duplicate-key' as const), at: fc.nat()}),
  fc.record({kind: fc.constant('splice' as const), at: fc.nat(), length: fc.nat({max: 20}), text: fc.string({maxLength: 10})}),
)

function mutateText(text: string, m: TextMutation, yaml: boolean): Uint8Array {
  const bytes = Buffer.from(text)
  const at = m.at % (bytes.length + 1)
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, at)
    case 'bytes':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)])
    case 'splice':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(Math.min(bytes.length, at + m.length))])
    case 'duplicate-key': {
      // Repeat one line that holds a key: a duplicate key in YAML, and in pretty JSON too.
      const lines = text.split('\n')
      const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => (yaml ? /^\s*[A-Za-z$]\w*:/ : /^\s*"[^"]+":/).test(l))
      if (keyed.length === 0) return bytes
      const [line, index] = keyed[m.at % keyed.length]
      const copy = [...lines]
      const duplicate = !yaml && !line.trimEnd().endsWith(',') && !line.trimEnd().endsWith('{') && !line.trimEnd().endsWith('[') ? line + ',' : line
      copy.splice(index, 0, duplicate)
      return Buffer.from(copy.join('\n'))
    }
  }
}

const loaders: {name: string; text: string; load: Loader; yaml: boolean}[] = [
  {name: 'snapshot', text: snapshotText, load: readSnapshot, yaml: false},
  {name: 'policy', text: policyText, load: readPolicy, yaml: true},
  {name: 'plan', text: planText, load: readPlan, yaml: false},
]

describe.each(loaders)('$name loader', ({name, text, load, yaml}) => {
  const file = `${name}.${yaml ? 'yaml' : 'json'}`
  const parsed: unknown = yaml ? parse(text) : JSON.parse(text)

  test('accepts the valid file it starts from', () => {
    expect(() => load(Buffer.from(text), file)).not.toThrow()
  })

  test.prop([textMutation], {numRuns: 300})('accepts or clearly refuses text corruptions', (m) => {
    acceptedOrClearlyRefused(load, mutateText(text, m, yaml), file)
  })

  test.prop([fc.array(mutation, {minLength: 1, maxLength: 4})], {numRuns: 300})('accepts or clearly refuses structural corruptions', (ms) => {
    const doc = ms.reduce<unknown>((d, m) => mutate(d, m), parsed)
    const serialized = yaml ? stringify(doc) : JSON.stringify(doc, null, 1)
    acceptedOrClearlyRefused(load, Buffer.from(serialized ?? ''), file)
  })
})
