/**
 * `proxlb drain` against the emulator: the plan and the guests that stay (with the
 * reason), the refusal to start while some cannot leave, a drain that empties the node,
 * and --restore bringing every guest back once the node is back.
 */
import {existsSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {acceptedMigrations, cli, emulatorPerTest, placement, smallCluster, tempDir, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

/** Copies local disks along; never moves vm-00. */
function policyFile(dir: string): string {
  const file = join(dir, 'policy.yaml')
  writeFileSync(file, 'apiVersion: proxlb/v1\nignore:\n  guests: [vm-00]\nmigration:\n  withLocalDisks: true\nlimits:\n  parallel: 4\n  perNode: 2\n')
  return file
}

describe('proxlb drain', () => {
  test('--plan-only shows the evacuation and who stays, with the reason; moves and writes nothing', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const r = await cli(emu, dir, ['drain', 'pve1', '--plan-only', '--policy', policyFile(dir)])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`policy    ${join(dir, 'policy.yaml')} with pve1 in maintenance`)
    expect(r.stdout).toContain('1 running guest cannot leave pve1:\n  ! gpu (207): local devices (hostpci0)\n1 guest on pve1 is ignored by the policy and stays:\n  - vm-00 (100): running, it goes down with the node unless you move or shut it down\n')
    expect(emu.calls().filter((c) => c.method === 'POST' && c.path !== '/access/ticket')).toEqual([])
    expect(existsSync(join(dir, 'state'))).toBe(false)
  })

  test('refuses to start while a guest cannot leave (exit 4), unless --force', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const r = await cli(emu, dir, ['drain', 'pve1', '--yes', '--policy', policyFile(dir)])
    expect(r.status).toBe(4)
    expect(r.stderr).toBe('error: pve1 cannot be emptied: 1 running guest cannot leave it; nothing was moved\nerror:   gpu (207): local devices (hostpci0)\nerror: move or shut them down yourself, or pass --force to drain the others and leave these\n')
    expect(acceptedMigrations(emu).size).toBe(0)
  })

  test('empties the node, then --restore brings every guest back once the node is back', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const policy = policyFile(dir)
    const before = placement(emu)
    const drained = await cli(emu, dir, ['drain', 'pve1', '--yes', '--force', '--policy', policy])
    expect(drained.stderr).toBe('')
    expect(drained.status).toBe(0)
    expect(drained.stdout).toContain('pve1 is empty of running guests apart from 1 guest that cannot leave and 1 guest the policy ignores. Do the maintenance, then bring its guests back: proxlb drain pve1 --restore\n')
    const during = placement(emu)
    expect([...during].filter(([, node]) => node === 'pve1').map(([vmid]) => vmid).sort()).toEqual([100, 207])
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['drain-pve1.journal.jsonl', 'drain-pve1.plan.json'])

    // While drained, no plan may put guests back on pve1 behind the drain's back.
    const sneaky = writePlan(emu, dir, {balance: {threshold: 5}}, 'sneaky.json')
    const toDrained = sneaky.plan.moves.find((m) => m.to === 'pve1')!
    expect(toDrained).toBeDefined()
    const refused = await cli(emu, dir, ['apply', sneaky.file, '--yes'])
    expect(refused.status).toBe(4)
    expect(refused.stderr).toMatch(new RegExp(`\nerror: {3}${toDrained.name} \\(${toDrained.vmid}\\): the target pve1 is being drained \\(since [0-9-]+ [0-9:]+ UTC\\): bring it back with proxlb drain pve1 --restore\n`))

    // A second drain of the same node is refused while the record stands.
    const again = await cli(emu, dir, ['drain', 'pve1', '--yes', '--force', '--policy', policy])
    expect(again.status).toBe(4)
    expect(again.stderr).toMatch(/^error: pve1 has a drain record already \(.*drain-pve1\.journal\.jsonl\); nothing was moved\n/)

    // The node is away for its maintenance: nothing to restore yet.
    emu.faults.nodeDown('pve1')
    const early = await cli(emu, dir, ['drain', 'pve1', '--restore', '--yes'])
    expect(early.status).toBe(4)
    expect(early.stderr).toMatch(/\nerror: cannot restore pve1: pve1 is not back yet: it is offline; nothing was moved\n$/)
    emu.faults.nodeUp('pve1')

    const restored = await cli(emu, dir, ['drain', 'pve1', '--restore', '--yes'])
    expect(restored.stderr).toBe('')
    expect(restored.status).toBe(0)
    expect(restored.stdout).toMatch(/^Back to pve1: all 14 guests the drain moved away from it; nothing else moves.\n/)
    expect(placement(emu)).toEqual(before)
    for (const [vmid, count] of acceptedMigrations(emu)) expect(count, `migrations of ${vmid}`).toBe(2)
    expect(readdirSync(join(dir, 'state')).filter((f) => f.startsWith('drain-pve1.') && !f.includes('.restore-')).sort()).toEqual([
      expect.stringMatching(/^drain-pve1\.journal\.jsonl\.restored-\d{8}T\d{6}Z$/),
      expect.stringMatching(/^drain-pve1\.plan\.json\.restored-\d{8}T\d{6}Z$/),
    ])
    expect(smallCluster().guests.length).toBe(placement(emu).size)
  })

  test('a guest that may no longer go back is left where it is, with the reason', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    await cli(emu, dir, ['drain', 'pve1', '--yes', '--force', '--policy', policyFile(dir)])
    // Now a policy that pins vm-01 elsewhere: it must not come back.
    const pinned = join(dir, 'pinned.yaml')
    writeFileSync(pinned, `apiVersion: proxlb/v1\nrules:\n  - {name: keep-off, type: pin, guests: [vm-01], nodes: [pve2, pve3, pve4, pve5]}\nmigration:\n  withLocalDisks: true\n`)
    const r = await cli(emu, dir, ['drain', 'pve1', '--restore', '--yes', '--policy', pinned])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Staying where they are (1):\n  - vm-01 (101): a strict rule keeps it off pve1 now\n')
    expect(placement(emu).get(101)).not.toBe('pve1')
    // The record stays: vm-01 may come back once the rule changes.
    expect(existsSync(join(dir, 'state', 'drain-pve1.plan.json'))).toBe(true)
  })
})
