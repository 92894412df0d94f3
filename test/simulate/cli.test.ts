/**
 * proxlb simulate, policy validate, snapshot diff and schema as a user runs them: the
 * compiled CLI in a child process, real files, exit codes, one-line errors.
 */
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {readSnapshot} from '../../src/model/snapshot.js'
import {snapshot} from '../helpers/builders.js'
import {proxlb, ROOT} from '../helpers/cli.js'

let dir: string
let cluster: string
const FIXED_TIME = {SOURCE_DATE_EPOCH: '1790000000'}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxlb-simulate-'))
  cluster = join(dir, 'cluster.json')
  writeFileSync(
    cluster,
    JSON.stringify(
      snapshot(
        [{name: 'a'}, {name: 'b'}, {name: 'c'}],
        [
          {vmid: 100, node: 'a', memory: 16, name: 'db-1', tags: ['plb_exclude_db']},
          {vmid: 101, node: 'a', memory: 8, name: 'web-1'},
          {vmid: 200, node: 'b', memory: 16, name: 'db-2', tags: ['plb_exclude_db']},
          {vmid: 300, node: 'c', memory: 8, name: 'web-2'},
        ],
      ),
    ),
  )
})

const write = (name: string, text: string) => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

describe('proxlb simulate', () => {
  test('--fail prints the what-if, the nodes, the plan, resilience and a verdict last', () => {
    const r = proxlb(['simulate', cluster, '--fail', 'a'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('  1. a fails: 2 running guests (24 GiB) must restart elsewhere: all fit  (--fail a)')
    expect(r.stdout).toMatch(/\n  a +offline +2 → 0 → 0 +/)
    // With a offline, db-1 and db-2 (apart) sit on b and c: losing either leaves its db nowhere to go.
    expect(r.stdout).toContain('Resilience: survives the loss of any one node: no (not b, c) — exact search')
    expect(r.stdout).toMatch(/\n  b +2 +24 GiB +no: 1 guest left without a node, 16 GiB missing: db-2 \(200\)\n/)
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^What-if: 1 change, everything fits; the plan makes \d+ migrations?, spread \d+\.\d points; survives the loss of any one node: no\.$/)
  })

  test('--out writes a predicted snapshot that simulate and plan read again (what-ifs chain)', () => {
    const first = join(dir, 'after-fail.json')
    expect(proxlb(['simulate', cluster, '--fail', 'c', '--out', first]).status).toBe(0)
    const predicted = readSnapshot(readFileSync(first), first)
    expect(predicted.snapshot.source.kind).toBe('simulated')
    expect(predicted.snapshot.nodes.find((n) => n.name === 'c')!.status).toBe('offline')
    const second = proxlb(['simulate', first, '--add-node', 'd:64GiB/16cores', '--json'])
    expect(second.status).toBe(0)
    const sim = JSON.parse(second.stdout)
    expect(sim.snapshot.fingerprint).toBe(predicted.fingerprint)
    expect(sim.changes[0].summary).toBe('d joins the cluster with 64 GiB memory, 16 cores and 1000 GiB local disk')
    expect(proxlb(['plan', first]).status).toBe(0)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  test('--plan: the cluster after a saved plan, with the policy embedded in the plan', () => {
    const planFile = join(dir, 'plan.json')
    const demoPlan = proxlb(['plan', '--out', planFile, '--json'], {env: FIXED_TIME})
    expect(demoPlan.status).toBe(0)
    const plan = JSON.parse(demoPlan.stdout)
    const r = proxlb(['simulate', '--plan', planFile, '--json'])
    expect(r.status).toBe(0)
    const sim = JSON.parse(r.stdout)
    expect(sim.policy.label).toBe(`policy embedded in ${planFile}`)
    expect(sim.appliedPlan).toEqual({file: planFile, moves: plan.moves.length})
    expect(sim.plan.moves).toEqual(plan.moves)
    expect(sim.nodes.map((n: {after: {utilisation: number}}) => n.after.utilisation)).toEqual(plan.nodes.map((n: {after: {utilisation: number}}) => n.after.utilisation))
  })

  test('--plan refuses a plan whose guests are elsewhere, at the move', () => {
    const planFile = join(dir, 'demo-plan.json')
    expect(proxlb(['plan', '--out', planFile]).status).toBe(0)
    const r = proxlb(['simulate', cluster, '--plan', planFile])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`^error: ${planFile}:/moves/0: guest \\d+ \\(.+\\) is not in the snapshot: the plan was made for another cluster state; make it again with proxlb plan\\n`))
  })

  test('--scenario: changes from a YAML file, errors at their line and column', () => {
    const scenario = write('s.yaml', '# yaml-language-server: $schema=../schemas/scenario.v1.json\napiVersion: proxlb/v1\nkind: Scenario\nname: grow and lose b\nchanges:\n  - grow: memory=+25%\n  - fail: b\n')
    const r = proxlb(['simulate', cluster, '--scenario', scenario, '--format', 'json'])
    expect(r.status).toBe(0)
    const sim = JSON.parse(r.stdout)
    expect(sim.scenario).toEqual({file: scenario, name: 'grow and lose b'})
    expect(sim.changes.map((c: {origin: string}) => c.origin)).toEqual([`${scenario}:6:11: changes[0].grow`, `${scenario}:7:11: changes[1].fail`])
    const bad = write('bad.yaml', 'apiVersion: proxlb/v1\nchanges:\n  - fail: zz\n')
    const refused = proxlb(['simulate', cluster, '--scenario', bad])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toBe(`error: ${bad}:3:11: changes[0].fail: no node "zz" in the snapshot (it has a, b, c)\n`)
  })

  test('--compare-policy: one row per policy with moves, spread and resilience', () => {
    const r = proxlb(['simulate', cluster, '--fail', 'c', '--compare-policy', 'policies/memory.yaml', '--compare-policy', 'policies/cpu.yaml', '--json'])
    expect(r.status).toBe(0)
    const {comparison} = JSON.parse(r.stdout)
    expect(comparison.map((c: {label: string}) => c.label)).toEqual(['bundled default policy (policies/default.yaml)', 'policies/memory.yaml', 'policies/cpu.yaml'])
    for (const c of comparison) expect(Object.keys(c)).toEqual(expect.arrayContaining(['moves', 'spreadBefore', 'spreadAfter', 'survivesAnyOneNode']))
    for (const c of comparison) expect(Object.keys(c)).toEqual(expect.arrayContaining(['method', 'mode']))
    expect(proxlb(['simulate', cluster, '--compare-policy', 'policies/memory.yaml']).stdout).toMatch(/Policies compared:\n {2}! the policies balance different things \(memory \(used\), memory \(assigned\)\)[^\n]*\n +policy +balances +moves +moved +spread +within +not placed +survives one loss\n/)
  })

  test('--policy and --compare-policy on a cluster balanced for both: exact spreads, no moves, both survive', () => {
    // Memory 16 GiB on each node; CPU 1 and 2.5 cores of 16: 9.38 points apart, within cpu.yaml's 15.
    const balanced = write('balanced.json', JSON.stringify(snapshot([{name: 'a'}, {name: 'b'}], [{vmid: 100, node: 'a', memory: 16, cpu: 1}, {vmid: 200, node: 'b', memory: 16, cpu: 2.5}])))
    const r = proxlb(['simulate', balanced, '--policy', 'policies/memory.yaml', '--compare-policy', 'policies/cpu.yaml', '--json'])
    expect(r.status).toBe(0)
    const sim = JSON.parse(r.stdout)
    expect(sim.policy).toMatchObject({label: 'policies/memory.yaml', name: 'memory-assigned'})
    expect(sim.comparison.map((c: Record<string, unknown>) => [c.label, c.moves, c.spreadBefore, c.spreadAfter, c.reached, c.notPlaced, c.survivesAnyOneNode])).toEqual([
      ['policies/memory.yaml', 0, 0, 0, true, 0, true],
      ['policies/cpu.yaml', 0, 9.38, 9.38, true, 0, true],
    ])
  })

  test('--add-guests and --grow in text: where new guests go, how many more fit', () => {
    const r = proxlb(['simulate', cluster, '--add-guests', '4x8GiB/2cores', '--grow', 'cpu=+10%'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('4 new guests of 8 GiB/2 cores arrive: 4 placed (a 1, b 1, c 2)  (--add-guests 4x8GiB/2cores)')
    expect(r.stdout).toContain('every guest (4) grow: cpu +10%, used and assigned  (--grow cpu=+10%)')
    expect(r.stdout).toMatch(/Headroom: 14 more guests of 8 GiB\/2 cores fit after the what-if \(a \d+, b \d+, c \d+\); the next one goes to [abc]\n/)
  })

  test('guests that find no node on arrival, but fit once the plan has run, are told so', () => {
    // a and b are full; c and d are new and empty. Four guests kept apart arrive: c and d
    // take one each, the other two find no node; the plan then moves load onto c and d.
    const full = [100, 101, 102, 103, 104, 105, 106].flatMap((k) => [{vmid: k, node: 'a', memory: 9}, {vmid: k + 100, node: 'b', memory: 9}])
    const crowded = write('crowded.json', JSON.stringify(snapshot([{name: 'a'}, {name: 'b'}, {name: 'c'}, {name: 'd'}], full)))
    const r = proxlb(['simulate', crowded, '--add-guests', '4x8GiB/2cores,tag=plb_exclude_new'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('4 new guests of 8 GiB/2 cores arrive: 2 placed (c 1, d 1); 2 do not fit')
    expect(r.stdout).toMatch(/Headroom: 2 more guests of 8 GiB\/2 cores fit after the what-if \(a 1, b 1\); the next one goes to [ab]; the 2 guests of the batch that found no node on arrival would fit once the plan has run\n/)
  })

  test.each([
    [['simulate', '--fail', 'pve9'], 'error: --fail pve9: no node "pve9" in the snapshot (it has pve1, pve2, pve3, pve4, pve5)\n'],
    [['simulate', '--add-node', 'pve6:lots/8cores'], 'error: --add-node pve6:lots/8cores: "lots" is neither a size (8GiB) nor cores (4cores): expected NAME:MEMORY/CORES[/DISK] such as pve6:256GiB/32cores/2TiB, got "pve6:lots/8cores"\n'],
    [['simulate', '--scenario', 'missing.yaml'], 'error: cannot read scenario missing.yaml: no such file or directory\n'],
    [['simulate', '--add-node', 'pve6:0GiB/8cores'], 'error: --add-node pve6:0GiB/8cores: a node needs memory above 0: expected NAME:MEMORY/CORES[/DISK] such as pve6:256GiB/32cores/2TiB, got "pve6:0GiB/8cores"\n'],
    [['simulate', '--format', 'pdf'], expect.stringMatching(/^error: Expected --format=pdf to be one of: text, markdown, json, html\n/)],
  ])('%j fails with one clear line and exit 1', (args, stderr) => {
    const r = proxlb(args as string[])
    expect(r.status).toBe(1)
    expect(r.stderr).toEqual(stderr)
  })

  test.each([
    ['--remove-node', 'pve1,pve2,pve3,pve4,pve5'],
    ['--fail', 'pve1,pve2,pve3,pve4,pve5'],
  ])('%s of every node says plainly that no node is left, never "survives ...: yes"', (flag, nodes) => {
    const r = proxlb(['simulate', flag, nodes])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Resilience: survives the loss of any one node: no — no node is left online\n')
    expect(r.stdout).toMatch(/survives the loss of any one node: no, no node is left online\.\n$/)
    const json = JSON.parse(proxlb(['simulate', flag, nodes, '--json']).stdout)
    expect(json.resilience).toMatchObject({survivesAnyOneNode: false, losses: []})
  })

  test('--help documents every what-if flag and the spec grammar', () => {
    const r = proxlb(['simulate', '--help'])
    expect(r.status).toBe(0)
    for (const flag of ['--plan', '--scenario', '--fail', '--drain', '--add-node', '--remove-node', '--add-guests', '--grow', '--compare-policy', '--out', '--format']) expect(r.stdout).toContain(flag)
    expect(r.stdout).toContain('NAME:MEMORY/CORES[/DISK]')
    expect(r.stdout).toContain('COUNTxMEMORY/CORES[/DISK]')
  })
})

describe('proxlb policy validate', () => {
  test('valid files, and warnings for entries that match nothing in a snapshot (exit 0; 1 with --strict)', () => {
    const policy = write('p.yaml', 'apiVersion: proxlb/v1\nignore:\n  nodes: [pve9]\nrules:\n  - {name: dbs, type: apart, guests: [tag:plb_exclude_db, tag:nosuch]}\n  - {name: pin-web, type: pin, guests: [web-*], nodes: [a, z*]}\n')
    const r = proxlb(['policy', 'validate', policy, 'policies/default.yaml', '--snapshot', cluster])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(
      [
        `${policy}: valid, 3 warnings`,
        `  warning: ${policy}:3:11: ignore.nodes[0]: "pve9" matches no node in ${cluster} (it has a, b, c)`,
        `  warning: ${policy}:5:59: rules[0].guests[1]: "tag:nosuch" matches no guest in ${cluster}`,
        `  warning: ${policy}:6:60: rules[1].nodes[1]: "z*" matches no node in ${cluster} (it has a, b, c)`,
        'policies/default.yaml: valid',
        '2 policies: 2 valid, 0 invalid, 3 warnings',
        '',
      ].join('\n'),
    )
    expect(proxlb(['policy', 'validate', policy, '--snapshot', cluster, '--strict']).status).toBe(1)
  })

  test('warns about storages the snapshot does not have in migration.targetStorage', () => {
    const policy = write('storage.yaml', 'apiVersion: proxlb/v1\nmigration:\n  withLocalDisks: true\n  targetStorage: {local-lvm: local-zfs, nosuch: local-lvm}\n')
    const r = proxlb(['policy', 'validate', policy, '--snapshot', 'snapshots/demo.json'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(
      [
        `${policy}: valid, 2 warnings`,
        `  warning: ${policy}:4:30: migration.targetStorage.local-lvm: target storage "local-zfs" is not a storage in snapshots/demo.json (it has ceph-vm, local, local-lvm): disks mapped to it cannot move`,
        `  warning: ${policy}:4:49: migration.targetStorage.nosuch: storage "nosuch" is not a storage in snapshots/demo.json (it has ceph-vm, local, local-lvm)`,
        '1 policy: 1 valid, 0 invalid, 2 warnings',
        '',
      ].join('\n'),
    )
  })

  test('every error of every file with its line and column, exit 1', () => {
    const bad = write('bad-policy.yaml', 'apiVersion: proxlb/v1\nbalance:\n  method: memroy\n  threshold: 200%\nlimits:\n  parallel: -1\n')
    const r = proxlb(['policy', 'validate', bad, 'missing.yaml', 'policies/cpu.yaml'])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe(
      [
        `${bad}: invalid, 2 errors`,
        `  error: ${bad}:3:11: balance.method: expected one of memory, cpu, disk, weighted; got "memroy" (did you mean "memory"?)`,
        `  error: ${bad}:6:13: limits.parallel: expected a number ≥ 1, got -1`,
        'missing.yaml: invalid, 1 error',
        '  error: cannot read policy missing.yaml: no such file or directory',
        'policies/cpu.yaml: valid',
        '3 policies: 1 valid, 2 invalid, 0 warnings',
        '',
      ].join('\n'),
    )
  })
})

describe('proxlb snapshot diff', () => {
  test('guests moved and status changes, load per node, in text, Markdown and JSON', () => {
    const after = join(dir, 'diff-after.json')
    expect(proxlb(['simulate', cluster, '--fail', 'a', '--out', after]).status).toBe(0)
    const json = JSON.parse(proxlb(['snapshot', 'diff', cluster, after, '--json']).stdout)
    expect(json.nodes.status).toEqual([{node: 'a', from: 'online', to: 'offline'}])
    expect(json.guests.moved.map((g: {vmid: number; from: string}) => [g.vmid, g.from])).toEqual([[100, 'a'], [101, 'a']])
    const text = proxlb(['snapshot', 'diff', cluster, after])
    expect(text.status).toBe(0)
    expect(text.stdout).toContain('  ~ node a: online → offline\n')
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('0 guests added, 0 removed, 2 moved, 0 changed status, 0 resized; 1 node changed status.')
    const markdown = proxlb(['snapshot', 'diff', cluster, after, '--format', 'markdown']).stdout
    expect(markdown.split('\n')[2]).toBe('**0 guests added, 0 removed, 2 moved, 0 changed status, 0 resized; 1 node changed status.**')
    expect(proxlb(['snapshot', 'diff', cluster, cluster]).stdout).toContain('No change: both snapshots describe the same cluster state.')
  })

  test('needs two snapshots', () => {
    const r = proxlb(['snapshot', 'diff', cluster])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^error: Missing 1 required arg:/)
  })
})

describe('proxlb schema', () => {
  test.each(['policy', 'scenario', 'snapshot', 'plan'])('prints the %s schema as shipped in schemas/', (name) => {
    const r = proxlb(['schema', name])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.v1.json`), 'utf8')))
  })
})
