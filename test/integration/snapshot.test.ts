/**
 * `proxlb snapshot` and `proxlb plan` against the Proxmox VE API emulator over real HTTPS
 * on loopback: both ways of logging in, wrong credentials, the three ways of trusting a
 * certificate, fail-over to a second host, a node that is down, bursts of server errors,
 * config files, and no secret anywhere in what proxlb prints or writes.
 */
import {spawn} from 'node:child_process'
import {chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest'
import {type Emulator, startEmulator} from '../../src/emulator/index.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {proxlbAsync, ROOT, type CliResult} from '../helpers/cli.js'
import {SEED} from '../helpers/lab.js'

const PASSWORD = 'correct horse battery staple'
const TOKEN_SECRET = '4f2b8a51-93d0-4c1e-9a8e-5d7c3b2e1f00'
const TOKEN_ID = 'proxlb@pve!ro'

let emulator: Emulator
let dir: string
let passwordFile: string
let caFile: string

beforeAll(async () => {
  emulator = await startEmulator({
    snapshot: SEED,
    port: 0,
    users: [{userid: 'root@pam', password: PASSWORD}],
    tokens: [{tokenid: TOKEN_ID, secret: TOKEN_SECRET}],
    migration: {instant: true},
  })
  dir = mkdtempSync(join(tmpdir(), 'proxlb-live-'))
  passwordFile = join(dir, 'password')
  writeFileSync(passwordFile, PASSWORD + '\n', {mode: 0o600})
  caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, emulator.certificatePem!)
})

afterEach(() => emulator.faults.reset())
afterAll(async () => emulator?.close())

const login = () => ['--host', emulator.url, '--user', 'root@pam', '--password-file', passwordFile, '--ca-file', caFile]

