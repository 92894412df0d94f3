/**
 * One version key, `format`, in every document; files of earlier builds (`schemaVersion: 1`)
 * still read, with the identity their journals recorded; and a file of another kind given
 * in the wrong place is said in one sentence, not as schema errors.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {planIdentity, readJournal} from '../../src/apply/journal.js'
import {sha256Of} from '../../src/model/canonical.js'
import {documentKind} from '../../src/model/formats.js'
import {readPlan} from '../../src/model/plan.js'
import {readPolicy} from '../../src/model/policy.js'
import {readScenario} from '../../src/model/scenario.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {ROOT} from '../helpers/cli.js'
import {refusal} from '../helpers/refusal.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const demo = read('snapshots/demo.json')
const plan = read('test/render/fixtures/plan.json')
const policy = read('policies/default.yaml')
const scenario = read('examples/scenarios/lose-pve1.yaml')
const legacy = (text: string) => text.replace(/"format": "proxlb\.\w+\/v1"/, '"schemaVersion": 1')

describe('the format key', () => {
  test('a snapshot of an earlier build (schemaVersion 1) reads as proxlb.snapshot/v1, with the same fingerprint', () => {
    const old = readSnapshot(legacy(demo), 'old.json')
    const now = readSnapshot(demo, 'new.json')
    expect(legacy(demo)).toContain('"schemaVersion": 1')
    expect(old.snapshot.format).toBe('proxlb.snapshot/v1')
    expect('schemaVersion' in old.snapshot).toBe(false)
    expect(old.fingerprint).toBe(now.fingerprint)
  })

  test('a plan of an earlier build keeps the identity its journal recorded (the hash of the file as written)', () => {
    const oldText = legacy(plan)
    const old = readPlan(oldText, 'old.json')
    expect(old.plan.format).toBe('proxlb.plan/v1')
    expect(planIdentity(old.plan).hash).toBe(sha256Of(JSON.parse(oldText)))
    expect(planIdentity(readPlan(plan, 'new.json').plan).hash).toBe(planIdentity(old.plan).hash)
  })

  test('a journal may hold lines of both keys', () => {
    const identity = planIdentity(readPlan(plan, 'p.json').plan)
    const line = (seq: number, key: string) => JSON.stringify({...(key === 'old' ? {schemaVersion: 1} : {format: 'proxlb.journal/v1'}), seq, at: '2026-11-21T10:00:00.000Z', run: 'r1', plan: identity, event: 'run-ended', summary: {status: 'completed', done: 0, failed: 0, skipped: 0, pending: 0}})
    const journal = readJournal(`${line(1, 'old')}\n${line(2, 'new')}\n`, 'j.jsonl')
    expect(journal.records.map((r) => r.format)).toEqual(['proxlb.journal/v1', 'proxlb.journal/v1'])
  })

  test('documentKind names what a document is', () => {
    expect(documentKind(JSON.parse(demo)).kind).toBe('snapshot')
    expect(documentKind(JSON.parse(legacy(plan))).kind).toBe('plan')
    expect(documentKind({apiVersion: 'proxlb/v1', kind: 'Config'}).kind).toBe('config')
    expect(documentKind({proxmox_api: {}}).kind).toBe('ProxLB config')
    expect(documentKind({data: 1}).kind).toBeUndefined()
  })
})

describe('a file in the wrong place: one sentence saying what it is and what was expected', () => {
  const journalLine = JSON.stringify({format: 'proxlb.journal/v1', seq: 1, at: '2026-11-21T10:00:00.000Z', run: 'r1', plan: {hash: 'x', snapshot: 'y', policy: 'z'}, event: 'run-started'})
  test.each([
    ['a plan given as a snapshot', () => readSnapshot(plan, 'f'), /^f: this is a proxlb plan \(proxlb\.plan\/v1\), not a snapshot: give a snapshot/],
    ['a snapshot given as a plan', () => readPlan(demo, 'f'), /^f: this is a proxlb snapshot \(proxlb\.snapshot\/v1\), not a plan: give a plan \(from proxlb plan --out\)$/],
    ['an old snapshot given as a plan', () => readPlan(legacy(demo), 'f'), /^f: this is a proxlb snapshot \(written by an earlier proxlb\), not a plan/],
    ['a policy given as a snapshot', () => readSnapshot(policy, 'f'), /^f: this is a proxlb policy \(YAML, apiVersion proxlb\/v1\), not a snapshot/],
    ['a policy given as a plan', () => readPlan(policy, 'f'), /^f: this is a proxlb policy .*, not a plan/],
    ['a journal given as a plan', () => readPlan(`${journalLine}\n${journalLine}\n`, 'f'), /^f: this is a proxlb journal \(proxlb\.journal\/v1\), one JSON object per line, not a plan/],
    ['a snapshot given as a policy', () => readPolicy(demo, 'f'), /^f: this is a proxlb snapshot \(proxlb\.snapshot\/v1\), not a policy: give a policy file/],
    ['a plan given as a policy', () => readPolicy(plan, 'f'), /^f: this is a proxlb plan \(proxlb\.plan\/v1\), not a policy/],
    ['a scenario given as a policy', () => readPolicy(scenario, 'f'), /^f: this is a proxlb scenario \(apiVersion proxlb\/v1\), not a policy/],
    ['a policy given as a scenario', () => readScenario(policy, 'f'), /^f: this is a proxlb policy \(apiVersion proxlb\/v1\), not a scenario/],
    ['a ProxLB config given as a policy', () => readPolicy('proxmox_api:\n  hosts: [pve1]\nbalancing:\n  enable: true\n', 'f'), /^f: this is a ProxLB configuration file, not a policy/],
  ])('%s', (_, load, sentence) => {
    const lines = refusal(load)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(sentence)
  })
})
