/**
 * The API client and the collector against the emulator over HTTPS: what the snapshot
 * reads back is what the cluster holds, in few requests; tickets are renewed before they
 * expire and obtained again when revoked; writes carry the CSRF token and are never
 * sent twice; permissions, timeouts and CPU windows behave as documented.
 */
import {createServer} from 'node:net'
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest'
import {type Emulator, startEmulator} from '../../src/emulator/index.js'
import type {Credentials} from '../../src/proxmox/auth.js'
import {apiPath, type ClientEvent, type ClientOptions, ProxmoxClient} from '../../src/proxmox/client.js'
import {collectSnapshot} from '../../src/proxmox/collector.js'
import {ApiError, ConnectionError, PermissionError} from '../../src/proxmox/errors.js'
import {parseHosts} from '../../src/proxmox/hosts.js'
import {DEFAULT_CONCURRENCY, PER_NODE_CONCURRENCY} from '../../src/proxmox/limits.js'
import {clusterFacts} from '../helpers/facts.js'
import {generateCluster} from '../helpers/generate.js'
import {SEED} from '../helpers/lab.js'

let emulator: Emulator
const events: ClientEvent[] = []

beforeAll(async () => {
  emulator = await startEmulator({
    snapshot: SEED,
    port: 0,
    users: [{userid: 'root@pam', password: 'secret'}, {userid: 'auditor@pve', password: 'audit', privileges: ['Sys.Audit']}],
    tokens: [{tokenid: 'root@pam!t', secret: 'token-secret'}],
    migration: {instant: true},
  })
})
afterEach(() => {
  emulator.faults.reset()
  events.length = 0
})
afterAll(async () => emulator?.close())

function client(credentials: Credentials = {kind: 'password', user: 'root@pam', password: 'secret'}, extra: Partial<ClientOptions> = {}): ProxmoxClient {
  const hosts = parseHosts([emulator.url])
  if (!hosts.ok) throw new Error(hosts.message)
  return new ProxmoxClient({endpoints: hosts.endpoints, credentials, tls: {ca: emulator.certificatePem}, retryBaseMs: 20, onEvent: (e) => events.push(e), ...extra})
}

async function withClient<T>(c: ProxmoxClient, use: (c: ProxmoxClient) => Promise<T>): Promise<T> {
  try {
    return await use(c)
  } finally {
    await c.close()
  }
}

describe('the collector reads back what the cluster holds', () => {
  test('nodes, guests, migration facts and HA rules match the seed; requests grow by one per guest', async () => {
    const before = emulator.calls().length
    const {snapshot: taken, warnings} = await withClient(client(), (c) => collectSnapshot(c, {cpuWindow: 'off', takenAt: '2026-11-21T10:00:00Z', tool: 'proxlb test'}))
    const requests = emulator.calls().slice(before)
    expect(warnings).toEqual([])
    // A login, 8 cluster-wide reads, a status per node, a config per guest, one content listing per node-local guest storage (local-lvm on each node here).
    expect(requests).toHaveLength(1 + 8 + SEED.nodes.length + SEED.guests.length + SEED.nodes.length)
    expect(requests.filter((r) => r.path.endsWith('/content')).map((r) => r.path).sort()).toEqual(SEED.nodes.map((n) => `/nodes/${n.name}/storage/local-lvm/content`))

    expect(taken.cluster).toEqual(SEED.cluster)
    expect(clusterFacts(taken)).toEqual(clusterFacts(SEED))
    expect(taken.ha?.rules).toEqual(SEED.ha?.rules)
  })

  test('a cluster of many nodes: one request per guest, reads spread over the nodes, never more than four about one node at once', async () => {
    const seed = generateCluster({name: 'wide', nodes: 12, guests: 360, seed: 7, nodeSizes: [{cores: 128, memoryGiB: 4096}]})
    // Each answered request with when it was answered and how long it took: its time in the server.
    const answered: {path: string; end: number; ms: number}[] = []
    const wide = await startEmulator({snapshot: seed, port: 0, tokens: [{tokenid: 'root@pam!t', secret: 'token-secret'}], onCall: (call) => answered.push({path: call.path, end: performance.now(), ms: call.ms})})
    try {
      wide.faults.latency(20)
      const hosts = parseHosts([wide.url])
      if (!hosts.ok) throw new Error(hosts.message)
      const c = new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'token', tokenId: 'root@pam!t', secret: 'token-secret'}, tls: {ca: wide.certificatePem}, connections: DEFAULT_CONCURRENCY})
      const {snapshot: taken} = await withClient(c, (cl) => collectSnapshot(cl, {cpuWindow: 'off', takenAt: '2026-11-21T10:00:00Z', tool: 'proxlb test'}))
      expect(clusterFacts(taken)).toEqual(clusterFacts(seed))
      // 8 cluster-wide reads, a status per node, a config per guest and a listing of each node's local-lvm: nothing more for more guests.
      expect(answered).toHaveLength(8 + seed.nodes.length + seed.guests.length + seed.nodes.length)
      const configs = answered.filter((a) => a.path.endsWith('/config'))
      // The most requests in the server at one moment: at some request's arrival, those that had arrived and were not yet answered.
      const mostAtOnce = (of: typeof configs) => Math.max(...of.map((a) => of.filter((b) => b.end - b.ms <= a.end - a.ms && b.end > a.end - a.ms).length))
      expect(mostAtOnce(configs)).toBeGreaterThan(PER_NODE_CONCURRENCY)
      for (const node of seed.nodes) expect(mostAtOnce(configs.filter((a) => a.path.startsWith(`/nodes/${node.name}/`)))).toBeLessThanOrEqual(PER_NODE_CONCURRENCY)
    } finally {
      await wide.close()
    }
  })

  test('with a CPU window, one more request per running guest and per node, and averages from RRD', async () => {
    const before = emulator.calls().length
    const {snapshot: taken} = await withClient(client(), (c) => collectSnapshot(c, {cpuWindow: 'hour', takenAt: '2026-11-21T10:00:00Z', tool: 'proxlb test'}))
    const calls = emulator.calls().slice(before)
    const running = SEED.guests.filter((g) => g.status === 'running').length
    expect(calls.filter((c) => c.path.includes('rrddata'))).toHaveLength(running + SEED.nodes.length)
    expect(taken.source.cpuWindow).toBe('hour')
    for (const guest of taken.guests) expect(guest.cpu.used).toBeLessThanOrEqual(guest.cpu.cores)
  })
})

