/**
 * What the emulator tests share: a small but complete seed cluster (HA guests and rules,
 * local disks and devices, containers, a template, a pool, a locked guest, a node in
 * maintenance), an emulator started on a free loopback port in instant mode, and a tiny
 * HTTPS client that verifies the emulator's certificate, speaks gzip and returns status
 * line, headers and body as they came — no mocks anywhere.
 */
import {request as httpsRequest} from 'node:https'
import {request as httpRequest, type IncomingHttpHeaders} from 'node:http'
import {gunzipSync} from 'node:zlib'
import {afterAll, onTestFinished} from 'vitest'
import {type Emulator, type EmulatorOptions, startEmulator} from '../../src/emulator/index.js'
import {snapshotFingerprint, type Snapshot} from '../../src/model/snapshot.js'
import {GiB, snapshot} from '../helpers/builders.js'

/** Five nodes: pve4 in HA maintenance, pve5 offline; guests of every kind a migration cares about. */
export function seedCluster(): Snapshot {
  const s = snapshot(
    [{name: 'pve1', memory: 128}, {name: 'pve2'}, {name: 'pve3'}, {name: 'pve4', maintenance: true}, {name: 'pve5', status: 'offline'}],
    [
      {vmid: 100, node: 'pve1', memory: 8, name: 'web-01', tags: ['web', 'prod'], pool: 'prod', ha: true},
      {vmid: 101, node: 'pve1', memory: 8, name: 'web-02', tags: ['web'], pool: 'prod', ha: true},
      {vmid: 102, node: 'pve1', memory: 16, name: 'db-01', localDisk: 50},
      {vmid: 103, node: 'pve1', memory: 4, name: 'gpu-01', localResources: ['hostpci0', 'usb0']},
      {vmid: 104, node: 'pve1', memory: 2, name: 'backup-01', lock: 'backup'},
      {vmid: 105, node: 'pve2', memory: 4, name: 'stopped-01', status: 'stopped'},
      {vmid: 107, node: 'pve1', memory: 4, name: 'plain-01'},
      {vmid: 106, node: 'pve2', memory: 4, name: 'tpl-debian', status: 'stopped', template: true},
      {vmid: 200, node: 'pve2', memory: 2, name: 'ct-dns', type: 'lxc', cores: 1},
      {vmid: 201, node: 'pve2', memory: 2, name: 'ct-ha', type: 'lxc', ha: true},
      {vmid: 202, node: 'pve3', memory: 1, name: 'ct-stopped', type: 'lxc', status: 'stopped'},
      {vmid: 300, node: 'pve3', memory: 4, name: 'app-01', ha: true},
      {vmid: 301, node: 'pve3', memory: 4, name: 'app-02', ha: true},
    ],
    {
      cluster: {name: 'lab', quorate: true, crs: {ha: 'static', rebalanceOnStart: true}},
      source: {kind: 'example', pveVersion: '9.1.2'},
      ha: {
        rules: [
          {id: 'web-apart', type: 'resource-affinity', resources: [100, 101], affinity: 'negative'},
          {id: 'app-together', type: 'resource-affinity', resources: [300, 301], affinity: 'positive'},
          {id: 'ct-pin', type: 'node-affinity', resources: [201], nodes: [{node: 'pve2', priority: 2}, {node: 'pve3'}], strict: true},
        ],
      },
    },
  )
  // Containers report used disk; give the lxc guests a root disk smaller than assigned.
  for (const g of s.guests) if (g.type === 'lxc') g.disk = {assigned: 8 * GiB, used: 3 * GiB}
  s.fingerprint = snapshotFingerprint(s)
  return s
}

/**
 * The seed cluster with storage as PVE clusters have it: on every node `local` (a
 * directory, here also for images), `local-lvm` (an LVM-thin pool) and the shared Ceph pool
 * `ceph-vm`; a thick ZFS pool `tank` on pve2 and pve3 only; `archive`, a shared NFS storage,
 * disabled. db-01 (102) has a 50 GiB disk on local-lvm and a qcow2 file on local of which
 * 6 GiB are written; ct-dns (200) has its root filesystem as a subvolume on tank,
 * ct-stopped (202) as a raw volume on local-lvm.
 */
export function storageCluster(): Snapshot {
  const s = seedCluster()
  const nodes = s.nodes.map((n) => n.name)
  s.storages = nodes.flatMap((node) => [
    {id: 'local', node, type: 'dir', shared: false, content: ['backup', 'images', 'iso', 'rootdir', 'vztmpl'], total: 100 * GiB, used: 20 * GiB, free: 75 * GiB, active: true},
    {id: 'local-lvm', node, type: 'lvmthin', shared: false, content: ['images', 'rootdir'], total: 500 * GiB, used: (node === 'pve1' ? 120 : 40) * GiB, thin: true, active: true},
    {id: 'ceph-vm', node, type: 'rbd', shared: true, content: ['images', 'rootdir'], total: 10240 * GiB, used: 3072 * GiB, thin: true, active: true},
    ...(node === 'pve2' || node === 'pve3' ? [{id: 'tank', node, type: 'zfspool', shared: false, content: ['images', 'rootdir'], total: 200 * GiB, used: 50 * GiB, thin: false, active: true}] : []),
    {id: 'archive', node, type: 'nfs', shared: true, content: ['backup', 'images'], enabled: false, active: false},
    {id: 'iso-nfs', node, type: 'nfs', shared: true, content: ['iso'], total: 2048 * GiB, used: 300 * GiB, active: true},
  ])
  // A node's disk is its local guest storage, as the storages report it.
  for (const node of s.nodes) {
    const local = s.storages.filter((st) => st.node === node.name && !st.shared && st.enabled !== false)
    node.disk = {total: local.reduce((sum, st) => sum + st.total!, 0), used: local.reduce((sum, st) => sum + st.used!, 0)}
  }
  const db = s.guests.find((g) => g.vmid === 102)!
  db.migration!.localDisks = [
    {key: 'scsi0', volid: 'local-lvm:vm-102-disk-0', storage: 'local-lvm', size: 50 * GiB, format: 'raw'},
    {key: 'scsi1', volid: 'local:102/vm-102-disk-1.qcow2', storage: 'local', size: 20 * GiB, used: 6 * GiB, format: 'qcow2'},
  ]
  db.disk = {assigned: 70 * GiB, used: 70 * GiB}
  const ct = s.guests.find((g) => g.vmid === 200)!
  ct.migration!.localDisks = [{key: 'rootfs', volid: 'tank:subvol-200-disk-0', storage: 'tank', size: 8 * GiB, used: 3 * GiB, format: 'subvol'}]
  const stopped = s.guests.find((g) => g.vmid === 202)!
  stopped.migration!.localDisks = [{key: 'rootfs', volid: 'local-lvm:vm-202-disk-0', storage: 'local-lvm', size: 8 * GiB, format: 'raw'}]
  s.fingerprint = snapshotFingerprint(s)
  return s
}

