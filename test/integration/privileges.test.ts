/**
 * The privilege check before proxlb reads or moves anything, against the emulator's PVE
 * privilege model over HTTPS: a snapshot that would be empty or wrong is refused in one
 * line naming the privilege and the path (no file written), one that is only partial goes
 * on with a warning; apply refuses (exit 4) before anything moves when it may not migrate a
 * guest of the plan or take the cluster-wide lock; servers that cannot say are warned
 * about and not checked.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Grant} from '../../src/emulator/index.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {acceptedMigrations, cli, crowdedCluster, emulatorPerTest, EVACUATE, TOKEN, tempDir, writePlan} from '../apply/helpers.js'

const emulator = emulatorPerTest()

/** The lab cluster, read by proxlb@pve!apply: a privilege-separated token holding `acl`, its user holding everything. */
const withToken = (acl: Grant[], roles: Record<string, string[]> = {}) =>
  emulator({users: [{userid: 'proxlb@pve', password: 'pw', acl: [{path: '/', roles: ['Administrator']}]}], tokens: [{...TOKEN, acl}], access: {roles}})

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('error:'))

describe('before a snapshot', () => {
  test('a token with only Sys.Audit is refused in one line naming VM.Audit on /vms; no snapshot file is written', async () => {
    const emu = await withToken([{path: '/', roles: ['NodesOnly']}], {NodesOnly: ['Sys.Audit']})
    const dir = tempDir()
    const out = join(dir, 'cluster.json')
    const r = await cli(emu, dir, ['snapshot', '--out', out])
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toEqual([
      `error: API token ${TOKEN.tokenid} lacks VM.Audit on /vms: the snapshot would hold no guests; to grant what proxlb needs: pveum acl modify / --tokens '${TOKEN.tokenid}' --roles ProxlbReader (README, "Least privilege"); a token with privilege separation needs an ACL entry of its own`,
    ])
    expect(existsSync(out)).toBe(false)
    expect(emu.calls().map((c) => c.path)).toEqual(['/access/permissions'])
  })

  test('plan of the live cluster is refused the same way', async () => {
    const emu = await withToken([{path: '/', roles: ['NodesOnly']}], {NodesOnly: ['Sys.Audit']})
    const r = await cli(emu, tempDir(), ['plan'])
    expect(r.status).toBe(1)
    expect(errorLines(r.stderr)).toHaveLength(1)
    expect(r.stderr).toContain('lacks VM.Audit on /vms')
  })

  test('without Sys.Audit on a node, its path is named: the snapshot would show no use there', async () => {
    const emu = await withToken([{path: '/', roles: ['PVEAuditor']}, {path: '/nodes/pve3', roles: ['PVEVMUser']}])
    const r = await cli(emu, tempDir(), ['snapshot'])
    expect(r.status).toBe(1)
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining(`API token ${TOKEN.tokenid} lacks Sys.Audit on /nodes/pve3: nodes would show no memory or CPU use;`)])
  })

  test('without Datastore.Audit: one warning that storage is unknown, disks recorded as unknown (not local), and a plan that still moves guests', async () => {
    const emu = await withToken([{path: '/', roles: ['NoStorage']}], {NoStorage: ['Sys.Audit', 'VM.Audit', 'Pool.Audit']})
    const dir = tempDir()
    const out = join(dir, 'cluster.json')
    const r = await cli(emu, dir, ['snapshot', '--out', out])
    expect(r.status).toBe(0)
    expect(r.stderr.trim().split('\n')).toEqual([
      'warning: no storage is visible to this user (it needs Datastore.Audit on /storage): 35 volumes on storages ceph-vm, local-lvm are recorded as on unknown storage, and disk space cannot be checked',
    ])
    const snapshot = readSnapshot(readFileSync(out, 'utf8'), out).snapshot
    expect(snapshot.storages ?? []).toEqual([])
    expect(snapshot.guests.filter((g) => (g.migration?.localDisks ?? []).length > 0)).toEqual([])
    expect(snapshot.guests.find((g) => g.name === 'disk-a')!.migration?.unknownDisks?.map((d) => d.storage)).toEqual(['local-lvm', 'ceph-vm'])
    const plan = await cli(emu, dir, ['plan', '--policy', policyFile(dir), '--format', 'json'])
    expect(plan.status).toBe(0)
    expect(plan.stderr).toContain('no storage is visible to this user (it needs Datastore.Audit on /storage)')
    const moved = JSON.parse(plan.stdout).moves.map((m: {name: string}) => m.name)
    expect(moved.length).toBeGreaterThan(20)
    expect(moved).toContain('disk-a')
  })

  test('an older Proxmox without /access/permissions, or one refusing it: a warning, and the snapshot goes on', async () => {
    for (const status of [501, 403] as const) {
      const emu = await withToken([{path: '/', roles: ['PVEAuditor']}])
      emu.faults.withoutOperation('GET /access/permissions', status)
      const r = await cli(emu, tempDir(), ['snapshot'])
      expect(r.status, r.stderr).toBe(0)
      const warnings = r.stderr.trim().split('\n')
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(/^warning: privileges are not checked beforehand: /)
      expect(JSON.parse(r.stdout).guests.length).toBe(crowdedCluster().guests.length)
    }
  })
})