describe('a node that stops answering while the snapshot is taken', () => {
  test('is recorded as unknown, its guests as last seen, and is asked no further', async () => {
    let down = false
    const flaky = await startEmulator({
      snapshot: SEED,
      port: 0,
      tokens: [{tokenid: 'root@pam!t', secret: 'token-secret'}],
      // pve2 goes down right after the cluster resources were read (and listed it online).
      onCall: (call) => {
        if (call.path === '/cluster/resources' && !down) {
          down = true
          flaky.faults.nodeDown('pve2')
        }
      },
    })
    try {
      const hosts = parseHosts([flaky.url])
      if (!hosts.ok) throw new Error(hosts.message)
      const c = new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'token', tokenId: 'root@pam!t', secret: 'token-secret'}, tls: {ca: flaky.certificatePem}, retryBaseMs: 5, retries: 1})
      const {snapshot: taken, warnings} = await withClient(c, (cl) => collectSnapshot(cl, {cpuWindow: 'off', takenAt: '2026-11-21T10:00:00Z', tool: 'proxlb test', concurrency: 1}))
      expect(taken.nodes.find((n) => n.name === 'pve2')!.status).toBe('unknown')
      expect(taken.guests.filter((g) => g.node === 'pve2').map((g) => g.vmid).sort()).toEqual([102, 105, 106, 108])
      expect(warnings).toContain('node pve2 stopped answering while the snapshot was taken: recorded as status unknown, its guests as they were last seen')
      // One read of pve2 (and its one retry) finds it gone; nothing else is asked of it.
      expect(flaky.calls().filter((call) => call.path.startsWith('/nodes/pve2/')).map((call) => call.status)).toEqual([595, 595])
    } finally {
      await flaky.close()
    }
  })
})

describe('tickets', () => {
  test('revoked tickets (401): the client logs in again and the request succeeds', async () => {
    await withClient(client(), async (c) => {
      await c.get('/version')
      emulator.faults.expireTickets()
      const before = emulator.calls().length
      await expect(c.get('/cluster/status')).resolves.toBeInstanceOf(Array)
      expect(emulator.calls().slice(before).map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
        'GET /cluster/status 401', 'POST /access/ticket 200', 'GET /cluster/status 200',
      ])
    })
  })

  test('a ticket revoked again right after the new login: the client logs in again, a few times at most', async () => {
    // Every ticket is revoked as soon as it is handed out, twice; the third one lasts.
    let revoke = 2
    const busy: Emulator = await startEmulator({
      snapshot: SEED,
      port: 0,
      users: [{userid: 'root@pam', password: 'secret'}],
      migration: {instant: true},
      onCall: (call) => {
        if (call.path === '/access/ticket' && call.status === 200 && revoke-- > 0) busy.faults.expireTickets()
      },
    })
    const hosts = parseHosts([busy.url])
    if (!hosts.ok) throw new Error(hosts.message)
    try {
      await withClient(new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'password', user: 'root@pam', password: 'secret'}, tls: {ca: busy.certificatePem}}), async (c) => {
        await expect(c.get('/cluster/status')).resolves.toBeInstanceOf(Array)
        expect(busy.calls().map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
          'POST /access/ticket 200', 'GET /cluster/status 401', 'POST /access/ticket 200', 'GET /cluster/status 401', 'POST /access/ticket 200', 'GET /cluster/status 200',
        ])
      })
    } finally {
      await busy.close()
    }
  })

  test('an hour after login the ticket is renewed with itself before the next request', async () => {
    let clock = 1_000_000
    await withClient(client(undefined, {now: () => clock}), async (c) => {
      await c.get('/version')
      clock += 61 * 60 * 1000
      const before = emulator.calls().length
      await c.get('/version')
      expect(emulator.calls().slice(before).map((call) => `${call.method} ${call.status}`)).toEqual(['POST 200', 'GET 200'])
      expect(events.filter((e) => e.type === 'login')).toEqual([
        {type: 'login', endpoint: emulator.url, renewal: false},
        {type: 'login', endpoint: emulator.url, renewal: true},
      ])
    })
  })
})

