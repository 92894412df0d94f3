/**
 * The README's least-privilege guide, run: its `pveum` commands (made by
 * leastPrivilegeCommands, the one source of the privilege lists) set up the emulator, and
 * every command works with exactly those privileges — snapshot, plan of the live cluster
 * and simulate with the read-only token; apply (dry run and real) and drain with the
 * operator token — and fails clearly, or says what it goes without, with each privilege
 * removed. The README shows those very commands and the endpoint table proxlb's calls
 * come from.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {ENDPOINT_PRIVILEGES, leastPrivilegeCommands, PROXLB_ROLES, PROXLB_TOKENS, PROXLB_USER} from '../../src/proxmox/privileges.js'
import {acceptedMigrations, crowdedCluster, EVACUATE, labEmulator, tempDir, writePlan} from '../apply/helpers.js'
import {type CliResult, proxlbAsync, ROOT} from '../helpers/cli.js'
import {pveumSetup} from '../helpers/pveum.js'

const READER = `${PROXLB_USER}!${PROXLB_TOKENS.reader}`
const OPERATOR = `${PROXLB_USER}!${PROXLB_TOKENS.operator}`

/** The lab cluster, its first guests in pool web, with the users and tokens the commands create. */
async function cluster(commands = leastPrivilegeCommands()): Promise<{emu: Emulator; run: (token: string, args: string[], dir: string) => Promise<CliResult>}> {
  const seed = crowdedCluster(8)
  for (const g of seed.guests) if (g.vmid < 104) g.pool = 'web'
  const {options, secrets} = pveumSetup(commands)
  const emu = await labEmulator({snapshot: seed, ...options})
  const run = (token: string, args: string[], dir: string) =>
    proxlbAsync([...args, '--host', emu.url, '--fingerprint', emu.fingerprint!, '--token-id', token], {env: {PROXLB_TOKEN_SECRET: secrets.get(token)!, PROXLB_STATE_DIR: join(dir, 'state'), CI: '1'}})
  return {emu, run}
}

/** The guide's commands with one privilege taken out of both roles. */
function without(privilege: string): string[] {
  return leastPrivilegeCommands().map((c) => c.replace(new RegExp(`(--privs "[^"]*)\\b${privilege.replace('.', '\\.')}\\b,?`), '$1').replace(',"', '"'))
}

function drainPolicy(dir: string): string {
  const file = join(dir, 'policy.yaml')
  writeFileSync(file, 'apiVersion: proxlb/v1\nmigration:\n  withLocalDisks: true\nlimits:\n  parallel: 4\n  perNode: 2\n')
  return file
}

function balancePolicy(dir: string): string {
  const file = join(dir, 'balance.yaml')
  writeFileSync(file, 'apiVersion: proxlb/v1\nbalance: {threshold: 15, margin: 0}\nmigration: {withLocalDisks: true}\n')  // margin 0: the point here is the privilege, not the service's calm
  return file
}

const cleanly = (r: CliResult) => expect([r.status, r.stderr]).toEqual([0, ''])
const oneError = (r: CliResult, code: number, text: string) => {
  expect(r.status, r.stderr).toBe(code)
  const lines = r.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^error: /)
  expect(lines[0]).toContain(text)
}

