/**
 * What proxlb prints under --json is what its schemas say: each command run as a user runs
 * it (the compiled CLI, offline: the bundled demo, files in a temporary folder), its stdout
 * one JSON document (or one per line for runs), validated against schemas/<format>.v1.json
 * with ajv, errors included. The runs against a cluster (apply, drain, snapshot, emulate)
 * are in test/apply/json.test.ts.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {proxlb, ROOT} from '../helpers/cli.js'
import {expectValid, singleDocument} from '../helpers/outputs.js'

const dir = mkdtempSync(join(tmpdir(), 'proxlb-outputs-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('every --json output is one document of its schema', () => {
  test('plan --json, and plan --out: proxlb.plan/v1', () => {
    const r = proxlb(['plan', '--json', '--out', join(dir, 'plan.json')])
    expect(r.status).toBe(0)
    expectValid(singleDocument(r.stdout), 'plan')
    expectValid(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')), 'plan')
  })

  test('show PLAN --json and --format json: proxlb.show/v1, the plan inside; --max-age exceeded: exit 2 and a warning', () => {
    proxlb(['plan', '--out', join(dir, 'show.json')])
    for (const args of [['--json'], ['--format', 'json']]) {
      const r = proxlb(['show', join(dir, 'show.json'), ...args])
      expect(r.status).toBe(0)
      const doc = singleDocument(r.stdout)
      expectValid(doc, 'show')
      expect(doc).toMatchObject({file: join(dir, 'show.json'), age: {snapshotTakenAt: '2026-11-20T09:00:00Z'}})
    }
    const old = proxlb(['show', join(dir, 'show.json'), '--json', '--max-age', '1h'])
    expect(old.status).toBe(2)
    expect(singleDocument(old.stdout)).toMatchObject({age: {maxSeconds: 3600, older: true}})
    expect(old.stderr).toMatch(/^warning: the snapshot of .* was taken \d+ days( \d+ h)? ago \(2026-11-20T09:00:00Z\), longer ago than --max-age 1h/)
    const recent = proxlb(['show', join(dir, 'show.json'), '--max-age', '1h'], {env: {SOURCE_DATE_EPOCH: String(Date.parse('2026-11-20T09:30:00Z') / 1000)}})
    expect(recent.status).toBe(0)
    expect(recent.stderr).toBe('')
    expect(recent.stdout).toMatch(/^proxlb plan for cluster demo\n/)
  })

  test('simulate --json: proxlb.simulation/v1', () => {
    const r = proxlb(['simulate', '--fail', 'pve1', '--json', '--out', join(dir, 'after.json')])
    expect(r.status).toBe(0)
    expectValid(singleDocument(r.stdout), 'simulation')
    expectValid(JSON.parse(readFileSync(join(dir, 'after.json'), 'utf8')), 'snapshot')
  })

  test('snapshot diff --json: proxlb.snapshot-diff/v1', () => {
    proxlb(['simulate', '--fail', 'pve2', '--out', join(dir, 'after2.json')])
    const r = proxlb(['snapshot', 'diff', join(ROOT, 'snapshots', 'demo.json'), join(dir, 'after2.json'), '--json'])
    expect(r.status).toBe(0)
    expect(singleDocument(r.stdout)).toMatchObject({identical: false})
    expectValid(singleDocument(r.stdout), 'snapshot-diff')
  })

  test('policy validate --json (and --format json): proxlb.validation/v1, invalid files included', () => {
    const policies = readdirSync(join(ROOT, 'policies')).filter((f) => f.endsWith('.yaml')).map((f) => join('policies', f))
    for (const flag of ['--json', '--format=json']) {
      const r = proxlb(['policy', 'validate', ...policies, 'snapshots/demo.json', flag])
      expect(r.status).toBe(1)
      const doc = singleDocument(r.stdout) as {files: {valid: boolean}[]}
      expectValid(doc, 'validation')
      expect(doc.files.map((f) => f.valid)).toEqual([...policies.map(() => true), false])
    }
  })

  test('config convert --json: proxlb.conversion/v1', () => {
    const r = proxlb(['config', 'convert', 'test/fixtures/proxlb/2.2.0-proxlb_example.yaml', '--json'])
    expect(r.status).toBe(0)
    const doc = singleDocument(r.stdout)
    expectValid(doc, 'conversion')
    expect(doc).toMatchObject({from: 'proxlb-yaml', config: expect.stringMatching(/^apiVersion: proxlb\/v1/m)})
  })

  test('completion --json: proxlb.completion/v1; schema --json: the schema itself', () => {
    const r = proxlb(['completion', 'bash', '--json'])
    expect(r.status).toBe(0)
    expectValid(singleDocument(r.stdout), 'completion')
    const s = proxlb(['schema', 'event', '--json'])
    expect(s.status).toBe(0)
    expect(singleDocument(s.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas', 'event.v1.json'), 'utf8')))
  })

  test.each([
    ['a file that is not there', ['plan', 'nowhere.json', '--json'], 1, {code: 'file', where: 'nowhere.json'}],
    ['a plan given as a snapshot', ['simulate', '--plan', 'snapshots/demo.json', '--json'], 1, {code: 'invalid-input', where: 'snapshots/demo.json', message: expect.stringMatching(/^this is a proxlb snapshot .*, not a plan/)}],
    ['a mistyped flag', ['plan', '--polcy', 'x', '--json'], 1, {code: 'unknown-flag', where: '--polcy', message: expect.stringContaining('did you mean --policy?')}],
    ['a mistyped command', ['plna', '--json'], 1, {code: 'unknown-command', where: 'plna'}],
    ['flags that do not go together', ['drain', 'pve3', '--plan-only', '--restore', '--json'], 1, {code: 'flag-conflict'}],
    ['a bad value', ['show', 'x.json', '--max-age', 'soon', '--json'], 1, {code: 'error', message: expect.stringContaining('--max-age soon')}],
    ['--format json instead of --json', ['plan', 'nowhere.json', '-f', 'json'], 1, {code: 'file'}],
    ['--detailed-exitcode without --plan-only', ['drain', 'pve3', '--detailed-exitcode', '--json'], 1, {where: '--detailed-exitcode'}],
  ])('an error under --json, %s: one proxlb.error/v1 document on stdout, the same exit code, the line on stderr too', (_, args, status, error) => {
    const r = proxlb(args as string[])
    expect(r.status).toBe(status)
    const doc = singleDocument(r.stdout)
    expectValid(doc, 'error')
    expect(doc).toMatchObject({format: 'proxlb.error/v1', error: {exitCode: status, ...(error as object)}})
    expect(r.stderr).toMatch(/^error: /)
    // Without --json: nothing on stdout.
    expect(proxlb((args as string[]).filter((a) => a !== '--json' && a !== '-f' && a !== 'json')).stdout).toBe('')
  })
})
