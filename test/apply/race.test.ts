/**
 * Two machines, one cluster: `proxlb apply` run as real child processes, each with its own
 * state folder (as on two machines), against one emulator. The cluster lock lets exactly
 * one run; the other is refused (exit 4) naming the holder, and no guest gets two
 * migration requests. A stale lock is taken over, a live one is not; a run whose lock is
 * removed under it starts nothing more, and a resume finishes the plan.
 */
import {copyFileSync, existsSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {lockComment} from '../../src/apply/cluster-lock.js'
import {GiB} from '../helpers/builders.js'
import {tokenSession} from '../emulator/helpers.js'
import {acceptedMigrations, cli, clusterLock, emulatorPerTest, expectConsistent, journalRecords, migrationRequests, placement, smallCluster, spawnCli, tempDir, TOKEN, waitForJournal, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('two applies of one plan from two machines', () => {
  test.each([0, 120, 300, 500])('started %i ms apart: exactly one runs, the other exits 4 naming the holder; no guest gets two requests', async (apart) => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 8 * GiB}})
    const [a, b] = [tempDir(), tempDir()]
    const {file, plan} = writePlan(emu, a)
    copyFileSync(file, join(b, 'plan.json'))
    const first = spawnCli(emu, a, ['apply', file, '--yes'])
    await sleep(apart)
    const second = spawnCli(emu, b, ['apply', join(b, 'plan.json'), '--yes'])
    const results = await Promise.all([first.result, second.result])

    const winner = results.findIndex((r) => r.status === 0)
    expect(results.map((r) => r.status).sort()).toEqual([0, 4])
    const loser = results[1 - winner]
    const winnerDir = [a, b][winner]
    const winnerPid = [first, second][winner].child.pid
    expect(loser.stderr).toMatch(new RegExp(`^error: another proxlb holds the cluster: proxlb apply ${join(winnerDir, 'plan.json')} \\(run [0-9TZ]+-[0-9a-f]{6}, API token proxlb@pve!apply on [^,]+, pid ${winnerPid}, since [0-9T:-]+Z\\), until [0-9T:-]+Z; nothing was moved\\n`))
    expect(existsSync(join([a, b][1 - winner], 'plan.journal.jsonl'))).toBe(false)
    // Every guest migrated once, by the winner; its journal accounts for all of them as its own.
    expect([...acceptedMigrations(emu).values()].every((n) => n === 1)).toBe(true)
    expect(migrationRequests(emu)).toHaveLength(plan.moves.length)
    expectConsistent(emu, smallCluster(), plan, join(winnerDir, 'plan.journal.jsonl'))
    for (const m of plan.moves) expect(placement(emu).get(m.vmid)).toBe(m.to)
    expect(await clusterLock(emu)).toBeUndefined()
  })
})

describe('the cluster lock in apply', () => {
  const api = (emu: Awaited<ReturnType<typeof emulator>>) => tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`)
  const held = (until: string) =>
    lockComment({run: '20260101T100000Z-0a0b0c', user: 'API token ops@pve!lb', host: 'admin-2', machine: '0123456789abcdef', pid: 4711, command: 'proxlb drain pve3', since: '2026-01-01T10:00:00Z', until})

  test('a lock past its expiry is taken over with a warning; a live one is refused, exit 4', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    await api(emu).post('/pools', {poolid: 'proxlb-lock', comment: held('2099-01-01T10:02:00Z')})
    const refused = await cli(emu, dir, ['apply', file, '--yes'])
    expect(refused.status).toBe(4)
    expect(refused.stderr.split('\n')[0]).toBe('error: another proxlb holds the cluster: proxlb drain pve3 (run 20260101T100000Z-0a0b0c, API token ops@pve!lb on admin-2, pid 4711, since 2026-01-01T10:00:00Z), until 2099-01-01T10:02:00Z; nothing was moved')
    expect(migrationRequests(emu)).toEqual([])

    await api(emu).put('/pools', {poolid: 'proxlb-lock', comment: held('2026-01-01T10:02:00Z')})
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('warning: took over the cluster lock of proxlb drain pve3 (run 20260101T100000Z-0a0b0c, API token ops@pve!lb on admin-2, pid 4711, since 2026-01-01T10:00:00Z), which expired at 2026-01-01T10:02:00Z\n')
    for (const m of plan.moves) expect(placement(emu).get(m.vmid)).toBe(m.to)
    expect(await clusterLock(emu)).toBeUndefined()
    expect(((await api(emu).get('/pools')).body.data as {poolid: string}[]).map((p) => p.poolid)).toEqual([])
  })

  test('SIGTERM before anything moved (reading the cluster): exit 143, the cluster lock given back, nothing sent', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file} = writePlan(emu, dir)
    emu.faults.latency(150)
    const run = spawnCli(emu, dir, ['apply', file, '--yes'])
    const deadline = Date.now() + 20_000
    while (!emu.calls().some((c) => c.method === 'POST' && c.path === '/pools' && c.status === 200)) {
      if (Date.now() > deadline) throw new Error('the run never took the cluster lock')
      await sleep(20)
    }
    run.child.kill('SIGTERM')
    const r = await run.result
    expect(r.status).toBe(143)
    expect(r.stderr).toContain('error: SIGTERM: stopped before anything moved\n')
    emu.faults.latency(0)
    expect(await clusterLock(emu)).toBeUndefined()
    expect(migrationRequests(emu)).toEqual([])
    expect(existsSync(join(dir, 'plan.journal.jsonl'))).toBe(false)
  })

  test('a lock removed by hand mid-run: nothing more starts (exit 3, the journal says why); --resume finishes', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 16 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const journal = join(dir, 'plan.journal.jsonl')
    const run = spawnCli(emu, dir, ['apply', file, '--yes', '--parallel', '1'])
    await waitForJournal(journal, 'move-accepted')
    expect((await api(emu).del('/pools?poolid=proxlb-lock')).status).toBe(200)
    const r = await run.result
    expect(r.status).toBe(3)
    const reason = 'the cluster lock (pool proxlb-lock) was deleted by someone else while this run held it'
    expect(r.stdout).toContain(`${reason}; no new migration starts\n`)
    expect(journalRecords(journal).at(-1)).toMatchObject({event: 'run-ended', reason, summary: {status: 'interrupted'}})
    expect(migrationRequests(emu).length).toBeLessThan(plan.moves.length)

    const resumed = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    for (const m of plan.moves) expect(placement(emu).get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, journal)
  })
})
