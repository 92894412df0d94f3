/**
 * What the web tests share: an emulator with a crowded node and three people (root, an
 * operator who may migrate, an auditor who may only look), `proxlb serve` run as the
 * compiled CLI against it (its own state folder, any free port), and a small HTTPS client
 * that keeps cookies and reads forms, for the tests at the HTTP level.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Agent, fetch} from 'undici'
import {type Emulator, startEmulator} from '../../src/emulator/index.js'
import {snapshotFingerprint, type Snapshot} from '../../src/model/snapshot.js'
import {ROOT} from '../helpers/cli.js'
import {smallCluster} from '../apply/helpers.js'

export const PEOPLE = {
  root: {user: 'root@pam', password: 'r00t-pass-42'},
  operator: {user: 'ops@pve', password: 'ops-secret-7'},
  auditor: {user: 'audit@pve', password: 'audit-secret-9'},
  token: {user: 'ops@pve!web', password: 'tok-secret-5'},
}

/** The small crowded cluster, with an HA rule keeping ha-a and ha-b apart, tagged guests, and Proxmox's HA auto-rebalance on. */
export function webCluster(): Snapshot {
  const s = smallCluster()
  s.cluster.crs = {ha: 'static', autoRebalance: true}
  s.ha = {rules: [{id: 'ha-apart', type: 'resource-affinity', resources: [204, 205], affinity: 'negative'}]}
  for (const g of s.guests) if (g.name === 'vm-00' || g.name === 'vm-01') g.tags = ['plb_affinity_pair']
  s.fingerprint = snapshotFingerprint(s)
  return s
}

export async function webEmulator(bandwidth?: number): Promise<Emulator> {
  return startEmulator({
    snapshot: webCluster(),
    port: 0,
    users: [
      {userid: PEOPLE.root.user, password: PEOPLE.root.password},
      {userid: PEOPLE.operator.user, password: PEOPLE.operator.password, acl: [{path: '/', roles: ['PVEVMAdmin', 'PVEAuditor', 'PVEPoolAdmin']}]},
      {userid: PEOPLE.auditor.user, password: PEOPLE.auditor.password, acl: [{path: '/', roles: ['PVEAuditor']}]},
    ],
    tokens: [{tokenid: PEOPLE.token.user, secret: PEOPLE.token.password, privsep: false}],
    migration: bandwidth ? {bandwidth, haDelayMs: 50} : {instant: true, haDelayMs: 50},
  })
}

export interface Served {
  url: string
  dir: string
  /** Everything the server wrote to stderr so far. */
  log(): string
  close(): Promise<void>
}

/** Runs `proxlb serve` against `emu` until closed; resolves once it serves. */
export async function serve(emu: Emulator, extra: string[] = [], listen = '127.0.0.1:0'): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-web-'))
  const policy = join(dir, 'policy.yaml')
  writeFileSync(policy, 'apiVersion: proxlb/v1\nmigration:\n  withLocalDisks: true\nlimits:\n  parallel: 4\n  perNode: 2\n')
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), 'serve', '--listen', listen, '--host', emu.url, '--fingerprint', emu.fingerprint!, '--policy', policy, ...extra], {
    env: {...process.env, PROXLB_STATE_DIR: join(dir, 'state'), PROXLB_CONFIG: '', CI: '1', NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxlb serve did not start:\n${stderr}`)), 20_000)
    const check = () => {
      const m = /serving (https?:\/\/\S+) /.exec(stderr)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    child.stderr!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`proxlb serve exited (${code}):\n${stderr}`))
    })
  })
  return {
    url,
    dir,
    log: () => stderr,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** The server's certificate is its own self-signed one: these tests trust it as they find it. */
const insecure = new Agent({connect: {rejectUnauthorized: false}})

export interface Answer {
  status: number
  headers: Headers
  body: string
  location?: string
}

/** A browser without a browser: keeps cookies, sends forms, follows nothing. */
export class WebClient {
  readonly cookies = new Map<string, string>()
  setCookies: string[] = []

  constructor(readonly base: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('GET', path, undefined, headers)
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('POST', path, new URLSearchParams(form).toString(), {'content-type': 'application/x-www-form-urlencoded', ...headers})
  }

  /** Logs in through the login form; returns the answer to the POST. */
  async logIn(user: string, password: string, kind: 'password' | 'token' = 'password'): Promise<Answer> {
    const form = await this.get('/login')
    return this.post('/login', {_login: field(form.body, '_login'), kind, user, password})
  }

  private async send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<Answer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const response = await fetch(this.base + path, {method, body, redirect: 'manual', dispatcher: insecure, headers: {accept: 'text/html', ...(cookie ? {cookie} : {}), ...headers}})
    this.setCookies = response.headers.getSetCookie()
    for (const line of this.setCookies) {
      const [pair] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return {status: response.status, headers: response.headers, body: await response.text(), ...(response.headers.get('location') ? {location: response.headers.get('location')!} : {})}
  }
}

/** The value of the hidden field `name` in a page. */
export function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!m) throw new Error(`no field ${name} in the page`)
  return m[1]
}
