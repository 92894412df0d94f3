/**
 * --json against a cluster (the emulator over HTTPS), as a pipeline runs it: apply and drain
 * print one event per line ending with run-ended, or, when refused or failing, an error
 * document (schemas/error.v1.json) with the exit code unchanged; drain --plan-only prints
 * its plan; snapshot and emulate print one document each. Every line is checked against
 * its schema.
 */
import {spawn} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {ROOT} from '../helpers/cli.js'
import {expectValid, jsonLines, singleDocument} from '../helpers/outputs.js'
import {tokenSession, waitForTask} from '../emulator/helpers.js'
import {cli, emulatorPerTest, placement, smallCluster, tempDir, TOKEN, writePlan} from './helpers.js'

const emulator = emulatorPerTest()

/** The events of a run: each valid, the first run-started, the last run-ended. */
function expectRun(stdout: string): Record<string, unknown>[] {
  const events = jsonLines(stdout)
  for (const e of events) expectValid(e, 'event')
  expect(events[0]).toMatchObject({format: 'proxlb.event/v1', type: 'run-started'})
  expect(events.at(-1)).toMatchObject({format: 'proxlb.event/v1', type: 'run-ended'})
  return events
}

describe('--json against a cluster', () => {
  test('apply --json: events of proxlb.event/v1, the last run-ended; the journal lines are proxlb.journal/v1', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--yes', '--json'])
    expect(r.status).toBe(0)
    const events = expectRun(r.stdout)
    expect(events.at(-1)).toMatchObject({status: 'completed', done: plan.moves.length})
    for (const line of jsonLines(readFileSync(join(dir, 'plan.journal.jsonl'), 'utf8'))) expectValid(line, 'journal')
  })

  test('apply --dry-run --json: one request line per API request, each proxlb.event/v1', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--dry-run', '--json'])
    expect(r.status).toBe(0)
    const lines = jsonLines(r.stdout)
    expect(lines).toHaveLength(plan.moves.length)
    for (const line of lines) expectValid(line, 'event')
  })

  test('a refused apply --json (stale plan): the error document on stdout, exit 4, nothing moved', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file, plan} = writePlan(emu, dir)
    const direct = tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`)
    const moved = plan.moves[0]
    await waitForTask(direct, (await direct.post(`/nodes/pve1/qemu/${moved.vmid}/migrate`, {target: 'pve3', online: '1'})).body.data)
    const before = placement(emu)
    const r = await cli(emu, dir, ['apply', file, '--yes', '--json'])
    expect(r.status).toBe(4)
    const lines = jsonLines(r.stdout)
    expect(lines).toHaveLength(1)
    expectValid(lines[0], 'error')
    expect(lines[0]).toMatchObject({format: 'proxlb.error/v1', error: {code: 'stale-plan', exitCode: 4, message: expect.stringContaining(`${file} is stale`), details: expect.arrayContaining([expect.stringContaining(`${moved.name} (${moved.vmid}): is now on pve3`)])}})
    expect(r.stderr).toMatch(/^error: .* is stale/m)
    expect(placement(emu)).toEqual(before)
  })

  test('apply --json without --yes and no terminal: not-confirmed, exit 4', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--json'])
    expect(r.status).toBe(4)
    const last = jsonLines(r.stdout).at(-1)!
    expectValid(last, 'error')
    expect(last).toMatchObject({error: {code: 'not-confirmed', exitCode: 4}})
  })

  test('apply --json with a wrong password: one error document, exit 1', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const {file} = writePlan(emu, dir)
    const r = await cli(emu, dir, ['apply', file, '--yes', '--json'], {PROXLB_TOKEN_SECRET: 'wrong'})
    expect(r.status).toBe(1)
    const doc = singleDocument(r.stdout)
    expectValid(doc, 'error')
    expect(JSON.stringify(doc)).not.toContain('wrong')
  })

  test('drain --plan-only --json prints the plan (proxlb.plan/v1); --detailed-exitcode: 2 when it moves guests, 0 when nothing', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const r = await cli(emu, dir, ['drain', 'pve1', '--plan-only', '--json'])
    expect(r.status).toBe(0)
    const plan = singleDocument(r.stdout) as {moves: {from: string}[]}
    expectValid(plan, 'plan')
    expect(plan.moves.length).toBeGreaterThan(0)
    expect(new Set(plan.moves.map((m) => m.from))).toEqual(new Set(['pve1']))
    const detailed = await cli(emu, dir, ['drain', 'pve1', '--plan-only', '--json', '--detailed-exitcode'])
    expect(detailed.status).toBe(2)
    expectValid(singleDocument(detailed.stdout), 'plan')
    // pve5 holds no guest: nothing to move.
    expect((await cli(emu, dir, ['drain', 'pve5', '--plan-only', '--detailed-exitcode'])).status).toBe(0)
  })

  test('drain --json: the run as events, ending with run-ended; a drain that would leave guests behind: the error document, exit 4', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const blocked = await cli(emu, dir, ['drain', 'pve1', '--yes', '--json'])
    expect(blocked.status).toBe(4)
    const error = singleDocument(blocked.stdout)
    expectValid(error, 'error')
    expect(error).toMatchObject({error: {code: 'drain-blocked', details: expect.arrayContaining([expect.stringContaining('gpu (207)')])}})
    const r = await cli(emu, dir, ['drain', 'pve1', '--yes', '--force', '--json'])
    expect(r.status).toBe(0)
    expect(expectRun(r.stdout).at(-1)).toMatchObject({status: 'completed'})
  })

  test('snapshot --json: the snapshot to stdout; with --out, a proxlb.snapshot-summary/v1', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    const r = await cli(emu, dir, ['snapshot', '--json'])
    expect(r.status).toBe(0)
    expectValid(singleDocument(r.stdout), 'snapshot')
    const out = await cli(emu, dir, ['snapshot', '--json', '--out', join(dir, 'cluster.json')])
    expect(out.status).toBe(0)
    const summary = singleDocument(out.stdout)
    expectValid(summary, 'snapshot-summary')
    expect(summary).toMatchObject({file: join(dir, 'cluster.json'), cluster: 'lab', nodes: 5})
  })
})

/** The first line a long-running command prints on stdout; the child is stopped after `check`. */
async function firstLine(args: string[], check: (line: string) => void, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, CI: '1', NO_COLOR: '1', ...env}})
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      let err = ''
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk
        if (out.includes('\n')) resolve(out.split('\n')[0])
      })
      child.on('close', (code) => reject(new Error(`proxlb ${args[0]} ended with ${code}: ${err}`)))
    })
    check(line)
  } finally {
    child.kill('SIGTERM')
  }
}

describe('long-running commands under --json: one line once they listen', () => {
  test('emulate --json: proxlb.emulator/v1, where, the certificate, who may log in, no secret given', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'users'), 'ops@pve:s3cret-pw\n')
    await firstLine(['emulate', '--port', '0', '--json', '--users-file', join(dir, 'users'), '--token', 'ops@pve!ci=0f2c0a1e'], (line) => {
      const doc = JSON.parse(line)
      expectValid(doc, 'emulator')
      expect(doc).toMatchObject({format: 'proxlb.emulator/v1', address: '127.0.0.1', protocol: 'https', users: ['ops@pve'], tokens: ['ops@pve!ci'], fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)})
      expect(doc.port).toBeGreaterThan(0)
      expect(line).not.toContain('s3cret-pw')
      expect(line).not.toContain('0f2c0a1e')
      expect(doc.defaultLogin).toBeUndefined()
    })
  })

  test('serve --json: proxlb.serve/v1, the page and the cluster it acts on', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    await firstLine(['serve', '--listen', '127.0.0.1:0', '--host', emu.url, '--fingerprint', emu.fingerprint!, '--json'], (line) => {
      const doc = JSON.parse(line)
      expectValid(doc, 'serve')
      expect(doc).toMatchObject({format: 'proxlb.serve/v1', url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), cluster: [new URL(emu.url).origin]})
    }, {PROXLB_STATE_DIR: join(dir, 'state'), PROXLB_CONFIG: ''})
  })

  test('balance --daemon --json: a failed cycle is an error document with its cycle, and the service goes on', async () => {
    const emu = await emulator({snapshot: smallCluster()})
    const dir = tempDir()
    writeFileSync(join(dir, 'token'), TOKEN.secret + '\n', {mode: 0o600})
    writeFileSync(join(dir, 'proxlb.yaml'), `apiVersion: proxlb/v1\nkind: Config\nconnection:\n  hosts: [${emu.url}]\n  tokenId: ${TOKEN.tokenid}\n  tokenSecretFile: token\n  fingerprints: ["${emu.fingerprint}"]\n`)
    emu.faults.errorRate(1, 503)
    await firstLine(['balance', '-c', join(dir, 'proxlb.yaml'), '--daemon', '--every', '1h', '--retries', '0', '--json'], (line) => {
      const doc = JSON.parse(line)
      expectValid(doc, 'error')
      expect(doc).toMatchObject({format: 'proxlb.error/v1', cycle: 1, error: {message: expect.stringContaining('503')}})
    }, {PROXLB_STATE_DIR: join(dir, 'state')})
  })
})
