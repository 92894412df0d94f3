/**
 * The cluster lock against the emulator over HTTPS: taken by creating the pool
 * proxlb-lock, refused while a live holder has it (naming who, since and until when, and
 * how to clear it), taken over once it expired or its process is gone from this machine,
 * by exactly one of any number of takers; kept alive by its heartbeat; lost when someone
 * else removes it; and a missing Pool.Allocate said in one line.
 */
import {describe, expect, test} from 'vitest'
import {acquireClusterLock, type LockHolder, lockComment, LockPrivilegeError, parseHolder, type LockSelf} from '../../src/apply/cluster-lock.js'
import {ClusterBusyError} from '../../src/apply/errors.js'
import type {Emulator} from '../../src/emulator/index.js'
import {ProxmoxClient} from '../../src/proxmox/client.js'
import {parseHosts} from '../../src/proxmox/hosts.js'
import {tokenSession} from '../emulator/helpers.js'
import {emulatorPerTest, TOKEN} from './helpers.js'

const emulator = emulatorPerTest()

const here: LockSelf = {host: 'admin-1', machine: 'aaaaaaaaaaaaaaaa', pid: 4242, alive: () => true}
const elsewhere: LockSelf = {host: 'admin-2', machine: 'bbbbbbbbbbbbbbbb', pid: 4242, alive: () => true}

function clientOf(emu: Emulator, token = TOKEN): ProxmoxClient {
  const hosts = parseHosts([emu.url])
  if (!hosts.ok) throw new Error(hosts.message)
  return new ProxmoxClient({endpoints: hosts.endpoints, credentials: {kind: 'token', tokenId: token.tokenid, secret: token.secret}, tls: {ca: emu.certificatePem}, retryBaseMs: 10})
}

/** A client whose DELETE requests leave `ms` late (a slow link): the real request, sent later. */
function slowDeletes(client: ProxmoxClient, ms: number): ProxmoxClient {
  const send = client.delete.bind(client)
  client.delete = async (path, query) => {
    await new Promise((resolve) => setTimeout(resolve, ms))
    return send(path, query)
  }
  return client
}

