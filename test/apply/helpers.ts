/**
 * What the apply tests share: a cluster with a crowded node (guests of every kind a
 * migration cares about: running VMs, containers, stopped guests, HA-managed ones, local
 * disks), an emulator serving it over HTTPS, plans made from the emulator's live state,
 * the CLI run against it as a child process with its own state folder, and the checks
 * every fault test ends with: each guest on exactly one node, no migration issued twice,
 * the journal accounting for every move.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, expect} from 'vitest'
import {moveStandings, readJournal, type JournalRecord} from '../../src/apply/journal.js'
import {type Emulator, type EmulatorOptions, startEmulator} from '../../src/emulator/index.js'
import {prettyJson, sha256Of} from '../../src/model/canonical.js'
import type {Plan} from '../../src/model/plan.js'
import type {Policy} from '../../src/model/policy.js'
import type {Snapshot} from '../../src/model/snapshot.js'
import {planRebalance} from '../../src/planner/index.js'
import {type CliResult, proxlbAsync, ROOT} from '../helpers/cli.js'
import {policy as normalized, snapshot, type GuestSpec} from '../helpers/builders.js'
import {tokenSession} from '../emulator/helpers.js'

export const TOKEN = {tokenid: 'proxlb@pve!apply', secret: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b'}

/**
 * Five nodes; pve1 carries `plainVms` VMs of 1-6 GiB (default 24) and 8 guests of every
 * other kind: containers running and stopped, a stopped VM, two HA guests, one with a
 * local disk, one with a PCI device (it cannot leave).
 */
export function crowdedCluster(plainVms = 24): Snapshot {
  const guests: GuestSpec[] = []
  for (let i = 0; i < plainVms; i++) guests.push({vmid: 100 + i, node: 'pve1', memory: 1 + (i % 6), name: `vm-${String(i).padStart(2, '0')}`})
  guests.push(
    {vmid: 200, node: 'pve1', memory: 1, name: 'ct-a', type: 'lxc'},
    {vmid: 201, node: 'pve1', memory: 2, name: 'ct-b', type: 'lxc'},
    {vmid: 202, node: 'pve1', memory: 2, name: 'ct-off', type: 'lxc', status: 'stopped'},
    {vmid: 203, node: 'pve1', memory: 4, name: 'vm-off', status: 'stopped'},
    {vmid: 204, node: 'pve1', memory: 4, name: 'ha-a', ha: true},
    {vmid: 205, node: 'pve1', memory: 4, name: 'ha-b', ha: true},
    {vmid: 206, node: 'pve1', memory: 3, name: 'disk-a', localDisk: 8},
    {vmid: 207, node: 'pve1', memory: 2, name: 'gpu', localResources: ['hostpci0']},
    {vmid: 300, node: 'pve2', memory: 8, name: 'db-1'},
    {vmid: 301, node: 'pve3', memory: 8, name: 'db-2'},
  )
  return snapshot(
    [{name: 'pve1', memory: 256, cores: 64}, {name: 'pve2', memory: 128}, {name: 'pve3', memory: 128}, {name: 'pve4', memory: 128}, {name: 'pve5', memory: 128}],
    guests,
    {cluster: {name: 'lab', quorate: true}},
  )
}

/** Empties pve1: every guest that can leave moves; nothing else. */
export const EVACUATE: Omit<Policy, 'apiVersion'> = {
  balance: {threshold: 100},
  maintenance: {nodes: ['pve1']},
  migration: {withLocalDisks: true},
  limits: {parallel: 4, perNode: 2},
}

/** Instant migrations unless a bandwidth is given; the HA manager acts within 50 ms (PVE: up to 10 s). */
export async function labEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const migration = {instant: options.migration?.bandwidth === undefined, haDelayMs: 50, ...options.migration}
  return startEmulator({snapshot: crowdedCluster(), port: 0, tokens: [{...TOKEN}], ...options, migration})
}

/** The crowded cluster with 8 plain VMs instead of 24: 16 moves, for tests that run a plan several times. */
export const smallCluster = () => crowdedCluster(8)

/** `emulator(options)` for tests of this file: each closed after its test. */
export function emulatorPerTest(): (options?: Partial<EmulatorOptions>) => Promise<Emulator> {
  const open: Emulator[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()))
  })
  return async (options = {}) => {
    const emu = await labEmulator(options)
    open.push(emu)
    return emu
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'proxlb-apply-'))
}

/** A plan of the emulator's cluster as it is now, written to DIR/plan.json. */
export function writePlan(emu: Emulator, dir: string, document: Omit<Policy, 'apiVersion'> = EVACUATE, name = 'plan.json'): {file: string; plan: Plan} {
  const live = emu.state()
  const p = normalized(document)
  const plan = planRebalance(live, p, {
    createdAt: '2026-11-21T10:00:00Z',
    toolVersion: '0.0.0-test',
    snapshot: {fingerprint: live.fingerprint!, takenAt: live.takenAt, cluster: live.cluster.name},
    policy: {document: p, hash: sha256Of(p)},
  })
  const file = join(dir, name)
  writeFileSync(file, prettyJson(plan))
  return {file, plan}
}

/** Connection arguments for the emulator (API token, pinned certificate). */
export function connect(emu: Emulator, args: readonly string[] = []): string[] {
  const login = args.includes('--user') ? [] : ['--token-id', TOKEN.tokenid]
  return ['--host', emu.url, '--fingerprint', emu.fingerprint!, ...login]
}

export function cli(emu: Emulator, dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return proxlbAsync([...args, ...connect(emu, args)], {env: {PROXLB_TOKEN_SECRET: TOKEN.secret, PROXLB_STATE_DIR: join(dir, 'state'), CI: '1', ...env}})
}

