/**
 * `proxlb balance` against the emulator, configured the way a service is: a config file
 * naming the cluster, the token's secret file and a policy. Once; as a dry run; as a daemon
 * on a short schedule that survives an API outage, reloads its config on SIGHUP and stops
 * on SIGTERM, finishing the migrations under way first.
 */
import {spawn} from 'node:child_process'
import {readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {GiB} from '../helpers/builders.js'
import {type CliResult, proxlbAsync, ROOT} from '../helpers/cli.js'
import {acceptedMigrations, emulatorPerTest, journalRecords, tempDir, TOKEN} from './helpers.js'

const emulator = emulatorPerTest()

/** A proxlb config for the emulator, with a policy that spreads pve1's guests over the others. */
function configFile(emu: Emulator, dir: string, service = ''): string {
  writeFileSync(join(dir, 'token'), TOKEN.secret + '\n', {mode: 0o600})
  writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: proxlb/v1\nbalance: {threshold: 15}\nmigration: {withLocalDisks: true}\nlimits: {parallel: 4, perNode: 2}\n')
  const file = join(dir, 'proxlb.yaml')
  writeFileSync(file, `apiVersion: proxlb/v1\nkind: Config\nconnection:\n  hosts: [${emu.url}]\n  tokenId: ${TOKEN.tokenid}\n  tokenSecretFile: token\n  fingerprints: ["${emu.fingerprint}"]\npolicy: policy.yaml\n${service}`)
  return file
}

const env = (dir: string) => ({PROXLB_STATE_DIR: join(dir, 'state'), CI: '1'})

/** The daemon as a child process, its stderr watched line by line. */
function daemon(args: string[], dir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {env: {...process.env, ...env(dir)}, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  const waiters: {pattern: RegExp; resolve: () => void}[] = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    for (const w of [...waiters]) if (w.pattern.test(stderr)) waiters.splice(waiters.indexOf(w), 1) && w.resolve()
  })
  const result = new Promise<CliResult>((resolve) => child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr})))
  const until = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(stderr)) return resolve()
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in stderr after ${timeoutMs} ms:\n${stderr}`)), timeoutMs)
      waiters.push({pattern, resolve: () => (clearTimeout(timer), resolve())})
    })
  return {child, result, until}
}

describe('proxlb balance', () => {
  test('once: plans with the config\'s policy and carries the plan out; a second run has nothing to do', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const config = configFile(emu, dir)
    const r = await proxlbAsync(['balance', '-c', config], {env: env(dir)})
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^\S+Z info {4}cycle 1: cluster lab: \d+ migrations in \d+ waves, .* within the threshold of 15\.\n/)
    expect(r.stderr).toMatch(/\n\S+Z info {4}cycle 1: Finished: \d+ done; .* moved in .*\n$/)
    const moved = acceptedMigrations(emu).size
    expect(moved).toBeGreaterThan(5)
    const journals = readdirSync(join(dir, 'state')).filter((f) => f.endsWith('.journal.jsonl'))
    expect(journals).toEqual([expect.stringMatching(/^balance-lab-\d{8}T\d{6}Z\.journal\.jsonl$/)])
    expect(journalRecords(join(dir, 'state', journals[0])).at(-1)).toMatchObject({event: 'run-ended', summary: {status: 'completed', done: moved}})

    const again = await proxlbAsync(['balance', '-c', config], {env: env(dir)})
    expect(again.status).toBe(0)
    expect(again.stderr).toMatch(/cycle 1: cluster lab: Nothing to do: the spread is [0-9.]+ points, within the threshold of 15\.\n/)
    expect(acceptedMigrations(emu).size).toBe(moved)
  })

  test("reads the original ProxLB's INI file: connection, [balancing] as the policy, [service]", async () => {
    const emu = await emulator()
    const dir = tempDir()
    const ini = join(dir, 'proxlb.conf')
    writeFileSync(ini, `[proxmox]\napi_host: ${emu.url}\napi_user: root@pam\napi_pass: proxlb\n\n[balancing]\nenable: 1\nmethod: memory\nmode: used\ntype: all\nbalanciness: 15\n\n[service]\ndaemon: 0\nschedule: 24\n`, {mode: 0o600})
    const r = await proxlbAsync(['balance', '-c', ini, '--fingerprint', emu.fingerprint!], {env: env(dir)})
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/cycle 1: cluster lab: \d+ migrations in \d+ waves, .* within the threshold of 15\.\n/)
    expect(acceptedMigrations(emu).size).toBeGreaterThan(5)
  })

  test('--dry-run --json: the plan on stdout as JSON, nothing moved', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const r = await proxlbAsync(['balance', '-c', configFile(emu, dir), '-d', '-j', '--log-format', 'json'], {env: env(dir)})
    expect(r.status).toBe(0)
    const [line, ...rest] = r.stdout.trim().split('\n')
    expect(rest).toEqual([])
    const planned = JSON.parse(line)
    expect(planned).toMatchObject({format: 'proxlb.event/v1', type: 'cycle-planned', cycle: 1, plan: {format: 'proxlb.plan/v1', summary: {status: 'changes'}}})
    const logs = r.stderr.trim().split('\n').map((l) => JSON.parse(l))
    expect(logs.at(-1)).toMatchObject({level: 'info', message: 'cycle 1: dry run: nothing moved', cycle: 1})
    expect(acceptedMigrations(emu).size).toBe(0)
  })

  test('--daemon on a 2 s schedule: survives an API outage, balances in the next cycle, reloads on SIGHUP, stops on SIGTERM', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const config = configFile(emu, dir)
    emu.faults.errorRate(1, 503)
    const service = daemon(['balance', '-c', config, '--daemon', '--every', '2s', '--retries', '0'], dir)
    await service.until(/cycle 1 failed: .*503.*; trying again next cycle\n/)
    emu.faults.reset()
    await service.until(/cycle 2: Finished: \d+ done/)
    service.child.kill('SIGHUP')
    await service.until(/SIGHUP: the config is read again before the next cycle\n/)
    await service.until(/config read again: a cycle every 2s\n[^\n]*cycle 3: cluster lab: Nothing to do/)
    service.child.kill('SIGTERM')
    const r = await service.result
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/balance service started: a cycle every 2s\n/)
    expect(r.stderr).toMatch(/SIGTERM: stopping\n\S+ info {4}balance service stopped\n$/)
    expect(acceptedMigrations(emu).size).toBeGreaterThan(5)
  })

  test('SIGTERM in the middle of a cycle: the migrations under way finish and are journaled, nothing new starts, exit 0', async () => {
    const emu = await emulator({migration: {bandwidth: 8 * GiB}})
    const dir = tempDir()
    const service = daemon(['balance', '-c', configFile(emu, dir, 'service: {daemon: true, interval: 1h}\n')], dir)
    await service.until(/\[ *2\/\d+\] start /)
    service.child.kill('SIGTERM')
    const r = await service.result
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('SIGTERM: finishing the migrations under way, starting no new one; SIGTERM again to stop waiting')
    expect(r.stderr).toMatch(/cycle 1: Interrupted: \d+ done, \d+ not finished; .*\n\S+ info {4}balance service stopped\n$/)
    expect(emu.state().guests.filter((g) => g.lock === 'migrate')).toEqual([])
    const journal = readdirSync(join(dir, 'state')).find((f) => f.endsWith('.journal.jsonl'))!
    const records = journalRecords(join(dir, 'state', journal))
    expect(records.at(-1)).toMatchObject({event: 'run-ended', reason: 'stopped by SIGTERM', summary: {status: 'interrupted'}})
    const started = records.filter((rec) => rec.event === 'move-started').map((rec) => rec.move!.index)
    for (const index of started) expect(records.some((rec) => rec.event === 'move-verified' && rec.move!.index === index)).toBe(true)
  })
})
