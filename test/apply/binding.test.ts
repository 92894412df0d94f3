/**
 * A plan belongs to the cluster it was made for: applied to a cluster of another name, or
 * to one of the same name whose guests are other guests (same ids, other names or types),
 * it is refused with one line, exit 4, nothing moved, and --replan does not change that.
 * One renamed guest among the others makes it stale instead.
 */
import {describe, expect, test} from 'vitest'
import {snapshotFingerprint, type Snapshot} from '../../src/model/snapshot.js'
import {cli, emulatorPerTest, migrationRequests, smallCluster, tempDir, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

function named(cluster: string, edit: (s: Snapshot) => void = () => {}): Snapshot {
  const s = smallCluster()
  s.cluster.name = cluster
  edit(s)
  s.fingerprint = snapshotFingerprint(s)
  return s
}

describe('a plan on another cluster', () => {
  test('made for demo, applied to prod: refused in one line, exit 4, nothing moved, also with --replan', async () => {
    const demo = await emulator({snapshot: named('demo')})
    const prod = await emulator({snapshot: named('prod')})
    const dir = tempDir()
    const {file} = writePlan(demo, dir)
    for (const extra of [[], ['--replan'], ['--dry-run']]) {
      const r = await cli(prod, dir, ['apply', file, '--yes', ...extra])
      expect(r.status).toBe(4)
      expect(r.stderr).toBe(`error: ${file} was made for cluster demo, but this is cluster prod: apply a plan only to the cluster it was made for; nothing was moved\n`)
    }
    expect(migrationRequests(prod)).toEqual([])
  })

  test('a cluster of the same name whose guests are other guests: refused in one line', async () => {
    const demo = await emulator({snapshot: named('demo')})
    const lookalike = await emulator({
      snapshot: named('demo', (s) => {
        for (const g of s.guests) g.name = `other-${g.vmid}`
        for (const g of s.guests.filter((x) => x.vmid === 200)) g.type = 'qemu'
      }),
    })
    const dir = tempDir()
    const {file, plan} = writePlan(demo, dir)
    const r = await cli(lookalike, dir, ['apply', file, '--yes', '--replan'])
    expect(r.status).toBe(4)
    const [a, b, c] = plan.moves
    expect(r.stderr).toBe(
      `error: ${file} was made for another cluster named demo: none of the ${plan.moves.length} guests it moves is here (${a.vmid} is ${a.name} (${a.type}) in the plan, other-${a.vmid} (qemu) here; ${b.vmid} is ${b.name} (${b.type}) in the plan, other-${b.vmid} (qemu) here; ${c.vmid} is ${c.name} (${c.type}) in the plan, other-${c.vmid} (qemu) here, and ${plan.moves.length - 3} more); nothing was moved\n`,
    )
    expect(migrationRequests(lookalike)).toEqual([])
  })

  test('one guest renamed since the plan: stale, with what changed', async () => {
    const before = await emulator({snapshot: named('demo')})
    const dir = tempDir()
    const {file, plan} = writePlan(before, dir)
    const renamed = plan.moves[1]
    const after = await emulator({snapshot: named('demo', (s) => (s.guests.find((g) => g.vmid === renamed.vmid)!.name = 'web-renamed'))})
    const r = await cli(after, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(4)
    expect(r.stderr).toContain(`\nerror:   ${renamed.name} (${renamed.vmid}): is now called web-renamed: another guest has its id, or it was renamed\n`)
  })
})
