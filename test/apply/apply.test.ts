/**
 * `proxlb apply` against the emulator over HTTPS, run as a user runs it: a plan of dozens
 * of moves carried out with every guest ending where the plan says; the dry run; the
 * refusals that move nothing (not confirmed, stale plan, another apply or migration under
 * way) and --replan.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {GiB} from '../helpers/builders.js'
import {tokenSession, waitForTask} from '../emulator/helpers.js'
import {acceptedMigrations, cli, clusterLock, crowdedCluster, migrationRequests, onTerminal, smallCluster, expectConsistent, journalRecords, emulatorPerTest, placement, spawnCli, tempDir, TOKEN, waitForJournal, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

const direct = (emu: Emulator) => tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`)

describe('proxlb apply', () => {
  test('carries out a plan of dozens of moves: every guest ends where the plan says, each migrated once, all journaled', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    expect(plan.moves.length).toBeGreaterThanOrEqual(24)
    expect(new Set(plan.moves.map((m) => m.method))).toEqual(new Set(['online', 'restart', 'offline']))
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const where = placement(emu)
    for (const move of plan.moves) expect(where.get(move.vmid), `${move.name}`).toBe(move.to)
    expect(where.get(207)).toBe('pve1') // the guest with a PCI device stays
    expectConsistent(emu, crowdedCluster(), plan, join(dir, 'plan.journal.jsonl'))
    expect([...acceptedMigrations(emu).keys()].sort()).toEqual(plan.moves.map((m) => m.vmid).sort())

    const journal = journalRecords(join(dir, 'plan.journal.jsonl'))
    expect(journal[0]).toMatchObject({seq: 1, event: 'run-started', options: {command: 'apply', moves: plan.moves.length, parallel: 4, perNode: 2, resume: false}})
    expect(journal.at(-1)).toMatchObject({event: 'run-ended', summary: {status: 'completed', done: plan.moves.length, failed: 0, skipped: 0, pending: 0}})
    // The start of each move is journaled before its request: move-started comes before move-accepted.
    for (const [index] of plan.moves.entries()) {
      const events = journal.filter((rec) => rec.move?.index === index).map((rec) => rec.event)
      expect(events[0]).toBe('move-started')
      expect(events.slice(-2)).toEqual(['move-finished', 'move-verified'])
    }
    // HA-managed guests: the hamigrate, then the HA manager's own qmigrate, both journaled.
    const ha = journal.filter((rec) => rec.move?.vmid === 204 && rec.event === 'move-accepted').map((rec) => rec.upid)
    expect(ha).toEqual([expect.stringMatching(/:hamigrate:204:proxlb@pve!apply:$/), expect.stringMatching(/:qmigrate:204:root@pam:$/)])

    expect(r.stdout).toMatch(new RegExp(`^proxlb apply ${file} on cluster lab: ${plan.moves.length} migrations to run, `))
    expect(r.stdout).toContain(`[ 1/${plan.moves.length}] start   ${plan.moves[0].name} (${plan.moves[0].vmid}) pve1 → ${plan.moves[0].to}`)
    expect(r.stdout).toMatch(new RegExp(`\\n${plan.moves.length} of ${plan.moves.length} migrations done; \\d+ GiB moved in [0-9.]+ m?s\\.\\n$`))

    // The journal is this plan's: another plan cannot be resumed from it, and it cannot be started over.
    const other = writePlan(emu, dir, {balance: {threshold: 5}}, 'other.json')
    const foreign = await cli(emu, dir, ['apply', other.file, '--yes', '--resume', '--journal', join(dir, 'plan.journal.jsonl')])
    expect(foreign.status).toBe(1)
    expect(foreign.stderr).toMatch(/^error: .*plan\.journal\.jsonl:1:\/plan\/hash: this journal belongs to another plan \([0-9a-f]{12}, made from snapshot [0-9a-f]{12}\), not to .*other\.json \([0-9a-f]{12}\): give the journal of this plan with --journal, or the plan this journal was written for\n$/)
    const again = await cli(emu, dir, ['apply', file, '--yes'])
    expect(again.status).toBe(4)
    expect(again.stderr).toMatch(/^error: .*plan\.journal\.jsonl already holds a run of this plan; nothing was moved\nerror: continue that run with --resume, or move the journal away \(or give another with --journal\) to start over\n$/)
  })

  test('the moves follow the plan: running VMs live (with local disks), containers by restart, stopped guests offline', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const {file} = writePlan(emu, dir)
    await cli(emu, dir, ['apply', file, '--yes'])
    const request = (vmid: number) => journalRecords(join(dir, 'plan.journal.jsonl')).find((rec) => rec.event === 'move-started' && rec.move?.vmid === vmid)!.request
    expect(request(105)).toEqual({method: 'POST', path: '/nodes/pve1/qemu/105/migrate', params: {target: expect.any(String), online: true}})
    expect(request(206)!.params).toMatchObject({online: true, 'with-local-disks': true})
    expect(request(201)!.params).toMatchObject({restart: true, timeout: 180})
    expect(request(203)!.params).toEqual({target: expect.any(String)})
    expect(request(202)!.params).toEqual({target: expect.any(String)})
  })

  test('--dry-run prints every request it would send, sends none and writes nothing', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--dry-run'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`Dry run, nothing was sent: proxlb would send these ${plan.moves.length} requests to ${emu.url}, each when a slot frees and its target has room (the busiest nodes first):`)
    expect(r.stdout).toMatch(/\n {2}POST \/nodes\/pve1\/qemu\/206\/migrate {2}target=pve\d online=1 with-local-disks=1 {4}# disk-a, wave \d+\n/)
    expect(r.stdout).toMatch(/\n {2}POST \/nodes\/pve1\/lxc\/201\/migrate {2}target=pve\d restart=1 timeout=180 {4}# ct-b, wave \d+\n/)
    expect(emu.calls().filter((c) => c.method !== 'GET')).toEqual([])
    expect(existsSync(join(dir, 'plan.journal.jsonl'))).toBe(false)

    const json = await cli(emu, dir, ['apply', file, '--dry-run', '--json'])
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines).toHaveLength(plan.moves.length)
    expect(lines[0]).toEqual({format: 'proxlb.event/v1', type: 'request', method: 'POST', path: `/nodes/pve1/qemu/${plan.moves[0].vmid}/migrate`, params: {target: plan.moves[0].to, online: true}, move: {index: 0, vmid: plan.moves[0].vmid, name: plan.moves[0].name, from: 'pve1', to: plan.moves[0].to, wave: 1}})
  })

  test('--json streams one event per line: run-started, each move, run-ended', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--yes', '--json'])
    expect(r.status).toBe(0)
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(events[0]).toMatchObject({format: 'proxlb.event/v1', type: 'run-started', moves: plan.moves.length, parallel: 4, perNode: 2, resumed: false})
    expect(events.at(-1)).toMatchObject({format: 'proxlb.event/v1', type: 'run-ended', status: 'completed', done: plan.moves.length, failed: 0})
    expect(events.filter((e) => e.type === 'move-done').map((e) => e.move.vmid).sort()).toEqual(plan.moves.map((m) => m.vmid).sort())
    for (const e of events) expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  test('without --yes and without a terminal to ask on: refused with exit 4, nothing sent or written', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file])
    expect(r.status).toBe(4)
    expect(r.stderr).toBe(`error: not confirmed: ${plan.moves.length} migrations would start, and there is no terminal to ask on; pass --yes to go ahead; nothing was moved\n`)
    expect(migrationRequests(emu)).toEqual([])
    expect(existsSync(join(dir, 'plan.journal.jsonl'))).toBe(false)
    // The cluster lock was taken and given back.
    expect(emu.calls().filter((c) => c.path === '/pools' && c.method !== 'GET').map((c) => `${c.method} ${c.status}`)).toEqual(['POST 200', 'DELETE 200'])
    expect(await clusterLock(emu)).toBeUndefined()
  })

  test.runIf(existsSync('/usr/bin/script'))('on a terminal: the moves are shown, proxlb asks, and "y" starts the run with the live view', async () => {
    const emu = await emulator({snapshot: smallCluster(), migration: {bandwidth: 32 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const question = `Migrate ${plan.moves.length} guests in cluster lab now? [y/N] `
    const {status, screen} = await onTerminal(emu, dir, ['apply', file], (seen) => (seen.includes(question) ? 'y\r' : undefined))
    expect(status).toBe(0)
    expect(screen).toContain(`proxlb apply ${file} on cluster lab: ${plan.moves.length} migrations to run`)
    expect(screen).toMatch(new RegExp(`plan\\.json: \\d+/${plan.moves.length} done · `))
    expect(screen).toContain('\x1b[0J')
    expect(screen).toContain(`${plan.moves.length} of ${plan.moves.length} migrations done`)
    const where = placement(emu)
    for (const m of plan.moves) expect(where.get(m.vmid)).toBe(m.to)
  })

  test.runIf(existsSync('/usr/bin/script'))('on a terminal, Ctrl-C at the question is a no: exit 4, nothing moved, no lock left', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const question = `Migrate ${plan.moves.length} guests in cluster lab now? [y/N] `
    const {status, screen} = await onTerminal(emu, dir, ['apply', file], (seen) => (seen.includes(question) ? '\x03' : undefined))
    expect(status).toBe(4)
    expect(screen).toContain('error: not confirmed; nothing was moved')
    expect(acceptedMigrations(emu).size).toBe(0)
    expect(existsSync(join(dir, 'state')) ? readdirSync(join(dir, 'state')) : []).toEqual([])
    expect(await clusterLock(emu)).toBeUndefined()
  })

  test('a stale plan is refused with what changed, exit 4; --replan plans again from the live cluster and carries that out', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    // Someone moves one planned guest elsewhere and takes a node down before the apply.
    const moved = plan.moves[2]
    await waitForTask(direct(emu), (await direct(emu).post(`/nodes/pve1/qemu/${moved.vmid}/migrate`, {target: 'pve3', online: '1'})).body.data)
    const downTarget = plan.moves.find((m) => m.to !== 'pve3' && m.vmid !== moved.vmid)!.to
    emu.faults.nodeDown(downTarget)

    const stale = await cli(emu, dir, ['apply', file, '--yes'])
    expect(stale.status).toBe(4)
    const lines = stale.stderr.trim().split('\n').filter((l) => l.startsWith('error:'))
    expect(stale.stderr).toContain(`warning: node ${downTarget} is offline`)
    expect(lines[0]).toMatch(new RegExp(`^error: ${file} is stale: \\d+ moves no longer match the live cluster; nothing was moved:$`))
    expect(lines).toContain(`error:   ${moved.name} (${moved.vmid}): is now on pve3; the plan moves it from pve1`)
    const toDown = plan.moves.find((m) => m.to === downTarget)!
    expect(lines).toContain(`error:   ${toDown.name} (${toDown.vmid}): the target ${downTarget} is offline`)
    expect(lines.at(-1)).toBe("error: make a new plan from the live cluster (proxlb plan --out FILE), or let apply plan again with the plan's policy: --replan")
    expect(acceptedMigrations(emu).size).toBe(1)

    const replanned = await cli(emu, dir, ['apply', file, '--yes', '--replan'])
    expect(replanned.status).toBe(0)
    expect(replanned.stderr).toMatch(new RegExp(`\n${file} is stale \\(\\d+ changed\\); planned again from the live cluster:\\nproxlb plan for cluster lab\\n`))
    const fresh = JSON.parse(readFileSync(join(dir, 'plan.replanned.json'), 'utf8'))
    expect(fresh.moves.every((m: {to: string}) => m.to !== downTarget)).toBe(true)
    const where = placement(emu)
    for (const m of fresh.moves) expect(where.get(m.vmid)).toBe(m.to)
    expect(journalRecords(join(dir, 'plan.replanned.journal.jsonl')).at(-1)).toMatchObject({event: 'run-ended', summary: {status: 'completed'}})
  })

  test('two applies cannot both run: the second is refused (exit 4) while the first holds the cluster', async () => {
    const emu = await emulator({migration: {bandwidth: 32 * GiB}})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const first = spawnCli(emu, dir, ['apply', file, '--yes'])
    await waitForJournal(join(dir, 'plan.journal.jsonl'), 'move-accepted')
    const other = writePlan(emu, dir, undefined, 'other.json')
    const second = await cli(emu, dir, ['apply', other.file, '--yes'])
    expect(second.status).toBe(4)
    expect(second.stderr).toMatch(
      new RegExp(`^error: another proxlb holds the cluster: proxlb apply ${file} \\(run \\d{8}T\\d{6}Z-[0-9a-f]{6}, API token proxlb@pve!apply on [^,]+, pid \\d+, since [0-9T:-]+Z\\), until [0-9T:-]+Z; nothing was moved\nerror: wait for it to finish; if that run is gone for good \\(its machine is down\\), remove the lock with pvesh delete /pools --poolid proxlb-lock on a node \\(or Datacenter → Permissions → Pools in the web UI\\), or wait until [0-9T:-]+Z, when proxlb takes it over\n$`),
    )
    expect(existsSync(join(dir, 'other.journal.jsonl'))).toBe(false)
    expect((await first.result).status).toBe(0)
    expectConsistent(emu, crowdedCluster(), plan, join(dir, 'plan.journal.jsonl'))
  })

  test('no apply starts while a guest is being migrated by someone else (another host, the GUI)', async () => {
    const emu = await emulator({migration: {bandwidth: 2 * GiB}})
    const dir = tempDir()
    const {file} = writePlan(emu, dir)
    await direct(emu).post('/nodes/pve2/qemu/300/migrate', {target: 'pve3', online: '1'})
    const r = await cli(emu, dir, ['apply', file, '--yes'])
    expect(r.status).toBe(4)
    expect(r.stderr).toBe('error: a migration is already running in cluster lab (another proxlb, the GUI or the HA manager); nothing was moved\nerror:   db-1 (300) on pve2 is locked (migrate)\nerror: wait until it has finished, then try again\n')
    expect(acceptedMigrations(emu).size).toBe(1)
  })
})