describe('writes', () => {
  test('a migration POST carries the CSRF token and returns a UPID the client can follow', async () => {
    await withClient(client(), async (c) => {
      const upid = await c.post<string>(apiPath`/nodes/${'pve2'}/lxc/${102}/migrate`, {target: 'pve1', restart: true})
      expect(upid).toMatch(/^UPID:pve2:/)
      await expect.poll(async () => (await c.get<{status: string}>(apiPath`/nodes/${'pve2'}/tasks/${upid}/status`)).status).toBe('stopped')
      await c.post(apiPath`/nodes/${'pve1'}/lxc/${102}/migrate`, {target: 'pve2', restart: true})
    })
  })

  test('a POST answered with 500 is not sent again; a GET is', async () => {
    await withClient(client(), async (c) => {
      await c.get('/version')
      emulator.faults.burst(1, 500)
      const before = emulator.calls().length
      await expect(c.post(apiPath`/nodes/${'pve1'}/qemu/${100}/migrate`, {target: 'pve2', online: true})).rejects.toThrow(ApiError)
      expect(emulator.calls().slice(before).filter((call) => call.method === 'POST')).toHaveLength(1)
      emulator.faults.burst(1, 500)
      await expect(c.get('/cluster/status')).resolves.toBeInstanceOf(Array)
      expect(events.filter((e) => e.type === 'retry')).toHaveLength(1)
    })
  })

  test('a POST whose answer is lost is not sent again (it may have run); a GET whose answer is lost is', async () => {
    await withClient(client(), async (c) => {
      await c.get('/version')
      emulator.faults.dropResponses(1, 'POST')
      const before = emulator.calls().length
      const error = await c.post(apiPath`/nodes/${'pve2'}/lxc/${102}/migrate`, {target: 'pve1', restart: true}).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ConnectionError)
      expect((error as Error).message).toMatch(/it may or may not have been carried out, so proxlb does not send it again/)
      expect(emulator.calls().slice(before).filter((call) => call.method === 'POST')).toHaveLength(1)
      emulator.faults.dropResponses(1, 'GET')
      await expect(c.get('/cluster/status')).resolves.toBeInstanceOf(Array)
      expect(emulator.calls().slice(before).filter((call) => call.path === '/cluster/status')).toHaveLength(2)
      // The dropped migration did run: move the container back for the other tests.
      await expect.poll(async () => emulator.state().guests.find((g) => g.vmid === 102)?.node).toBe('pve1')
      await expect.poll(async () => emulator.state().guests.find((g) => g.vmid === 102)?.lock).toBeUndefined()
      await c.post(apiPath`/nodes/${'pve1'}/lxc/${102}/migrate`, {target: 'pve2', restart: true})
      await expect.poll(async () => emulator.state().guests.find((g) => g.vmid === 102)?.node).toBe('pve2')
    })
  })
})

describe('failures in one sentence', () => {
  test('a missing privilege names the privilege and the path', async () => {
    await withClient(client({kind: 'password', user: 'auditor@pve', password: 'audit'}), async (c) => {
      const error = await c.get(apiPath`/nodes/${'pve1'}/qemu/${100}/config`).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PermissionError)
      expect((error as Error).message).toBe(`permission denied: auditor@pve lacks VM.Audit on /vms/100 (needed for GET /nodes/pve1/qemu/100/config at ${emulator.url}); grant a role with it on that path (README, "Least privilege": ProxlbReader to read, ProxlbOperator to migrate)`)
    })
  })

  test('a host that accepts connections but never answers times out', async () => {
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const {port} = silent.address() as {port: number}
    const hosts = parseHosts([`127.0.0.1:${port}`])
    if (!hosts.ok) throw new Error(hosts.message)
    const c = new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'token', tokenId: 'root@pam!t', secret: 'token-secret'}, timeoutMs: 300, retries: 0})
    try {
      const error = await c.get('/version').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ConnectionError)
      expect((error as Error).message).toMatch(new RegExp(`^cannot connect to https://127\\.0\\.0\\.1:${port}: no (connection|answer) within 0\\.3 s$`))
    } finally {
      await c.close()
      silent.close()
    }
  })

  test('an API token reads without a ticket', async () => {
    const before = emulator.calls().length
    await withClient(client({kind: 'token', tokenId: 'root@pam!t', secret: 'token-secret'}), (c) => c.get('/cluster/resources'))
    expect(emulator.calls().slice(before).map((call) => call.method)).toEqual(['GET'])
  })
})