/** Accepted migration requests per guest (a refused or failed request migrated nothing). */
export function acceptedMigrations(emu: Emulator): Map<number, number> {
  const counts = new Map<number, number>()
  for (const call of emu.calls()) {
    const m = /^\/nodes\/[^/]+\/(?:qemu|lxc)\/(\d+)\/migrate$/.exec(call.path)
    if (call.method === 'POST' && m && call.status === 200) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1)
  }
  return counts
}

export function journalRecords(file: string): JournalRecord[] {
  return readJournal(readFileSync(file, 'utf8'), file).records
}

/**
 * The checks after every run: each guest of the seed on exactly one existing node, no
 * guest migrated twice, and the journal with an outcome for every move that was tried.
 */
export function expectConsistent(emu: Emulator, seed: Snapshot, plan: Plan, journal: string): void {
  const state = emu.state()
  const nodes = new Set(state.nodes.map((n) => n.name))
  expect(state.guests.map((g) => g.vmid).sort((a, b) => a - b)).toEqual(seed.guests.map((g) => g.vmid).sort((a, b) => a - b))
  for (const g of state.guests) expect(nodes.has(g.node), `guest ${g.vmid} on ${g.node}`).toBe(true)
  // A guest migrates once; a second request only ever follows a first that failed (a resume tries it again).
  const records = journalRecords(journal)
  for (const [vmid, count] of acceptedMigrations(emu)) {
    const index = plan.moves.findIndex((m) => m.vmid === vmid)
    const attempts: JournalRecord[][] = []
    for (const r of records.filter((rec) => rec.move?.index === index)) {
      if (r.event === 'move-started') attempts.push([])
      attempts.at(-1)?.push(r)
    }
    expect(count, `migrations of guest ${vmid}`).toBeLessThanOrEqual(Math.max(1, attempts.length))
    // An attempt whose request never reached Proxmox (a resume found no task and the guest
    // unlocked where it was) has no move-accepted and is simply tried again; one that was
    // accepted may only be followed by another when it failed.
    const accepted = attempts.filter((attempt) => attempt.some((r) => r.event === 'move-accepted'))
    for (const attempt of accepted.slice(0, -1)) expect(attempt.some((r) => r.event === 'move-finished' && r.outcome === 'failed'), `an earlier accepted migration of guest ${vmid} that did not fail`).toBe(true)
  }
  const standings = moveStandings(records, plan.moves.length)
  const started = new Set(records.flatMap((r) => (r.event === 'move-started' ? [r.move!.index] : [])))
  for (const index of started) expect(['verified', 'failed', 'skipped'], `move ${index} in the journal`).toContain(standings[index].phase)
  for (const [vmid] of acceptedMigrations(emu)) {
    const index = plan.moves.findIndex((m) => m.vmid === vmid)
    expect(index, `guest ${vmid} migrated but not in the plan`).toBeGreaterThanOrEqual(0)
    expect(started.has(index), `guest ${vmid} migrated without a journal record`).toBe(true)
  }
}

/** The comment of the cluster lock (pool proxlb-lock) as the cluster holds it now; undefined when nobody holds it. */
export async function clusterLock(emu: Emulator): Promise<string | undefined> {
  const r = await tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`).get('/pools?poolid=proxlb-lock')
  return r.status === 200 ? r.body.data[0].comment : undefined
}

/** Migration requests answered, accepted or not. */
export function migrationRequests(emu: Emulator): {path: string; status: number}[] {
  return emu.calls().filter((c) => c.method === 'POST' && /\/migrate$/.test(c.path))
}

/** Where each guest is, by vmid. */
export function placement(emu: Emulator): Map<number, string> {
  return new Map(emu.state().guests.map((g) => [g.vmid, g.node]))
}

export interface Running {
  child: ChildProcess
  result: Promise<CliResult>
}

/** The CLI as a child process we can signal (SIGINT, SIGTERM, SIGKILL). */
export function spawnCli(emu: Emulator, dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args, ...connect(emu, args)], {
    env: {...process.env, NO_COLOR: '1', PROXLB_TOKEN_SECRET: TOKEN.secret, PROXLB_STATE_DIR: join(dir, 'state'), CI: '1', ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const result = new Promise<CliResult>((resolve) => child.on('close', (status, signal) => resolve({status: status ?? (signal ? 128 + 9 : -1), stdout, stderr})))
  return {child, result}
}

/** Waits until the journal holds `count` records matching `event` (polling the file). */
export async function waitForJournal(file: string, event: JournalRecord['event'], count = 1, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8')
      const found = text.split('\n').filter((line) => line.includes(`"event":"${event}"`)).length
      if (found >= count) return
    }
    if (Date.now() > deadline) throw new Error(`no ${count} ${event} records in ${file} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * The CLI on a pseudo-terminal (script(1)), as an operator's shell runs it: `answer` sees
 * the screen so far and returns what to type once (or undefined to wait).
 */
export async function onTerminal(emu: Emulator, dir: string, args: string[], answer: (screen: string) => string | undefined): Promise<{status: number; screen: string}> {
  const command = [process.execPath, join(ROOT, 'bin', 'run.js'), ...args, ...connect(emu, args)].map((a) => `'${a}'`).join(' ')
  const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], {env: {...process.env, CI: '', PROXLB_TOKEN_SECRET: TOKEN.secret, PROXLB_STATE_DIR: join(dir, 'state')}, stdio: ['pipe', 'pipe', 'pipe']})
  let screen = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk
    const typed = child.stdin!.writableEnded ? undefined : answer(screen)
    if (typed !== undefined) child.stdin!.end(typed)
  })
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
  return {status, screen}
}
