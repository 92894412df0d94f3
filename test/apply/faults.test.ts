/**
 * `proxlb apply` under the emulator's faults: migration tasks that fail (reported with the
 * task's own reason), a node going offline mid-apply, bursts of 5xx answers, tickets
 * expiring mid-run, the process killed with SIGKILL or stopped with SIGINT and resumed.
 * After each: every guest on exactly one node, no guest migrated twice, and the journal
 * with an outcome for every move that was started.
 */
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {moveRef} from '../../src/apply/journal.js'
import type {Emulator} from '../../src/emulator/index.js'
import {GiB} from '../helpers/builders.js'
import {acceptedMigrations, cli, EVACUATE, smallCluster, expectConsistent, journalRecords, emulatorPerTest, placement, spawnCli, tempDir, waitForJournal, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

describe('proxlb apply under faults', () => {
  test("a failing migration is reported with the task's own reason; the others go on; exit 3", async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const victim = plan.moves[3]
    emu.faults.failMigration(victim.vmid, 'storage migration failed: no space left on device')
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(3)
    const reason = `migration aborted (duration 00:00:00): storage migration failed: no space left on device`
    expect(r.stdout).toContain(`[ 4/${plan.moves.length}] FAILED  ${victim.name} (${victim.vmid}) pve1 → ${victim.to}: ${reason}\n`)
    expect(r.stdout).toMatch(new RegExp(`\\n {2} 4\\. +${victim.name} \\(${victim.vmid}\\) +pve1 → ${victim.to} +FAILED +${reason.replace(/[()]/g, '\\$&')}\\n`))
    expect(r.stdout).toMatch(new RegExp(`\\n${plan.moves.length - 1} of ${plan.moves.length} migrations done, 1 failed; `))
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m === victim ? 'pve1' : m.to)
    expectConsistent(emu, smallCluster(), plan, join(dir, 'plan.journal.jsonl'))
    expect(journalRecords(join(dir, 'plan.journal.jsonl')).find((rec) => rec.event === 'move-finished' && rec.move?.vmid === victim.vmid)).toMatchObject({outcome: 'failed', reason})
  })

  test('--on-failure stop starts nothing after a failure; --resume runs the rest and tries the failed one again', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    // Whichever migration runs first fails.
    for (const m of plan.moves) emu.faults.failMigration(m.vmid)
    const stopped = await cli(emu, dir, ['apply', file, '--yes', '--parallel', '1', '--on-failure', 'stop'])
    emu.faults.reset()
    const victim = journalRecords(join(dir, 'plan.journal.jsonl')).find((rec) => rec.event === 'move-started')!.move!
    expect(stopped.status).toBe(3)
    expect(stopped.stdout).toContain('failed and --on-failure is stop: no other move starts; running ones are followed to their end')
    expect(stopped.stdout).toMatch(new RegExp(`\\n0 of ${plan.moves.length} migrations done, 1 failed, ${plan.moves.length - 1} not started; 0 B moved in .*\\. Continue with --resume\\.\\n$`))
    expect(journalRecords(join(dir, 'plan.journal.jsonl')).at(-1)).toMatchObject({event: 'run-ended', summary: {status: 'stopped', done: 0, failed: 1, pending: plan.moves.length - 1}})

    // The cause is gone: the resume tries the failed migration again, with the others.
    const resumed = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    expect(resumed.stderr).toContain(`${victim.name} (${victim.vmid}) pve1 → ${victim.to}: failed in an earlier run (migration aborted (duration 00:00:00): migration failed: fault injected by the emulator); tried again\n`)
    expect(resumed.stdout).toContain(`proxlb apply ${file} on cluster lab: ${plan.moves.length} migrations to run`)
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, join(dir, 'plan.journal.jsonl'))
    // Two requests for the victim: the first failed, the second moved it.
    expect(acceptedMigrations(emu).get(victim.vmid)).toBe(2)
  })

  test('a target node going offline mid-apply: the migration to it fails with the reason, later ones to it are not sent, the rest are done', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 16 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const journal = join(dir, 'plan.journal.jsonl')
    const first = spawnCli(emu, dir, ['apply', file, '--yes'])
    // Down while a migration to it runs.
    await waitForJournal(journal, 'move-accepted')
    const running = journalRecords(journal).find((rec) => rec.event === 'move-accepted')!.move!
    const doomed = running.to
    emu.faults.nodeDown(doomed)
    const r = await first.result
    expect(r.status).toBe(3)
    const where = placement(emu)
    const records = journalRecords(journal)
    const failed = records.filter((rec) => rec.event === 'move-finished' && rec.outcome === 'failed')
    expect(failed.map((rec) => [rec.move!.vmid, rec.reason])).toContainEqual([running.vmid, `migration aborted (duration 00:00:00): connection to target node '${doomed}' lost: no route to host`])
    const skipped = records.filter((rec) => rec.event === 'move-skipped')
    expect(skipped.length).toBeGreaterThan(0)
    for (const rec of [...failed, ...skipped]) {
      expect(rec.move!.to).toBe(doomed)
      expect(where.get(rec.move!.vmid)).toBe('pve1')
    }
    for (const rec of skipped) expect(rec.reason).toBe(`not started: the target ${doomed} is offline`)
    for (const m of plan.moves) if (m.to !== doomed) expect(where.get(m.vmid)).toBe(m.to)
    expect(r.stdout).toMatch(new RegExp(`\\n${plan.moves.length - failed.length - skipped.length - plan.moves.filter((m) => m.to === doomed && where.get(m.vmid) === doomed).length} of ${plan.moves.length} migrations done, ${failed.length} failed, ${skipped.length} skipped; `))
    expectConsistent(emu, smallCluster(), plan, journal)
  })

  test('a migration running past --migration-timeout is stopped and reported failed; the guest stays on its source', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: GiB / 2}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir, {...EVACUATE, limits: {...EVACUATE.limits, maxMoves: 2}})
    expect(plan.moves).toHaveLength(2)
    const r = await cli(emu, dir, ['apply', file, '--yes', '--migration-timeout', '1s'])
    expect(r.status).toBe(3)
    for (const m of plan.moves) {
      expect(r.stdout).toContain(`FAILED  ${m.name} (${m.vmid}) pve1 → ${m.to}: did not finish within 1 s (--migration-timeout): proxlb stopped the task; guest ${m.vmid} is still on pve1\n`)
    }
    expect(emu.calls().filter((c) => c.method === 'DELETE' && c.path.includes('/tasks/') && c.status === 200)).toHaveLength(2)
    expect(emu.state().guests.filter((g) => g.lock)).toEqual([])
    expectConsistent(emu, smallCluster(), plan, join(dir, 'plan.journal.jsonl'))
  })

  test('bursts of 5xx answers: reads are retried, a request that got no clear answer is looked for before it is sent again', async () => {
    // After every 23rd answer the next request fails with a 500, 502 or 503, whatever it is; and
    // with one migration at a time, the request after every third GET /cluster/tasks (the last
    // look for someone else at the guest) is its migration POST: it fails too.
    let answered = 0
    let statusReads = 0
    const emu: Emulator = await emulator({
      snapshot: smallCluster(),
      migration: {bandwidth: 64 * GiB},
      onCall: (call) => {
        if (++answered % 23 === 0) emu.faults.burst(1, [500, 502, 503][(answered / 23) % 3])
        if (call.method === 'GET' && call.path === '/cluster/tasks' && ++statusReads % 3 === 0) emu.faults.burst(1, 502)
      },
    })
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--yes', '--retries', '6', '--parallel', '1'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const failedPosts = emu.calls().filter((c) => c.method === 'POST' && c.status >= 500)
    expect(failedPosts.length).toBeGreaterThanOrEqual(4)
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, join(dir, 'plan.journal.jsonl'))
  })

  test('tickets expiring mid-run: proxlb logs in again and carries on', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 64 * GiB}, users: [{userid: 'root@pam', password: 'sesame'}]})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const password = join(dir, 'password')
    writeFileSync(password, 'sesame\n', {mode: 0o600})
    const expiry = setInterval(() => emu.faults.expireTickets(), 300)
    try {
      // Password login instead of the token: the tickets are what expire.
      const r = await cli(emu, dir, ['apply', file, '--yes', '--user', 'root@pam', '--password-file', password])
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
    } finally {
      clearInterval(expiry)
    }
    expect(emu.calls().filter((c) => c.status === 401).length).toBeGreaterThan(0)
    expect(emu.calls().filter((c) => c.method === 'POST' && c.path === '/access/ticket' && c.status === 200).length).toBeGreaterThan(1)
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, join(dir, 'plan.journal.jsonl'))
  })

  test('killed with SIGKILL mid-apply, then --resume: migrations under way are followed, none is sent twice, all done', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 32 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const journal = join(dir, 'plan.journal.jsonl')
    const first = spawnCli(emu, dir, ['apply', file, '--yes'])
    await waitForJournal(journal, 'move-verified', 4)
    first.child.kill('SIGKILL')
    await first.result
    const before = journalRecords(journal)
    expect(before.some((rec) => rec.event === 'run-ended')).toBe(false)
    const settledBefore = new Set(before.flatMap((rec) => (rec.event === 'move-finished' || rec.event === 'move-verified' ? [rec.move!.index] : [])))
    const underWay = before.filter((rec) => rec.event === 'move-started' && !settledBefore.has(rec.move!.index)).map((rec) => rec.move!)

    const resumed = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    // The dead run's cluster lock is taken over at once: its process is gone from this machine.
    expect(resumed.stderr).toMatch(new RegExp(`^warning: took over the cluster lock of proxlb apply ${file} \\(run [0-9TZ-]+[0-9a-f]{6}, API token proxlb@pve!apply on [^,]+, pid ${first.child.pid}, since [0-9T:-]+Z\\), which no longer runs \\(pid ${first.child.pid} on this machine is gone\\)\n`))
    // Each migration under way when proxlb died is accounted for from the cluster, not sent again.
    for (const m of underWay) expect(resumed.stderr).toMatch(new RegExp(`\\n${m.name} \\(${m.vmid}\\) pve1 → ${m.to}: (its migration (was running|was found in the task list) \\(UPID:[^)]+\\); following it|done \\(the guest is on ${m.to}\\)|its request never reached Proxmox \\(no task, the guest unlocked on pve1\\); it runs again)\\n`))
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, journal)
    const records = journalRecords(journal)
    expect(records.filter((rec) => rec.event === 'run-started').map((rec) => rec.options!.resume)).toEqual([false, true])
    expect(records.at(-1)).toMatchObject({event: 'run-ended', summary: {status: 'completed', done: plan.moves.length}})
  })

  test('killed between journaling a migration and sending it: --resume finds no task, the guest unlocked where it was, and sends it once', async () => {
    // The journal as a SIGKILL leaves it when it lands after "move-started" is written but
    // before the request leaves: no run-ended, one move started with no UPID and no task.
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const journal = join(dir, 'plan.journal.jsonl')
    for (const m of plan.moves) emu.faults.failMigration(m.vmid)
    await cli(emu, dir, ['apply', file, '--yes', '--parallel', '1', '--on-failure', 'stop'])
    emu.faults.reset()
    const records = journalRecords(journal)
    const ended = records.at(-1)!
    expect(ended.event).toBe('run-ended')
    const first = records.find((rec) => rec.event === 'move-started')!
    const index = first.move!.index === 0 ? 1 : 0
    const move = plan.moves[index]
    const started = {
      ...first,
      seq: ended.seq,
      at: new Date(Date.now() - 10_000).toISOString(),
      move: moveRef(move, index),
      request: {...first.request!, path: first.request!.path.replace(/\/\d+\/migrate$/, `/${move.vmid}/migrate`), params: {...first.request!.params, target: move.to}},
    }
    writeFileSync(journal, records.slice(0, -1).map((rec) => JSON.stringify(rec) + '\n').join('') + JSON.stringify(started) + '\n')

    const resumed = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    expect(resumed.stderr).toContain(`${move.name} (${move.vmid}) ${move.from} → ${move.to}: its request never reached Proxmox (no task, the guest unlocked on ${move.from}); it runs again\n`)
    expect(acceptedMigrations(emu).get(move.vmid)).toBe(1)
    expect(placement(emu).get(move.vmid)).toBe(move.to)
    // Two attempts in the journal, one migration: the first never reached Proxmox, which is no duplicate.
    expect(journalRecords(journal).filter((rec) => rec.event === 'move-started' && rec.move!.index === index)).toHaveLength(2)
    expectConsistent(emu, smallCluster(), plan, journal)
  })

  test('SIGINT: running migrations finish, nothing new starts, exit 3; --resume finishes the plan', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 32 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const journal = join(dir, 'plan.journal.jsonl')
    const first = spawnCli(emu, dir, ['apply', file, '--yes'])
    await waitForJournal(journal, 'move-accepted', 2)
    first.child.kill('SIGINT')
    const r = await first.result
    expect(r.status).toBe(3)
    expect(r.stdout).toContain('SIGINT: no new migration starts; waiting for the running ones to finish')
    const records = journalRecords(journal)
    const started = records.filter((rec) => rec.event === 'move-started').length
    expect(started).toBeLessThan(plan.moves.length)
    expect(records.at(-1)).toMatchObject({event: 'run-ended', reason: 'interrupted by SIGINT', summary: {status: 'interrupted', pending: plan.moves.length - started}})
    // Everything started has ended: the guests are on their targets, unlocked.
    expect(emu.state().guests.filter((g) => g.lock === 'migrate')).toEqual([])

    const resumed = await cli(emu, dir, ['apply', file, '--yes', '--resume'])
    expect(resumed.status).toBe(0)
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m.to)
    expectConsistent(emu, smallCluster(), plan, journal)
  })
})