describe('the least-privilege roles', () => {
  test('the read-only token: snapshot, plan of the live cluster and simulate work, with nothing left out; apply is refused', async () => {
    const {emu, run} = await cluster()
    const dir = tempDir()
    const out = join(dir, 'cluster.json')
    cleanly(await run(READER, ['snapshot', '--out', out], dir))
    const snapshot = readSnapshot(readFileSync(out, 'utf8'), out).snapshot
    expect(snapshot.guests).toHaveLength(emu.state().guests.length)
    expect(snapshot.guests.filter((g) => g.pool === 'web')).toHaveLength(4)
    expect((snapshot.storages ?? []).length).toBeGreaterThan(0)
    expect(snapshot.guests.find((g) => g.name === 'disk-a')!.migration?.localDisks).toHaveLength(1)
    cleanly(await run(READER, ['plan'], dir))
    const simulated = await proxlbAsync(['simulate', out, '--fail', 'pve1'])
    expect(simulated.status).toBe(0)
    const {file} = writePlan(emu, dir, EVACUATE)
    oneError(await run(READER, ['apply', file, '--yes'], dir), 4, `lacks VM.Migrate on /vms/100, /vms/101, /vms/102 and `)
  })

  test('the operator token: apply as a dry run, then for real, and a drain', async () => {
    const {emu, run} = await cluster()
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, EVACUATE)
    const dry = await run(OPERATOR, ['apply', file, '--dry-run'], dir)
    cleanly(dry)
    expect(dry.stdout).toContain(`POST /nodes/pve1/qemu/${plan.moves[0].vmid}/migrate`)
    cleanly(await run(OPERATOR, ['apply', file, '--yes'], dir))
    expect(acceptedMigrations(emu).size).toBe(plan.moves.length)
    expect(emu.state().guests.filter((g) => g.node === 'pve1').map((g) => g.name)).toEqual(['gpu'])

    const other = await cluster()
    const dir2 = tempDir()
    const drained = await other.run(OPERATOR, ['drain', 'pve1', '--yes', '--force', '--policy', drainPolicy(dir2)], dir2)
    cleanly(drained)
    expect(other.emu.state().guests.filter((g) => g.node === 'pve1' && g.status === 'running').map((g) => g.name)).toEqual(['gpu'])
  })

  describe('and no fewer: each privilege taken out', () => {
    test.each([
      ['Sys.Audit', 'lacks Sys.Audit on /, /nodes: the cluster status and HA state cannot be read, and nodes would show no memory or CPU use'],
      ['VM.Audit', 'lacks VM.Audit on /vms: the snapshot would hold no guests'],
    ])('without %s a snapshot is refused in one line', async (privilege, text) => {
      const {run} = await cluster(without(privilege))
      const dir = tempDir()
      for (const token of [READER, OPERATOR]) oneError(await run(token, ['snapshot', '--out', join(dir, 'x.json')], dir), 1, text)
    })

    test('without Datastore.Audit the snapshot says storage is unknown, and has no storage', async () => {
      const {run} = await cluster(without('Datastore.Audit'))
      const dir = tempDir()
      const r = await run(READER, ['snapshot'], dir)
      expect(r.status).toBe(0)
      expect(r.stderr).toMatch(/^warning: no storage is visible to this user \(it needs Datastore.Audit on \/storage\): \d+ volumes on storages .* are recorded as on unknown storage, and disk space cannot be checked\n$/)
      expect(JSON.parse(r.stdout).storages ?? []).toEqual([])
    })

    test('without Pool.Audit the snapshot says pools are not visible, and its guests have none', async () => {
      const {run} = await cluster(without('Pool.Audit'))
      const dir = tempDir()
      const r = await run(READER, ['snapshot'], dir)
      expect(r.status).toBe(0)
      expect(r.stderr).toBe(`warning: API token ${READER} lacks Pool.Audit on /pool: guests in pools it cannot audit show no pool, and policy rules that select guests by pool do not match them\n`)
      expect(JSON.parse(r.stdout).guests.filter((g: {pool?: string}) => g.pool)).toEqual([])
    })

    test.each([
      ['VM.Migrate', 'lacks VM.Migrate on /vms/100, /vms/101, /vms/102 and '],
      ['Pool.Allocate', 'lacks Pool.Allocate on /pool/proxlb-lock (the cluster-wide lock cannot be taken)'],
    ])('without %s apply, drain and balance are refused in one line (exit 4), nothing moves', async (privilege, text) => {
      const {emu, run} = await cluster(without(privilege))
      const dir = tempDir()
      const {file} = writePlan(emu, dir, EVACUATE)
      oneError(await run(OPERATOR, ['apply', file, '--yes'], dir), 4, text)
      oneError(await run(OPERATOR, ['drain', 'pve1', '--yes', '--force', '--policy', drainPolicy(dir)], dir), 4, text)
      const balanced = await run(OPERATOR, ['balance', '--policy', balancePolicy(dir)], dir)
      expect(balanced.status).toBe(4)
      expect(`${balanced.stdout}${balanced.stderr}`).toContain(`may not carry out cycle 1: it lacks ${privilege} on `)
      expect(acceptedMigrations(emu).size).toBe(0)
    })
  })
})

describe('the README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('### Least privilege'), readme.indexOf('\n### ', readme.indexOf('### Least privilege') + 5))

  test('shows the pveum commands this test runs, and so exactly the privileges of the roles', () => {
    expect(section).toContain(['```sh', ...leastPrivilegeCommands(), '```'].join('\n'))
    const privs = [...section.matchAll(/pveum role add (\S+) --privs "([^"]+)"/g)].map((m) => [m[1], m[2].split(',')])
    expect(privs).toEqual(Object.values(PROXLB_ROLES).map((r) => [r.name, [...r.privileges]]))
  })

  test('lists every call proxlb makes with the privilege Proxmox checks for it', () => {
    const rows = ENDPOINT_PRIVILEGES.map((e) => `| ${e.call} | ${e.privilege} | ${e.path ? `\`${e.path}\`` : '—'} | ${e.note} | ${e.source} |`)
    expect(section).toContain(['| call | privilege | on | for, and without it | checked in |', '|---|---|---|---|---|', ...rows].join('\n'))
  })
})