const suiteScoped = new Set<Emulator>()

afterAll(async () => {
  await Promise.all([...suiteScoped].map((e) => e.close()))
  suiteScoped.clear()
})

/** An emulator on a free port, instant migrations; closed after the test (or the file, when started in beforeAll). */
export async function emulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const emu = await startEmulator({snapshot: seedCluster(), port: 0, migration: {instant: true}, ...options})
  try {
    onTestFinished(() => emu.close())
  } catch {
    suiteScoped.add(emu)
  }
  return emu
}

export interface Reply {
  status: number
  statusText: string
  headers: IncomingHttpHeaders
  text: string
  /** Parsed body, or undefined when empty. */
  body: any
}

export interface RequestOptions {
  headers?: Record<string, string>
  /** Form body (POST/PUT), sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>
  /** JSON body instead. */
  json?: unknown
}

/** One request to the emulator over real HTTP(S), verifying TLS against its certificate. */
export function call(emu: Emulator, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const url = new URL(path.startsWith('/api2') ? path : `/api2/json${path}`, emu.url)
  const payload = options.json !== undefined ? JSON.stringify(options.json) : options.form ? new URLSearchParams(options.form).toString() : undefined
  const headers: Record<string, string> = {'Accept-Encoding': 'gzip', ...options.headers}
  if (payload !== undefined) {
    headers['Content-Type'] = options.json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded'
    headers['Content-Length'] = String(Buffer.byteLength(payload))
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, {method, headers, ...(url.protocol === 'https:' ? {ca: emu.certificatePem} : {})}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const raw = Buffer.concat(chunks)
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')
        resolve({status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, text, body: text ? JSON.parse(text) : undefined})
      })
    })
    req.on('error', reject)
    req.end(payload)
  })
}

export interface Session {
  ticket: string
  csrf: string
  get(path: string): Promise<Reply>
  post(path: string, form?: Record<string, string>): Promise<Reply>
  put(path: string, form?: Record<string, string>): Promise<Reply>
  del(path: string): Promise<Reply>
}

/** Logs in (root@pam by default) and returns a session sending the ticket and CSRF token. */
export async function login(emu: Emulator, username = 'root@pam', password = 'proxlb'): Promise<Session> {
  const r = await call(emu, 'POST', '/access/ticket', {form: {username, password}})
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.statusText}`)
  const {ticket, CSRFPreventionToken: csrf} = r.body.data
  const auth = {Cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}`}
  return {
    ticket,
    csrf,
    get: (path) => call(emu, 'GET', path, {headers: auth}),
    post: (path, form = {}) => call(emu, 'POST', path, {headers: {...auth, CSRFPreventionToken: csrf}, form}),
    put: (path, form = {}) => call(emu, 'PUT', path, {headers: {...auth, CSRFPreventionToken: csrf}, form}),
    del: (path) => call(emu, 'DELETE', path, {headers: {...auth, CSRFPreventionToken: csrf}}),
  }
}

/** A session authenticated by API token. */
export function tokenSession(emu: Emulator, token: string): Omit<Session, 'ticket' | 'csrf'> {
  const auth = {Authorization: `PVEAPIToken=${token}`}
  return {
    get: (path) => call(emu, 'GET', path, {headers: auth}),
    post: (path, form = {}) => call(emu, 'POST', path, {headers: auth, form}),
    put: (path, form = {}) => call(emu, 'PUT', path, {headers: auth, form}),
    del: (path) => call(emu, 'DELETE', path, {headers: auth}),
  }
}

/** Polls a task until it stops (or the deadline passes) and returns its final status. */
export async function waitForTask(session: Pick<Session, 'get'>, upid: string, timeoutMs = 5000): Promise<{status: string; exitstatus?: string}> {
  const node = upid.split(':')[1]
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const r = await session.get(`/nodes/${node}/tasks/${encodeURIComponent(upid)}/status`)
    if (r.body?.data?.status === 'stopped') return r.body.data
    if (Date.now() > deadline) throw new Error(`task ${upid} still ${r.body?.data?.status ?? r.status} after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export async function taskLog(session: Pick<Session, 'get'>, upid: string): Promise<string[]> {
  const node = upid.split(':')[1]
  const r = await session.get(`/nodes/${node}/tasks/${encodeURIComponent(upid)}/log?limit=0`)
  return r.body.data.map((l: {t: string}) => l.t)
}
