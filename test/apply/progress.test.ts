/**
 * A migration's progress, where its task log reports it: the emulator's live migration
 * logs qemu-server's `migration active, transferred … of … VM-state` lines, apply reads
 * them while the task runs and says how far each migration has got (a `move-progress`
 * event; the live block and the plain log show it).
 */
import {describe, expect, test} from 'vitest'
import {taskLog, tokenSession, waitForTask} from '../emulator/helpers.js'
import {snapshot} from '../helpers/builders.js'
import {expectValid} from '../helpers/outputs.js'
import {transferProgress} from '../../src/proxmox/tasks.js'
import {cli, emulatorPerTest, tempDir, TOKEN, writePlan} from './helpers.js'

const GiB = 2 ** 30
const emulator = emulatorPerTest()

describe('transfer progress during apply', () => {
  test('a live migration of several seconds reports what it has copied, from its task log', async () => {
    // One 8 GiB VM leaves pve1 at 2 GiB/s: about 4 s, a log line a second.
    const emu = await emulator({
      snapshot: snapshot([{name: 'pve1', memory: 64}, {name: 'pve2', memory: 64}], [{vmid: 100, node: 'pve1', memory: 8, name: 'big'}], {cluster: {name: 'lab', quorate: true}}),
      migration: {bandwidth: 2 * GiB},
    })
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    expect(plan.moves.map((m) => [m.vmid, m.method])).toEqual([[100, 'online']])
    const r = await cli(emu, dir, ['apply', file, '--yes', '--json'])
    expect(r.status, r.stderr).toBe(0)
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    for (const e of events) expectValid(e, 'event')
    const progress = events.filter((e) => e.type === 'move-progress')
    expect(progress.length, r.stdout).toBeGreaterThan(0)
    for (const p of progress) {
      expect(p).toMatchObject({format: 'proxlb.event/v1', move: {vmid: 100}, what: 'VM-state'})
      expect(p.transferred).toBeGreaterThan(0)
      expect(p.transferred).toBeLessThanOrEqual(p.total)
      expect(p.total).toBeGreaterThan(7.9 * GiB)
    }
    const order = events.map((e) => e.type)
    expect(order.indexOf('move-progress')).toBeGreaterThan(order.indexOf('move-accepted'))
    expect(order.lastIndexOf('move-progress')).toBeLessThan(order.indexOf('move-done'))

    // The plain log says it too, in words.
    const again = writePlan(emu, dir, {balance: {threshold: 100}, maintenance: {nodes: ['pve2']}}, 'back.json')
    const plain = await cli(emu, dir, ['apply', again.file, '--yes'])
    expect(plain.status, plain.stderr).toBe(0)
    expect(plain.stdout).toMatch(/\[1\/1\] copying big \(100\): [\d.]+ GiB of 8 GiB VM-state \(\d+%\)\n/)
  }, 30_000)

  test("the emulator's task log reads as qemu-server's: local disks mirrored first, then the VM-state", async () => {
    // 2 GiB of memory and a 4 GiB local disk at 2 GiB/s: two seconds of disk, then one of memory.
    const emu = await emulator({
      snapshot: snapshot([{name: 'pve1', memory: 64}, {name: 'pve2', memory: 64}], [{vmid: 100, node: 'pve1', memory: 2, localDisk: 4, name: 'disky'}], {cluster: {name: 'lab', quorate: true}}),
      migration: {bandwidth: 2 * GiB},
    })
    const session = tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`)
    const upid = (await session.post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: '1', 'with-local-disks': '1'})).body.data
    await new Promise((resolve) => setTimeout(resolve, 2600))
    const lines = await taskLog(session, upid)
    const progress = lines.map(transferProgress).filter((p) => p !== undefined)
    expect(progress.map((p) => p!.what), lines.join('\n')).toEqual(['drive-scsi0', 'VM-state'])
    expect(progress[0]).toMatchObject({transferred: 2 * GiB, total: 4 * GiB})
    expect(progress[1]).toMatchObject({transferred: 0, total: 2 * GiB})
    expect(lines.some((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d drive-scsi0: transferred 2\.0 GiB of 4\.0 GiB \(50\.00%\) in 1s$/.test(l))).toBe(true)
    expect((await waitForTask(session, upid, 10_000)).exitstatus).toBe('OK')
  }, 20_000)
})

