/**
 * A policy entry that matches nothing in the cluster is said wherever the policy is used:
 * every plan carries it as a warning (so plan, simulate, apply --replan and balance show
 * it), not only `policy validate --snapshot`.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {acceptedMigrations, emulatorPerTest, tempDir} from '../apply/helpers.js'
import {planFor, policy, snapshot} from '../helpers/builders.js'
import {proxlb, proxlbAsync} from '../helpers/cli.js'

const emulator = emulatorPerTest()

describe('selectors that match nothing', () => {
  const s = snapshot([{name: 'pve1', memory: 64}, {name: 'pve2', memory: 64}], [{vmid: 100, node: 'pve1', memory: 4, name: 'db-01'}, {vmid: 101, node: 'pve2', memory: 4, name: 'db-02'}])

  test('are plan warnings naming the policy field', () => {
    const plan = planFor(s, policy({maintenance: {nodes: ['pve9']}, ignore: {guests: ['bakup-*'], nodes: []}, rules: [{name: 'dbs', type: 'apart', guests: ['db-*', 'web-*']}]}))
    expect(plan.warnings.filter((w) => w.code === 'unmatched').map((w) => w.message)).toEqual([
      'policy ignore.guests[0]: "bakup-*" matches no guest in the snapshot',
      'policy maintenance.nodes[0]: "pve9" matches no node in the snapshot (it has pve1, pve2)',
      'policy rules[0].guests[1]: "web-*" matches no guest in the snapshot',
    ])
  })

  test('a rule that covers one guest, by vmids, patterns or both, is said to have no effect', () => {
    const rules = [
      {name: 'by-vmid', type: 'apart' as const, guests: [100, 100]},
      {name: 'mixed', type: 'together' as const, guests: [100, 'db-01']},
      {name: 'two', type: 'apart' as const, guests: [100, 'db-02']},
      {name: 'pinned', type: 'pin' as const, guests: [101], nodes: ['pve1']},
    ]
    const plan = planFor(s, policy({rules}))
    expect(plan.warnings.filter((w) => w.code === 'unmatched').map((w) => w.message)).toEqual([
      'policy rules[0]: apart rule by-vmid matches only one guest (100 db-01) in the snapshot: it has no effect',
      'policy rules[1]: together rule mixed matches only one guest (100 db-01) in the snapshot: it has no effect',
    ])
  })

  test('a policy that matches what is there warns of nothing', () => {
    const plan = planFor(s, policy({maintenance: {nodes: ['pve2']}, rules: [{name: 'dbs', type: 'apart', guests: ['db-*']}]}))
    expect(plan.warnings.filter((w) => w.code === 'unmatched')).toEqual([])
  })

  test('plan and simulate say so on the demo', () => {
    const dir = tempDir()
    const file = join(dir, 'policy.yaml')
    writeFileSync(file, 'apiVersion: proxlb/v1\nkind: Policy\nmaintenance:\n  nodes: [pve9]\n')
    const line = '! policy maintenance.nodes[0]: "pve9" matches no node in the snapshot (it has pve1, pve2, pve3, pve4, pve5)'
    for (const args of [['plan', '-p', file], ['simulate', '-p', file, '--fail', 'pve2']]) {
      const r = proxlb(args)
      expect(r.status, r.stderr).toBe(0)
      expect(r.stdout).toContain(line)
    }
  })

  test("balance says so for a ProxLB INI's maintenance_nodes typo", async () => {
    const emu = await emulator()
    const dir = tempDir()
    const file = join(dir, 'proxlb.conf')
    writeFileSync(file, [
      '[proxmox]',
      `api_host: ${new URL(emu.url).host}`,
      'api_user: root@pam',
      'api_pass: proxlb',
      '[vm_balancing]',
      'enable: 1',
      'maintenance_nodes: pve9',
      '[service]',
      'daemon: 0',
      '',
    ].join('\n'), {mode: 0o600})
    const r = await proxlbAsync(['balance', '-c', file, '--fingerprint', emu.fingerprint!, '--dry-run'], {env: {PROXLB_STATE_DIR: join(dir, 'state'), CI: '1'}})
    expect(r.status, r.stderr).toBe(0)
    expect(r.stderr).toContain('policy maintenance.nodes[0]: "pve9" matches no node in the snapshot')
    expect(acceptedMigrations(emu).size).toBe(0)
  })
})
