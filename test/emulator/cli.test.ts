/**
 * `proxlb emulate` as a user runs it: the compiled CLI in a child process, queried over
 * HTTPS, stopped by a signal; bad input refused with one line and exit 1, no secret echoed.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeAll, describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {proxlb, ROOT} from '../helpers/cli.js'
import {call} from './helpers.js'
import {seedCluster} from './helpers.js'

let dir: string
let seedFile: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxlb-emulate-'))
  seedFile = join(dir, 'seed.json')
  writeFileSync(seedFile, JSON.stringify(seedCluster()))
})

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

/** Starts `proxlb emulate ARGS` and resolves with its first stdout line. */
function start(args: string[]): Promise<{child: ChildProcess; line: string; stderr: () => string; exit: Promise<number | null>}> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'emulate', ...args], {cwd: ROOT, env: {...process.env, NO_COLOR: '1'}})
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d))
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d
      if (stdout.includes('\n')) resolve({child, line: stdout.split('\n')[0], stderr: () => stderr, exit})
    })
    void exit.then((code) => reject(new Error(`proxlb emulate exited with ${code}: ${stderr}`)))
  })
}

/** What the test client needs of an emulator it did not start itself. */
function remote(url: string, certificatePem?: string): Emulator {
  return {url, certificatePem} as Emulator
}