/** Nothing proxlb printed or wrote holds a secret. */
function expectNoSecrets(result: CliResult, ...files: string[]): void {
  for (const text of [result.stdout, result.stderr, ...files.map((f) => readFileSync(f, 'utf8'))]) {
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(TOKEN_SECRET)
    expect(text).not.toMatch(/PVE:[^\s"]+::/)
  }
}

describe('proxlb snapshot against the emulator', () => {
  test('password login, cluster CA: a valid snapshot of the whole cluster, written atomically, summary printed', async () => {
    const out = join(dir, 'cluster.json')
    const r = await proxlbAsync(['snapshot', ...login(), '--out', out])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^Wrote ${out}: cluster lab read from ${emulator.url.replace(/[.[\]]/g, '\\$&')}\n`))
    expect(r.stdout).toContain('3 nodes (1 in maintenance), 9 guests (7 running, 1 template, 1 locked, 1 HA-managed), 1 HA rule')
    const {snapshot: taken, fingerprint} = readSnapshot(readFileSync(out), out)
    expect(taken.fingerprint).toBe(fingerprint)
    expect(taken.source).toMatchObject({kind: 'api', endpoint: emulator.url, cpuWindow: 'sample'})
    expect(taken.guests.map((g) => [g.vmid, g.node, g.type, g.status]).sort()).toEqual(SEED.guests.map((g) => [g.vmid, g.node, g.type, g.status]).sort())
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expectNoSecrets(r, out)
  })

  test('API token from the environment, certificate pinned by fingerprint: snapshot on stdout', async () => {
    // No retries: every connection, not only the first, must show the pinned certificate.
    const r = await proxlbAsync(['snapshot', '--host', emulator.url, '--fingerprint', emulator.fingerprint!, '--retries', '0'], {env: {PROXLB_TOKEN_ID: TOKEN_ID, PROXLB_TOKEN_SECRET: TOKEN_SECRET}})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const {snapshot: taken} = readSnapshot(r.stdout, 'stdout')
    expect(taken.nodes.map((n) => n.name).sort()).toEqual(['pve1', 'pve2', 'pve3'])
    expectNoSecrets(r)
  })

  test.each([
    ['a wrong password', ['--host', 'URL', '--user', 'root@pam', '--password-file', 'WRONG', '--ca-file', 'CA'], {}, 'error: authentication failed for root@pam at URL: check the user name, realm and password (Proxmox said: authentication failure)'],
    ['a wrong token secret', ['--host', 'URL', '--token-id', TOKEN_ID, '--ca-file', 'CA'], {PROXLB_TOKEN_SECRET: 'not-the-secret'}, `error: authentication failed for API token ${TOKEN_ID} at URL: check the token id and secret, and that the token exists and has not expired`],
  ])('%s: one clear line, exit 1, nothing written', async (_, args, env, line) => {
    const wrong = join(dir, 'wrong-password')
    writeFileSync(wrong, 'hunter2\n', {mode: 0o600})
    const out = join(dir, 'never.json')
    const argv = args.map((a) => (a === 'URL' ? emulator.url : a === 'WRONG' ? wrong : a === 'CA' ? caFile : a))
    const r = await proxlbAsync(['snapshot', ...argv, '--out', out], {env})
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0].replace(emulator.url, 'URL').startsWith(line)).toBe(true)
    expect(readdirSync(dir)).not.toContain('never.json')
    expectNoSecrets(r)
  })

  test('no password and nobody to ask (not a terminal): one line saying what to give', async () => {
    const r = await proxlbAsync(['snapshot', '--host', emulator.url, '--user', 'root@pam', '--ca-file', caFile])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('error: no password for root@pam (--user): give --user with --password-file (or PROXLB_PASSWORD), or --token-id with --token-secret-file (or PROXLB_TOKEN_SECRET)\n')
  })

  test.runIf(existsSync('/usr/bin/script'))('no password on a terminal: it is asked for, not echoed, and works', async () => {
    const out = join(dir, 'prompted.json')
    const command = [process.execPath, join(ROOT, 'bin', 'run.js'), 'snapshot', '--host', emulator.url, '--user', 'root@pam', '--ca-file', caFile, '--out', out].map((a) => `'${a}'`).join(' ')
    // script(1) runs the command on a pseudo-terminal, as a shell would.
    const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], {env: {...process.env, CI: ''}, stdio: ['pipe', 'pipe', 'pipe']})
    let screen = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk
      if (screen.includes('Password for root@pam at ') && !child.stdin.writableEnded) child.stdin.end(PASSWORD + '\r')
    })
    const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
    expect(status).toBe(0)
    expect(screen).toContain(`Password for root@pam at ${emulator.url}: `)
    expect(screen).toContain(`Wrote ${out}`)
    expect(screen).not.toContain(PASSWORD)
    expect(readSnapshot(readFileSync(out), out).snapshot.guests).toHaveLength(9)
  })

  test('an untrusted certificate is refused with the three ways out; --insecure works with a warning', async () => {
    const refused = await proxlbAsync(['snapshot', '--host', emulator.url, '--user', 'root@pam', '--password-file', passwordFile])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toBe(`error: cannot connect to ${emulator.url}: its TLS certificate is not trusted (self-signed or from an unknown CA): pass the cluster CA with --ca-file (/etc/pve/pve-root-ca.pem on any node), pin the certificate with --fingerprint, or turn verification off with --insecure\n`)

    const insecure = await proxlbAsync(['snapshot', '--host', emulator.url, '--user', 'root@pam', '--password-file', passwordFile, '--insecure'])
    expect(insecure.status).toBe(0)
    expect(insecure.stderr).toBe("warning: TLS certificate verification is off (--insecure): anyone between proxlb and the cluster can read the credentials and the cluster's data; prefer --ca-file or --fingerprint\n")
  })

  test('a wrong pinned fingerprint is refused before any credential is sent', async () => {
    const wrong = 'AA:'.repeat(31) + 'AA'
    const before = emulator.calls().length
    const r = await proxlbAsync(['snapshot', '--host', emulator.url, '--fingerprint', wrong], {env: {PROXLB_TOKEN_ID: TOKEN_ID, PROXLB_TOKEN_SECRET: TOKEN_SECRET}})
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`error: cannot connect to ${emulator.url}: its TLS certificate has fingerprint ${emulator.fingerprint}, which is not the pinned one (${wrong}): someone may be in between, or the certificate was renewed; check it on the node and update --fingerprint\n`)
    expect(emulator.calls().length).toBe(before)
  })

  test('a first host that does not answer: the second takes over, with a warning', async () => {
    const closed = await closedPort()
    const r = await proxlbAsync(['snapshot', ...login().slice(2), '--host', `https://127.0.0.1:${closed},${emulator.url}`])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe(`warning: https://127.0.0.1:${closed} does not answer (connection refused (is pveproxy running and the port right?)); using ${emulator.url}\n`)
    expect(readSnapshot(r.stdout, 'stdout').snapshot.source.endpoint).toBe(emulator.url)
  })

  test('no host answering at all: one line naming each host and why', async () => {
    const [a, b] = [await closedPort(), await closedPort()]
    const r = await proxlbAsync(['snapshot', '--host', `127.0.0.1:${a}`, '--host', `127.0.0.1:${b}`, '--user', 'root@pam', '--password-file', passwordFile, '--retries', '0'])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe(`error: cannot connect to any of 2 Proxmox hosts: https://127.0.0.1:${a}: connection refused (is pveproxy running and the port right?); https://127.0.0.1:${b}: connection refused (is pveproxy running and the port right?)\n`)
  })

  test('a node that is down: the snapshot succeeds and shows it offline with its guests', async () => {
    emulator.faults.nodeDown('pve2')
    const r = await proxlbAsync(['snapshot', ...login()])
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('warning: node pve2 is offline: its guests are listed but cannot move until it is back\n')
    const taken = readSnapshot(r.stdout, 'stdout').snapshot
    expect(taken.nodes.find((n) => n.name === 'pve2')!.status).toBe('offline')
    expect(taken.guests.filter((g) => g.node === 'pve2').map((g) => g.vmid).sort()).toEqual([102, 105, 106, 108])
  })

  test('a burst of server errors: reads are retried and the snapshot succeeds', async () => {
    emulator.faults.burst(3, 500)
    const before = emulator.calls().length
    const r = await proxlbAsync(['snapshot', ...login()])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const calls = emulator.calls().slice(before)
    expect(calls.filter((c) => c.status === 500)).toHaveLength(3)
    expect(readSnapshot(r.stdout, 'stdout').snapshot.guests).toHaveLength(9)
  })

  test('a burst of 595 (a node unreachable for a moment) is ridden out too', async () => {
    emulator.faults.burst(2, 595)
    const r = await proxlbAsync(['snapshot', ...login()])
    expect(r.status).toBe(0)
    expect(readSnapshot(r.stdout, 'stdout').snapshot.nodes.every((n) => n.status === 'online')).toBe(true)
  })
})

describe('proxlb plan from a live cluster', () => {
  test('with connection flags and no snapshot file, it plans a snapshot taken in memory', async () => {
    const r = await proxlbAsync(['plan', ...login()])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('proxlb plan for cluster lab')
    expect(r.stdout).toContain(`snapshot  live snapshot of ${emulator.url}, taken `)
    expectNoSecrets(r)
  })

  test('a snapshot file and --host together are refused as ambiguous', async () => {
    const r = await proxlbAsync(['plan', 'snapshots/demo.json', '--host', emulator.url])
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('error: give a snapshot file (snapshots/demo.json) or --host, not both: proxlb cannot tell which cluster you mean\n')
  })

  test('everything from the original ProxLB INI file: connection, and the balancing section as the policy', async () => {
    const ini = join(dir, 'proxlb.conf')
    writeFileSync(ini, `[proxmox]\napi_host: ${emulator.url}\napi_user: root@pam\napi_pass: ${PASSWORD}\nverify_ssl: 0\n[balancing]\nmethod: memory\nbalanciness: 5\ntype: all\n[service]\ndaemon: 0\n`, {mode: 0o600})
    const r = await proxlbAsync(['plan', '-c', ini, '--json'])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe("warning: TLS certificate verification is off (" + ini + ":5: verify_ssl): anyone between proxlb and the cluster can read the credentials and the cluster's data; prefer --ca-file or --fingerprint\n")
    const plan = JSON.parse(r.stdout)
    expect(plan.policy.document).toMatchObject({name: 'proxlb-ini', balance: {threshold: 5, guestTypes: ['qemu', 'lxc']}})
    expectNoSecrets(r)
  })

  test('a proxlb YAML config with a token, the CA and a policy file; a world-readable secret file is pointed out', async () => {
    const secretFile = join(dir, 'token')
    writeFileSync(secretFile, TOKEN_SECRET + '\n')
    chmodSync(secretFile, 0o644)
    const config = join(dir, 'proxlb.yaml')
    writeFileSync(config, `apiVersion: proxlb/v1\nkind: Config\nconnection:\n  hosts: ${emulator.url}\n  tokenId: "${TOKEN_ID}"\n  tokenSecretFile: token\n  caFile: ca.pem\npolicy: ${join(process.cwd(), 'policies', 'memory.yaml')}\n`)
    const r = await proxlbAsync(['plan', '--config', config])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe(`warning: ${secretFile} can be read by other users (mode 0644) although it holds the secret of API token ${TOKEN_ID}: chmod 600 ${secretFile}\n`)
    expect(r.stdout).toContain('policies/memory.yaml')
    expectNoSecrets(r)
  })
})

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as {port: number}
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
