/**
 * A drain against the emulator moves only the guests leaving its node: a rule the
 * evacuation would break is kept by the choice of targets, a preference it cannot keep and
 * a rule broken elsewhere before are reported before anything moves, and --restore brings
 * back exactly what the drain moved, saying so. While the drain is on record, every
 * command that plans (plan, simulate, apply --replan, balance, a drain of another node)
 * treats the node as in maintenance and says so in one line.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {prettyJson} from '../../src/model/canonical.js'
import {proxlbAsync} from '../helpers/cli.js'
import {acceptedMigrations, cli, emulatorPerTest, migrationRequests, placement, smallCluster, tempDir, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

/**
 * db-1 (300, pve2) and db-2 (301, pve3) stay apart; vm-00 and vm-01 (both on pve1) should
 * too, and do not; db-2 prefers pve3.
 */
function policyFile(dir: string): string {
  const file = join(dir, 'policy.yaml')
  writeFileSync(
    file,
    `apiVersion: proxlb/v1
rules:
  - {name: db, type: apart, guests: [db-1, db-2]}
  - {name: web, type: apart, guests: [vm-00, vm-01]}
  - {name: db-home, type: pin, guests: [db-2], nodes: [pve3], strict: false}
migration:
  withLocalDisks: true
`,
  )
  return file
}

const NOTE = 'warning: pve3 is being drained (proxlb drain pve3 --restore brings its guests back): planned as in maintenance\n'

describe('drain: only the guests leaving the node move', () => {
  test('no bystander moves; what cannot be kept and what was broken before is reported before anything moves; --restore brings back exactly that', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const policy = policyFile(dir)
    const before = placement(emu)

    const shown = await cli(emu, dir, ['drain', 'pve3', '--plan-only', '--policy', policy])
    expect(shown.status).toBe(0)
    expect(shown.stdout).toContain(`  policy    ${policy} with pve3 in maintenance: balance memory (used), threshold 100 points\n  scope     only the guests of pve3 may move\n`)
    expect(shown.stdout).toContain('The drain of pve3 cannot keep this rule (no target keeps it):\n  ! pin preference db-home: db-2 (301) on pve')
    expect(shown.stdout).toContain('Broken before the drain and left as it is (a drain moves only the guests of pve3; proxlb plan and apply repair it):\n  - apart rule web: vm-00 (100), vm-01 (101) on pve1\n')

    const drained = await cli(emu, dir, ['drain', 'pve3', '--yes', '--policy', policy])
    expect(drained.stderr).toBe('')
    expect(drained.status).toBe(0)
    const during = placement(emu)
    // Only db-2 lived on pve3; it went where db-1 is not.
    expect([...during].filter(([vmid, node]) => node !== before.get(vmid)).map(([vmid]) => vmid)).toEqual([301])
    expect(during.get(301)).not.toBe('pve2')
    expect(migrationRequests(emu).map((c) => c.path)).toEqual(['/nodes/pve3/qemu/301/migrate'])

    const restored = await cli(emu, dir, ['drain', 'pve3', '--restore', '--yes', '--policy', policy])
    expect(restored.status).toBe(0)
    expect(restored.stdout).toMatch(/^Back to pve3: the guest the drain moved away from it; nothing else moves\.\n/)
    expect(placement(emu)).toEqual(before)
    expect(acceptedMigrations(emu).get(301)).toBe(2)
    expect(acceptedMigrations(emu).size).toBe(1)
  })

  test('while drained, plan, simulate, apply --replan, balance and a drain of another node treat it as in maintenance and say so in one line', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    // Balance the others onto pve3 if they could: pve1 is crowded, pve3 nearly empty.
    writeFileSync(join(dir, 'spread.yaml'), 'apiVersion: proxlb/v1\nbalance: {threshold: 5}\nmigration: {withLocalDisks: true}\n')
    const spread = join(dir, 'spread.yaml')
    expect((await cli(emu, dir, ['drain', 'pve3', '--yes'])).status).toBe(0)
    // A plan made where the drain is not on record (another machine): it puts guests on the empty pve3.
    const stale = writePlan(emu, dir, {balance: {threshold: 5}, migration: {withLocalDisks: true}}, 'stale.json')
    expect(stale.plan.moves.some((m) => m.to === 'pve3')).toBe(true)
    const toPve3 = (plan: {moves: {to: string}[]}) => plan.moves.filter((m) => m.to === 'pve3')

    const plan = await cli(emu, dir, ['plan', '--policy', spread, '--json'])
    expect(plan.status).toBe(0)
    expect(plan.stderr).toBe(NOTE)
    expect(JSON.parse(plan.stdout).moves.length).toBeGreaterThan(0)
    expect(toPve3(JSON.parse(plan.stdout))).toEqual([])
    expect(JSON.parse(plan.stdout).nodes.find((n: {name: string}) => n.name === 'pve3').role).toBe('maintenance')

    const snapshotFile = join(dir, 'now.json')
    writeFileSync(snapshotFile, prettyJson(emu.state()))
    // simulate reads files only: no connection flags, the same state folder.
    const simulated = await proxlbAsync(['simulate', snapshotFile, '--policy', spread, '--json'], {env: {PROXLB_STATE_DIR: join(dir, 'state')}})
    expect(simulated.stderr).toBe(NOTE)
    expect(JSON.parse(simulated.stdout).plan.moves.filter((m: {to: string}) => m.to === 'pve3')).toEqual([])

    const balanced = await cli(emu, dir, ['balance', '--dry-run', '--json', '--policy', spread])
    expect(balanced.status).toBe(0)
    expect(balanced.stderr).toMatch(/ info {4}cycle 1: pve3 is being drained \(proxlb drain pve3 --restore brings its guests back\): planned as in maintenance\n/)
    expect(toPve3(JSON.parse(balanced.stdout.split('\n')[0]).plan)).toEqual([])

    // That plan is refused here; --replan does not plan onto pve3 again.
    const refused = await cli(emu, dir, ['apply', stale.file, '--yes'])
    expect(refused.status).toBe(4)
    expect(refused.stderr).toMatch(/: the target pve3 is being drained \(since [0-9-]+ [0-9:]+ UTC\): bring it back with proxlb drain pve3 --restore\n/)
    const replanned = await cli(emu, dir, ['apply', stale.file, '--yes', '--replan'])
    expect(replanned.status).toBe(0)
    expect(replanned.stderr).toContain(NOTE)
    const fresh = JSON.parse(readFileSync(join(dir, 'stale.replanned.json'), 'utf8'))
    expect(fresh.moves.length).toBeGreaterThan(0)
    expect(toPve3(fresh)).toEqual([])
    expect(placement(emu).get(301)).not.toBe('pve3')

    const other = await cli(emu, dir, ['drain', 'pve4', '--plan-only'])
    expect(other.stdout).toContain(' with pve4 in maintenance (and pve3, being drained) "default": ')
    expect(other.stdout).not.toMatch(/→ pve3/)
  })
})