describe('proxlb emulate', () => {
  test('serves a snapshot over HTTPS, prints URL, user names and fingerprint, and stops cleanly on SIGTERM', async () => {
    const {child, line, stderr, exit} = await start(['--snapshot', seedFile, '--port', '0', '--user', 'admin@pve:sw0rdfish', '--token', 'admin@pve!ci=0f2c0a1e-9d1b', '--verbose'])
    expect(line).toMatch(/^proxlb emulate: cluster lab \(5 nodes, 13 guests\) at https:\/\/127\.0\.0\.1:\d+; users admin@pve; tokens admin@pve!ci \(secrets as given\); certificate SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}; Ctrl-C stops$/)
    expect(line).not.toContain('sw0rdfish')
    expect(line).not.toContain('0f2c0a1e')
    const url = /at (https:\/\/\S+);/.exec(line)![1]

    // The certificate is self-signed: fetch it the way a user would, by trusting it blindly once.
    const insecure = await call(remote(url), 'POST', '/access/ticket', {form: {username: 'admin@pve', password: 'sw0rdfish'}}).catch((e: Error) => e)
    expect(insecure).toBeInstanceOf(Error)
    const token = await fetchJson(url, '/cluster/resources?type=node', 'PVEAPIToken=admin@pve!ci=0f2c0a1e-9d1b')
    expect(token.data.map((n: {node: string}) => n.node)).toEqual(['pve1', 'pve2', 'pve3', 'pve4', 'pve5'])

    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(stderr()).toMatch(/GET \/cluster\/resources 200 [\d.]+ ms\n/)
    expect(stderr()).toMatch(/proxlb emulate: stopped \(SIGTERM\) after \d+ requests?\n$/)
  })

  test('--http serves plain HTTP; without credentials root@pam logs in with the documented password', async () => {
    const {child, line, exit} = await start(['--snapshot', seedFile, '--port', '0', '--http', '--instant'])
    expect(line).toContain('log in as root@pam with password proxlb')
    expect(line).not.toContain('certificate')
    const url = /at (http:\/\/\S+);/.exec(line)![1]
    const r = await call(remote(url), 'POST', '/access/ticket', {form: {username: 'root@pam', password: 'proxlb'}})
    expect(r.status).toBe(200)
    child.kill('SIGINT')
    expect(await exit).toBe(0)
  })

  test('users and tokens come from a file, privileges included', async () => {
    const users = join(dir, 'users.txt')
    writeFileSync(users, '# who may log in\nauditor@pve:look privileges=VM.Audit,Sys.Audit\n\nroot@pam!ci=abc\n')
    const {child, line} = await start(['--snapshot', seedFile, '--port', '0', '--http', '--users-file', users])
    expect(line).toContain('users auditor@pve; tokens root@pam!ci')
    const url = /at (http:\/\/\S+);/.exec(line)![1]
    const login = await call(remote(url), 'POST', '/access/ticket', {form: {username: 'auditor@pve', password: 'look'}})
    const migrate = await call(remote(url), 'POST', '/nodes/pve1/qemu/107/migrate', {
      headers: {Cookie: `PVEAuthCookie=${encodeURIComponent(login.body.data.ticket)}`, CSRFPreventionToken: login.body.data.CSRFPreventionToken},
      form: {target: 'pve2', online: '1'},
    })
    expect(migrate.status).toBe(403)
    child.kill('SIGTERM')
  })

  test('roles and ACLs from the command line and from user.cfg lines in a users file', async () => {
    const users = join(dir, 'user.cfg')
    writeFileSync(users, 'role:Reader:Sys.Audit,VM.Audit:\ngroup:ops:bob@pve::\nacl:1:/vms:@ops:PVEVMAdmin:\nbob@pve:pw\n')
    const {child, line} = await start(['--snapshot', seedFile, '--port', '0', '--http', '--users-file', users, '--role', 'Auditors:Sys.Audit', '--user', 'alice@pve:pw acl=/:Reader'])
    const url = /at (http:\/\/\S+);/.exec(line)![1]
    const session = async (username: string) => {
      const r = await call(remote(url), 'POST', '/access/ticket', {form: {username, password: 'pw'}})
      const headers = {Cookie: `PVEAuthCookie=${encodeURIComponent(r.body.data.ticket)}`, CSRFPreventionToken: r.body.data.CSRFPreventionToken}
      return (method: string, path: string, form?: Record<string, string>) => call(remote(url), method, path, {headers, ...(form ? {form} : {})})
    }
    const alice = await session('alice@pve')
    expect((await alice('GET', '/cluster/status')).status).toBe(200)
    expect((await alice('POST', '/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).statusText).toBe('Permission check failed (/vms/107, VM.Migrate)')
    const bob = await session('bob@pve')
    expect((await bob('GET', '/cluster/status')).statusText).toBe('Permission check failed (/, Sys.Audit)')
    expect((await bob('POST', '/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).status).toBe(200)
    child.kill('SIGTERM')
  })

  test('bad input: one line naming the problem, exit 1, no secret echoed', async () => {
    const users = join(dir, 'bad-users.txt')
    writeFileSync(users, 'root@pam:fine\nnot-a-user-hunter2\n')
    const cases: [string[], RegExp][] = [
      [['--snapshot', join(dir, 'missing.json')], /^error: cannot read snapshot .*missing\.json: no such file or directory$/],
      [['--user', 'rootpam:hunter2'], /^error: --user #1: expected a user as user@realm:password$/],
      [['--users-file', users], /^error: .*bad-users\.txt:2: expected a user as user@realm:password; see proxlb emulate --help$/],
      [['--bandwidth', 'fast'], /^error: --bandwidth: expected a size per second such as 1GiB or 500MiB, got "fast"$/],
    ]
    for (const [args, message] of cases) {
      const r = proxlb(['emulate', '--port', '0', ...args])
      expect(r.status, args.join(' ')).toBe(1)
      const lines = r.stderr.trim().split('\n')
      expect(lines, r.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(message)
      expect(r.stderr).not.toContain('hunter2')
      expect(r.stdout).toBe('')
    }
  })

  test('a port in use is one clear line', async () => {
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as {port: number}).port
    const r = proxlb(['emulate', '--port', String(port), '--http'])
    busy.close()
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`error: cannot listen on 127.0.0.1:${port}: the port is in use (choose another with --port, or 0 for any free port)\n`)
  })

  test('an invalid snapshot is refused with the problem located', async () => {
    const bad = join(dir, 'bad.json')
    const seed = seedCluster()
    seed.guests[0].node = 'nowhere'
    writeFileSync(bad, JSON.stringify(seed))
    const r = proxlb(['emulate', '--snapshot', bad, '--port', '0'])
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/^error: .*bad\.json:\/guests\/0\/node: guest 100 is on node "nowhere", which is not in \/nodes\n$/)
  })
})

/** GET with an Authorization header, trusting the self-signed certificate (like curl -k). */
async function fetchJson(url: string, path: string, authorization: string): Promise<any> {
  const {request} = await import('node:https')
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/api2/json${path}`, url), {headers: {Authorization: authorization}, rejectUnauthorized: false}, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d))
      res.on('end', () => resolve(JSON.parse(text)))
    })
    req.on('error', reject)
    req.end()
  })
}