const api = (emu: Emulator) => tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`)

async function lockPools(emu: Emulator): Promise<{poolid: string; comment?: string}[]> {
  return ((await api(emu).get('/pools')).body.data as {poolid: string; comment?: string}[]).filter((p) => p.poolid.startsWith('proxlb-lock'))
}

function holder(extra: Partial<LockHolder> = {}): LockHolder {
  return {run: 'r-old', user: 'API token ops@pve!lb', host: 'admin-9', machine: 'cccccccccccccccc', pid: 77, command: 'proxlb apply plan.json', since: '2026-01-01T10:00:00Z', until: '2099-01-01T10:02:00Z', ...extra}
}

async function plant(emu: Emulator, h: LockHolder): Promise<void> {
  expect((await api(emu).post('/pools', {poolid: 'proxlb-lock', comment: lockComment(h)})).status).toBe(200)
}

describe('the cluster lock', () => {
  test('taken by creating the pool proxlb-lock with who holds it; deleted on release', async () => {
    const emu = await emulator()
    const client = clientOf(emu)
    try {
      // A clock that moves a millisecond at each reading, from just before a second's end:
      // since and until must come from one reading, or the lock lasts a second longer.
      let t = Date.parse('2026-12-08T10:00:00.999Z')
      const lock = await acquireClusterLock(client, {run: 'r1', command: 'proxlb apply plan.json'}, here, {warn: () => {}, now: () => t++})
      const [pool] = await lockPools(emu)
      expect(pool.poolid).toBe('proxlb-lock')
      expect(parseHolder(pool.comment!)).toEqual({run: 'r1', user: 'API token proxlb@pve!apply', host: 'admin-1', machine: 'aaaaaaaaaaaaaaaa', pid: 4242, command: 'proxlb apply plan.json', since: expect.stringMatching(/Z$/), until: expect.stringMatching(/Z$/)})
      expect(Date.parse(parseHolder(pool.comment!)!.until) - Date.parse(parseHolder(pool.comment!)!.since)).toBe(120_000)
      expect(await lock.verify()).toBeUndefined()
      await lock.release()
      expect(await lockPools(emu)).toEqual([])
    } finally {
      await client.close()
    }
  })

  test('a live holder is not taken over: the refusal names it, since and until when, and how to clear it', async () => {
    const emu = await emulator()
    await plant(emu, holder())
    const client = clientOf(emu)
    try {
      const refusal = await acquireClusterLock(client, {run: 'r2', command: 'proxlb drain pve3'}, here, {warn: () => {}}).catch((e: Error) => e)
      expect(refusal).toBeInstanceOf(ClusterBusyError)
      expect((refusal as ClusterBusyError).lines()).toEqual([
        'another proxlb holds the cluster: proxlb apply plan.json (run r-old, API token ops@pve!lb on admin-9, pid 77, since 2026-01-01T10:00:00Z), until 2099-01-01T10:02:00Z; nothing was moved',
        'wait for it to finish; if that run is gone for good (its machine is down), remove the lock with pvesh delete /pools --poolid proxlb-lock on a node (or Datacenter → Permissions → Pools in the web UI), or wait until 2099-01-01T10:02:00Z, when proxlb takes it over',
      ])
      expect(parseHolder((await lockPools(emu))[0].comment!)!.run).toBe('r-old')
      // Same pid, other machine: still alive as far as this machine can tell.
      const samePid = await acquireClusterLock(client, {run: 'r3', command: 'x'}, {...elsewhere, pid: 77, alive: () => false}, {warn: () => {}}).catch((e: Error) => e)
      expect(samePid).toBeInstanceOf(ClusterBusyError)
    } finally {
      await client.close()
    }
  })

  test('a lock past its expiry is taken over, with a warning; its marker goes with the new lock', async () => {
    const emu = await emulator()
    await plant(emu, holder({until: '2026-01-01T10:02:00Z'}))
    const client = clientOf(emu)
    const warnings: string[] = []
    try {
      const lock = await acquireClusterLock(client, {run: 'r2', command: 'proxlb apply plan.json'}, here, {warn: (l) => warnings.push(l)})
      expect(warnings).toEqual(['took over the cluster lock of proxlb apply plan.json (run r-old, API token ops@pve!lb on admin-9, pid 77, since 2026-01-01T10:00:00Z), which expired at 2026-01-01T10:02:00Z'])
      const pools = await lockPools(emu)
      expect(pools.map((p) => p.poolid)).toEqual(['proxlb-lock', expect.stringMatching(/^proxlb-lock-[0-9a-f]{12}$/)])
      expect(parseHolder(pools[0].comment!)!.run).toBe('r2')
      await lock.release()
      expect(await lockPools(emu)).toEqual([])
    } finally {
      await client.close()
    }
  })

  test('a lock whose process is gone from this machine is taken over at once', async () => {
    const emu = await emulator()
    await plant(emu, holder({host: here.host, machine: here.machine, pid: 999_999}))
    const client = clientOf(emu)
    const warnings: string[] = []
    try {
      const lock = await acquireClusterLock(client, {run: 'r2', command: 'proxlb apply plan.json'}, {...here, alive: (pid) => pid !== 999_999}, {warn: (l) => warnings.push(l)})
      expect(warnings[0]).toMatch(/, which no longer runs \(pid 999999 on this machine is gone\)$/)
      await lock.release()
    } finally {
      await client.close()
    }
  })

  test('of ten runs taking over the same stale lock at once, exactly one wins', async () => {
    const emu = await emulator()
    await plant(emu, holder({until: '2026-01-01T10:02:00Z'}))
    // Each taker's deletes reach the cluster a little later than the one before: a takeover
    // that only checked the comment before deleting would delete the lock the previous one just made.
    const clients = Array.from({length: 10}, (_, i) => slowDeletes(clientOf(emu), i * 25))
    try {
      const results = await Promise.all(clients.map((c, i) => acquireClusterLock(c, {run: `taker-${i}`, command: 'proxlb apply plan.json'}, {...elsewhere, pid: 1000 + i}, {warn: () => {}}).catch((e: Error) => e)))
      const winners = results.filter((r) => !(r instanceof Error))
      expect(winners).toHaveLength(1)
      for (const r of results.filter((x) => x instanceof Error)) expect(r).toBeInstanceOf(ClusterBusyError)
      const held = parseHolder((await lockPools(emu)).find((p) => p.poolid === 'proxlb-lock')!.comment!)!
      expect(held.run).toBe(`taker-${results.indexOf(winners[0])}`)
    } finally {
      await Promise.all(clients.map((c) => c.close()))
    }
  })

  test('of ten runs asking for a free cluster at once, exactly one gets it', async () => {
    const emu = await emulator()
    const clients = Array.from({length: 10}, () => clientOf(emu))
    try {
      const results = await Promise.all(clients.map((c, i) => acquireClusterLock(c, {run: `run-${i}`, command: 'proxlb apply plan.json'}, {...elsewhere, pid: 2000 + i}, {warn: () => {}}).catch((e: Error) => e)))
      expect(results.filter((r) => !(r instanceof Error))).toHaveLength(1)
      expect(results.filter((r) => r instanceof ClusterBusyError)).toHaveLength(9)
    } finally {
      await Promise.all(clients.map((c) => c.close()))
    }
  })

  test('the heartbeat keeps a lock alive past its time to live; a lock deleted by hand is reported lost', async () => {
    const emu = await emulator()
    const client = clientOf(emu)
    const other = clientOf(emu)
    try {
      const lock = await acquireClusterLock(client, {run: 'r1', command: 'proxlb apply plan.json'}, here, {warn: () => {}, ttlMs: 2000})
      const first = parseHolder((await lockPools(emu))[0].comment!)!
      const lost: string[] = []
      lock.keepAlive((reason) => lost.push(reason))
      await new Promise((resolve) => setTimeout(resolve, 2500))
      const later = parseHolder((await lockPools(emu))[0].comment!)!
      expect(Date.parse(later.until)).toBeGreaterThan(Date.parse(first.until))
      expect(later.since).toBe(first.since)
      // Past the first expiry, and still not taken over.
      expect(await acquireClusterLock(other, {run: 'r2', command: 'x'}, elsewhere, {warn: () => {}}).catch((e: Error) => e)).toBeInstanceOf(ClusterBusyError)
      expect(lost).toEqual([])

      expect((await api(emu).del('/pools?poolid=proxlb-lock')).status).toBe(200)
      expect(await lock.verify()).toBe('the cluster lock (pool proxlb-lock) was deleted by someone else while this run held it')
      await new Promise((resolve) => setTimeout(resolve, 900))
      expect(lost).toEqual(['the cluster lock (pool proxlb-lock) was deleted by someone else while this run held it'])
      await lock.release()
    } finally {
      await client.close()
      await other.close()
    }
  })

  test('without Pool.Allocate: one line naming the privilege, the path and how to grant it', async () => {
    const weak = {tokenid: 'ops@pve!lb', secret: 'weak-secret', privileges: ['VM.Audit', 'Sys.Audit', 'VM.Migrate', 'Pool.Audit']}
    const emu = await emulator({tokens: [{...TOKEN}, weak]})
    const client = clientOf(emu, weak)
    try {
      const refusal = await acquireClusterLock(client, {run: 'r1', command: 'proxlb apply plan.json'}, here, {warn: () => {}}).catch((e: Error) => e)
      expect(refusal).toBeInstanceOf(LockPrivilegeError)
      expect((refusal as LockPrivilegeError).lines()).toEqual([
        "API token ops@pve!lb may not lock the cluster: it lacks Pool.Allocate on /pool/proxlb-lock (proxlb creates the pool proxlb-lock while it moves guests); grant it on /pool, e.g. pveum acl modify /pool --roles PVEPoolAdmin --tokens 'ops@pve!lb'; nothing was moved",
      ])
    } finally {
      await client.close()
    }
  })

  test('a pool named proxlb-lock that is not a proxlb lock is refused, never removed', async () => {
    const emu = await emulator()
    expect((await api(emu).post('/pools', {poolid: 'proxlb-lock', comment: 'VMs of the load-balancer team'})).status).toBe(200)
    const client = clientOf(emu)
    try {
      const refusal = await acquireClusterLock(client, {run: 'r1', command: 'x'}, here, {warn: () => {}}).catch((e: Error) => e)
      expect((refusal as ClusterBusyError).lines()[0]).toBe('the cluster has a pool named proxlb-lock that is not a proxlb lock (comment "VMs of the load-balancer team"); nothing was moved')
      expect((await lockPools(emu))[0].comment).toBe('VMs of the load-balancer team')
    } finally {
      await client.close()
    }
  })
})