function policyFile(dir: string): string {
  const file = join(dir, 'policy.yaml')
  writeFileSync(file, 'apiVersion: proxlb/v1\nbalance: {threshold: 100}\nmaintenance: {nodes: [pve1]}\nmigration: {withLocalDisks: true}\n')
  return file
}

describe('before a run moves anything', () => {
  test('a reader token: apply is refused in one line (exit 4) naming VM.Migrate on the guests and Pool.Allocate on the lock; nothing moves, no journal', async () => {
    const emu = await withToken([{path: '/', roles: ['PVEAuditor']}])
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, EVACUATE)
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(4)
    const vms = [...new Set(plan.moves.map((m) => m.vmid))].sort((a, b) => a - b)
    expect(r.stderr.trim().split('\n')).toEqual([
      `error: API token ${TOKEN.tokenid} may not carry out ${file}: it lacks VM.Migrate on ${vms.slice(0, 3).map((v) => `/vms/${v}`).join(', ')} and ${vms.length - 3} more; Pool.Allocate on /pool/proxlb-lock (Proxmox refuses the migrations, the cluster-wide lock cannot be taken); nothing was moved; to grant what proxlb needs: pveum acl modify / --tokens '${TOKEN.tokenid}' --roles ProxlbOperator (README, "Least privilege"); a token with privilege separation needs an ACL entry of its own`,
    ])
    expect(acceptedMigrations(emu).size).toBe(0)
    expect(existsSync(join(dir, 'plan.journal.jsonl'))).toBe(false)
    expect(existsSync(join(dir, 'state'))).toBe(false)
  })

  test('a dry run says what the real run would lack and shows its calls', async () => {
    const emu = await withToken([{path: '/', roles: ['PVEAuditor']}])
    const dir = tempDir()
    const {file} = writePlan(emu, dir, EVACUATE)
    const r = await cli(emu, dir, ['apply', file, '--dry-run'])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^warning: a real run of .*plan\.json would be refused: API token proxlb@pve!apply lacks VM\.Migrate on \/vms\/100, /)
    expect(r.stdout).toContain('POST /nodes/pve1/qemu/100/migrate')
  })

  test('VM.Migrate on a pool only: the guests outside it are named', async () => {
    const seed = crowdedCluster()
    for (const g of seed.guests) if (g.vmid < 110) g.pool = 'web'
    const emu = await emulator({
      snapshot: seed,
      users: [{userid: 'proxlb@pve', password: 'pw', acl: [{path: '/', roles: ['Administrator']}]}],
      tokens: [{...TOKEN, acl: [{path: '/', roles: ['PVEAuditor', 'PVEPoolAdmin']}, {path: '/pool/web', roles: ['PVEVMAdmin']}]}],
    })
    const dir = tempDir()
    const {file} = writePlan(emu, dir, EVACUATE)
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(4)
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining('it lacks VM.Migrate on /vms/110, /vms/111, /vms/112 and ')])
    expect(r.stderr).not.toContain('Pool.Allocate')
  })

  test('VM.Migrate without Pool.Allocate: only the lock is named; with both the run goes ahead', async () => {
    const lacking = await withToken([{path: '/', roles: ['PVEAuditor', 'PVEVMAdmin']}])
    const dir = tempDir()
    const {file} = writePlan(lacking, dir, EVACUATE)
    const refused = await cli(lacking, dir, ['apply', file, '--yes'])
    expect(refused.status).toBe(4)
    expect(errorLines(refused.stderr)).toEqual([expect.stringContaining('it lacks Pool.Allocate on /pool/proxlb-lock (the cluster-wide lock cannot be taken); nothing was moved')])

    const enough = await withToken([{path: '/', roles: ['PVEAuditor', 'PVEVMAdmin', 'PVEPoolAdmin']}])
    const dir2 = tempDir()
    const plan = writePlan(enough, dir2, EVACUATE)
    const ran = await cli(enough, dir2, ['apply', plan.file, '--yes'])
    expect(ran.stderr).toBe('')
    expect(ran.status).toBe(0)
    expect(acceptedMigrations(enough).size).toBe(plan.plan.moves.length)
  })
})
