import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {validateAgainst} from '../../src/model/schemas.js'
import {proxlb} from '../helpers/cli.js'
import {snapshot} from '../helpers/builders.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxlb-plan-'))
})

const FIXED_TIME = {SOURCE_DATE_EPOCH: '1790000000'}

describe('proxlb plan', () => {
  test('without arguments plans the bundled demo with the default policy', () => {
    const r = proxlb(['plan'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('proxlb plan for cluster demo')
    expect(r.stdout).toContain('bundled demo snapshot (snapshots/demo.json)')
    expect(r.stdout).toMatch(/pve1 +active +\d+ → \d+ +[█░]+ +74\.8% +→/)
    expect(r.stdout).toMatch(/\n\d+ migrations in \d+ waves?, .* to move; spread 68\.0 → \d+\.\d points, within the threshold of 10\.\n$/)
  })

  test('--json prints the plan document: valid, with the stable move fields and the move count', () => {
    const r = proxlb(['plan', '--json'])
    expect(r.status).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(validateAgainst('plan', plan, 'stdout', String)).toEqual([])
    expect(plan.moves.length).toBeGreaterThan(0)
    for (const move of plan.moves) expect(Object.keys(move)).toEqual(expect.arrayContaining(['vmid', 'name', 'from', 'to', 'reason']))
    expect(plan.summary.moves).toBe(plan.moves.length)
    expect(proxlb(['plan', '--format', 'json']).stdout.replace(/"createdAt": "[^"]+"/, '')).toBe(r.stdout.replace(/"createdAt": "[^"]+"/, ''))
  })

  test('--format markdown gives a pull-request comment, summary first', () => {
    const r = proxlb(['plan', '--format', 'markdown'])
    expect(r.status).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('### 🔀 proxlb plan: demo')
    expect(lines[2]).toMatch(/^\*\*\d+ migrations in \d+ waves?, .*\*\*$/)
    expect(r.stdout).toContain('| Node | Role | Guests | Before | After | Change |')
    expect(r.stdout).toContain('<details><summary>')
  })

  test('--detailed-exitcode: 2 when migrations are planned, 0 when nothing is to do', () => {
    expect(proxlb(['plan', '--detailed-exitcode']).status).toBe(2)
    const balanced = join(dir, 'balanced.json')
    writeFileSync(balanced, JSON.stringify(snapshot([{name: 'a'}, {name: 'b'}], [{vmid: 100, node: 'a', memory: 10}, {vmid: 101, node: 'b', memory: 10}])))
    const r = proxlb(['plan', balanced, '--detailed-exitcode'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Nothing to do: the spread is 0.0 points, within the threshold of 10.')
  })

  test('--out writes the plan file, byte-identical for the same inputs and time', () => {
    const a = join(dir, 'a.json')
    const b = join(dir, 'b.json')
    expect(proxlb(['plan', '--out', a], {env: FIXED_TIME}).status).toBe(0)
    expect(proxlb(['plan', 'snapshots/demo.json', '--policy', 'policies/default.yaml', '-o', b, '--json'], {env: FIXED_TIME}).status).toBe(0)
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'))
    expect(JSON.parse(readFileSync(a, 'utf8')).createdAt).toBe('2026-09-21T14:13:20Z')
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  test('a broken policy: one line per problem with file:line:column, exit 1, no stack trace, no output file', () => {
    const bad = join(dir, 'bad.yaml')
    const out = join(dir, 'never.json')
    writeFileSync(bad, 'apiVersion: proxlb/v1\nbalance:\n  method: memroy\n  threshold: 200%\n')
    const r = proxlb(['plan', '--policy', bad, '--out', out])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toEqual([`error: ${bad}:3:11: balance.method: expected one of memory, cpu, disk, weighted; got "memroy" (did you mean "memory"?)`])
    expect(readdirSync(dir)).not.toContain('never.json')
  })

  test('a broken snapshot: its JSON pointer, exit 1', () => {
    const bad = join(dir, 'bad.json')
    const doc = JSON.parse(readFileSync('snapshots/demo.json', 'utf8'))
    doc.nodes[1].memory.total = '128 GiB'
    writeFileSync(bad, JSON.stringify(doc))
    const r = proxlb(['plan', bad])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`error: ${bad}:/nodes/1/memory/total: expected a whole number, got string "128 GiB"\n`)
  })

  test.each([
    [['plan', 'missing.json'], 'error: cannot read snapshot missing.json: no such file or directory\n'],
    [['plan', '--policy', 'policies'], 'error: cannot read policy policies: it is a directory, not a file\n'],
    [['plan', '--frobnicate'], 'error: proxlb plan --frobnicate: no such flag\n       see proxlb plan --help\n'],
    [['plan', '--format', 'yaml'], expect.stringMatching(/^error: Expected --format=yaml to be one of: text, markdown, json, html\n/)],
    [['plan', '--out', '/nonexistent-dir/plan.json'], 'error: cannot write /nonexistent-dir/plan.json: no such file or directory\n'],
  ])('%j fails with one clear line and exit 1', (args, stderr) => {
    const r = proxlb(args as string[])
    expect(r.status).toBe(1)
    expect(r.stderr).toEqual(stderr)
  })

  test('--help documents every flag and the exit codes', () => {
    const r = proxlb(['plan', '--help'])
    expect(r.status).toBe(0)
    for (const flag of ['--policy', '--out', '--format', '--json', '--detailed-exitcode']) expect(r.stdout).toContain(flag)
    expect(r.stdout).toContain('2 means migrations are planned')
  })
})
