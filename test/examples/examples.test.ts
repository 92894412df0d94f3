/**
 * Every example the repository ships (snapshots/, policies/) is valid, and every
 * combination of them plans to a document that passes the plan schema and reads back.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {readPlan} from '../../src/model/plan.js'
import {readPolicy} from '../../src/model/policy.js'
import {validateAgainst} from '../../src/model/schemas.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {planRebalance} from '../../src/planner/index.js'
import {ROOT} from '../helpers/cli.js'

const snapshots = readdirSync(join(ROOT, 'snapshots')).filter((f) => f.endsWith('.json')).sort()
const policies = readdirSync(join(ROOT, 'policies')).filter((f) => f.endsWith('.yaml')).sort()

describe('example files', () => {
  test('include the demo, a larger lab and the documented policies', () => {
    expect(snapshots).toContain('demo.json')
    expect(snapshots.length).toBeGreaterThanOrEqual(2)
    expect(policies).toEqual(expect.arrayContaining(['default.yaml', 'memory.yaml', 'cpu.yaml', 'disk.yaml', 'maintenance.yaml']))
  })

  test.each(snapshots)('snapshots/%s is valid, with a matching fingerprint', (file) => {
    const loaded = readSnapshot(readFileSync(join(ROOT, 'snapshots', file)), file)
    expect(loaded.warnings).toEqual([])
    expect(loaded.snapshot.fingerprint).toBe(loaded.fingerprint)
  })

  test.each(policies)('policies/%s is valid, warning-free and points editors at the schema', (file) => {
    const text = readFileSync(join(ROOT, 'policies', file), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/policy.v1.json')
    expect(readPolicy(text, file).warnings).toEqual([])
  })

  test('the demo is realistic: 4-5 nodes of different sizes, ~40 guests, VMs and containers, stopped guests, ProxLB tags', () => {
    const {snapshot} = readSnapshot(readFileSync(join(ROOT, 'snapshots', 'demo.json')), 'demo.json')
    expect(snapshot.nodes.length).toBeGreaterThanOrEqual(4)
    expect(snapshot.nodes.length).toBeLessThanOrEqual(5)
    expect(new Set(snapshot.nodes.map((n) => n.memory.total)).size).toBeGreaterThan(2)
    expect(snapshot.guests.length).toBeGreaterThanOrEqual(35)
    expect(new Set(snapshot.guests.map((g) => g.type))).toEqual(new Set(['qemu', 'lxc']))
    expect(snapshot.guests.some((g) => g.status === 'stopped')).toBe(true)
    const tags = snapshot.guests.flatMap((g) => g.tags ?? [])
    for (const tag of ['plb_ignore_vm', 'plb_include_', 'plb_exclude_']) expect(tags.some((t) => t.startsWith(tag))).toBe(true)
  })

  describe.each(snapshots)('planning snapshots/%s', (snapshotFile) => {
    const {snapshot, fingerprint} = readSnapshot(readFileSync(join(ROOT, 'snapshots', snapshotFile)), snapshotFile)
    test.each(policies)('under policies/%s gives a valid plan that reads back', (policyFile) => {
      const {policy, hash} = readPolicy(readFileSync(join(ROOT, 'policies', policyFile)), policyFile)
      const plan = planRebalance(snapshot, policy, {createdAt: '2026-11-21T10:00:00Z', toolVersion: '0.1.0', snapshot: {fingerprint, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name}, policy: {document: policy, hash}})
      expect(validateAgainst('plan', JSON.parse(JSON.stringify(plan)), 'plan', String)).toEqual([])
      expect(readPlan(JSON.stringify(plan), 'plan.json').plan).toEqual(plan)
    })
  })
})
