/**
 * One proxlb at a time per cluster, whichever machine it runs on: a lock held in the
 * cluster itself. The lock is a resource pool named `proxlb-lock`. Proxmox creates a pool
 * under the cluster-wide lock on user.cfg and refuses one that exists ("create pool
 * failed: pool 'proxlb-lock' already exists"), so of any number of runs asking at the same
 * moment, from any machine, exactly one gets it. The pool's comment says who holds it
 * (run id, API user, host, pid, command), since when and until when; while the run lasts
 * it refreshes the expiry (a heartbeat, every quarter of the time to live), and it deletes
 * the pool when it ends. Taking, refreshing and deleting the pool needs Pool.Allocate on
 * /pool/proxlb-lock (granted on /pool: Proxmox drops a pool's own ACL entries with it).
 *
 * A dead holder cannot block forever: a lock past its expiry, or held by a process of
 * this machine that no longer runs, may be taken over. Two runs taking over the same
 * stale lock at once must not both win, and deleting a pool is not conditional in
 * Proxmox; so a takeover first creates a marker pool named after the stale comment
 * (`proxlb-lock-<hash>`), which only one taker can create, then checks that the lock
 * still carries that comment, deletes it and creates its own. The marker lives as long
 * as the lock it led to. What remains: a holder past its expiry but still running, whose
 * own release falls between a taker's check and its delete, followed at once by a third
 * run's create, loses that third run's lock to the taker. Each run checks that the lock
 * is still its own at every heartbeat and before every migration request, and starts
 * nothing more when it is not.
 *
 * Expiry times are compared with the clocks of the machines proxlb runs on: keep them
 * synchronised (NTP) to within a small part of the time to live.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {hostname} from 'node:os'
import type {ProxmoxClient} from '../proxmox/client.js'
import {ApiError, PermissionError, ProxmoxError} from '../proxmox/errors.js'
import {LOCK_POOL} from '../proxmox/privileges.js'
import {ClusterBusyError} from './errors.js'
import {isAlive} from './files.js'
import {ProxlbError} from '../model/problems.js'

export {LOCK_POOL}
export const LOCK_PRIVILEGE = 'Pool.Allocate'
/** Default time a lock lives without a heartbeat. */
export const LOCK_TTL_MS = 120_000

const PREFIX = 'proxlb lock '
const MARKER = /^proxlb-lock-[0-9a-f]{12}$/

/** Who holds the lock, as its comment records it. */
export interface LockHolder {
  run: string
  /** The API identity it acts as: `root@pam`, `API token root@pam!proxlb`. */
  user: string
  host: string
  /** A hash of the machine's id: tells two machines of the same host name apart. */
  machine: string
  pid: number
  /** `proxlb apply plan.json`, `proxlb drain pve3`. */
  command: string
  /** ISO-8601 UTC. */
  since: string
  until: string
}

/** This machine and process, as a lock records them. */
export interface LockSelf {
  host: string
  machine: string
  pid: number
  /** Whether a process of this machine runs. */
  alive(pid: number): boolean
}

export interface LockOptions {
  ttlMs?: number
  now?: () => number
  /** A stale lock taken over, a marker left behind: said once. */
  warn(line: string): void
}

/** The lock is ours no more (taken over, deleted by hand, or not refreshed in time). */
export type LockLost = (reason: string) => void

export interface HeldLock {
  readonly holder: LockHolder
  /** Undefined while the lock is still this run's; else why not. */
  verify(): Promise<string | undefined>
  /** Refreshes the expiry every ttl/4 until released; `onLost` hears once if the lock is lost. */
  keepAlive(onLost: LockLost): void
  /** Deletes the lock (if still ours) and its takeover marker. Never throws. */
  release(): Promise<void>
}

/** The lock could not be taken for want of a privilege: one line that says which and how to grant it. */
export class LockPrivilegeError extends ProxlbError {}

/**
 * Takes the cluster lock for `run`, or throws ClusterBusyError naming the holder (since,
 * until, and how to clear a lock whose holder is gone), or LockPrivilegeError.
 */
export async function acquireClusterLock(client: ProxmoxClient, who: {run: string; command: string}, self: LockSelf, options: LockOptions): Promise<HeldLock> {
  const ttl = options.ttlMs ?? LOCK_TTL_MS
  const now = options.now ?? Date.now
  // Since and until from one reading of the clock: two readings a second boundary apart made a lock of ttl + 1 s.
  const mine = (): LockHolder => {
    const at = now()
    return {run: who.run, user: client.identity, host: self.host, machine: self.machine, pid: self.pid, command: who.command, since: iso(at), until: iso(at + ttl)}
  }
  const lock = new Lock(client, mine(), ttl, now)
  for (let attempt = 0; attempt < 4; attempt++) {
    if (await lock.create()) {
      await lock.sweepMarkers()
      return lock
    }
    const current = await readComment(client, LOCK_POOL)
    if (current === undefined) continue // released in between: try again
    const holder = parseHolder(current)
    if (!holder) throw foreignPool(current)
    const stale = staleness(holder, self, now())
    if (!stale) throw busy(holder)
    if (await lock.takeOver(current, holder)) {
      options.warn(`took over the cluster lock of ${describeHolder(holder)}, which ${stale}`)
      await lock.sweepMarkers()
      return lock
    }
  }
  throw new ClusterBusyError(`the cluster lock (pool ${LOCK_POOL}) keeps changing hands: other proxlb runs are starting at this moment; nothing was moved`, ['try again in a minute'])
}

/** This process on this machine. The machine id (systemd's, hashed: it is not to be shown) tells apart two machines of one host name. */
export function thisProcess(): LockSelf {
  let id = hostname()
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      id = readFileSync(file, 'utf8').trim() || id
      break
    } catch {
      // Not there: the next, else the host name.
    }
  }
  return {host: hostname(), machine: createHash('sha256').update(`proxlb lock ${id}`).digest('hex').slice(0, 16), pid: process.pid, alive: isAlive}
}

/** Why a lock may be taken over, or undefined while its holder may still run. */
export function staleness(holder: LockHolder, self: Pick<LockSelf, 'host' | 'machine' | 'alive'>, now: number): string | undefined {
  const until = Date.parse(holder.until)
  if (!(until > now)) return `expired at ${holder.until}`
  if (holder.host === self.host && holder.machine === self.machine && !self.alive(holder.pid)) return `no longer runs (pid ${holder.pid} on this machine is gone)`
  return undefined
}

export function lockComment(holder: LockHolder): string {
  return PREFIX + JSON.stringify(holder)
}

/** The holder a lock's comment names, or undefined when it is not a proxlb lock. */
export function parseHolder(comment: string): LockHolder | undefined {
  if (!comment.startsWith(PREFIX)) return undefined
  try {
    const v = JSON.parse(comment.slice(PREFIX.length)) as Partial<LockHolder>
    const text = (x: unknown) => typeof x === 'string'
    if (text(v.run) && text(v.user) && text(v.host) && text(v.machine) && Number.isInteger(v.pid) && text(v.command) && text(v.since) && text(v.until)) return v as LockHolder
  } catch {
    // Not ours.
  }
  return undefined
}

export function describeHolder(h: LockHolder): string {
  return `${h.command} (run ${h.run}, ${h.user} on ${h.host}, pid ${h.pid}, since ${h.since})`
}

class Lock implements HeldLock {
  private marker: string | undefined
  private timer: NodeJS.Timeout | undefined
  private checking: Promise<string | undefined> | undefined
  private lost: string | undefined
  private released = false

  constructor(
    private readonly client: ProxmoxClient,
    public holder: LockHolder,
    private readonly ttl: number,
    private readonly now: () => number,
  ) {}

  /** Creates the lock pool: true when this run holds it now, false when someone else does. */
  async create(): Promise<boolean> {
    const comment = lockComment(this.holder)
    try {
      await this.client.post('/pools', {poolid: LOCK_POOL, comment})
      return true
    } catch (error) {
      if (error instanceof PermissionError) throw privilegeError(this.client, error)
      if (!(error instanceof ProxmoxError)) throw error
      if (isAlreadyExists(error)) return false
      // No clear answer (a gateway error, no answer at all): whether it was created shows in the pool.
      const current = await readComment(this.client, LOCK_POOL)
      if (current === comment) return true
      if (current !== undefined) return false
      throw error
    }
  }

  /** Replaces the stale lock whose comment is `stale`; false when another run got there first. */
  async takeOver(stale: string, holder: LockHolder): Promise<boolean> {
    const marker = `${LOCK_POOL}-${createHash('sha256').update(stale).digest('hex').slice(0, 12)}`
    try {
      await this.client.post('/pools', {poolid: marker, comment: `proxlb takeover of the lock of ${describeHolder(holder)} by run ${this.holder.run}`})
    } catch (error) {
      if (error instanceof PermissionError) throw privilegeError(this.client, error)
      if (error instanceof ProxmoxError && isAlreadyExists(error)) {
        throw new ClusterBusyError(`another proxlb is taking over the stale cluster lock of ${describeHolder(holder)} at this moment; nothing was moved`, ['it holds the cluster now; wait for it to finish'])
      }
      throw error
    }
    this.marker = marker
    try {
      if ((await readComment(this.client, LOCK_POOL)) !== stale) {
        await this.dropMarker()
        return false
      }
      await this.client.delete('/pools', {poolid: LOCK_POOL}).catch((error: unknown) => {
        if (!(error instanceof ApiError && /does not exist/.test(error.serverMessage))) throw error
      })
      const at = this.now()
      this.holder = {...this.holder, since: iso(at), until: iso(at + this.ttl)}
      if (await this.create()) return true
      await this.dropMarker()
      return false
    } catch (error) {
      await this.dropMarker()
      throw error
    }
  }

  /** Markers of takeovers that ended long ago (their taker crashed): removed, quietly, where this user may list them. */
  async sweepMarkers(): Promise<void> {
    const pools = await this.client.get<unknown>('/pools').catch(() => [])
    for (const p of Array.isArray(pools) ? (pools as {poolid?: unknown}[]) : []) {
      if (typeof p?.poolid === 'string' && MARKER.test(p.poolid) && p.poolid !== this.marker) await this.client.delete('/pools', {poolid: p.poolid}).catch(() => {})
    }
  }

  verify(): Promise<string | undefined> {
    if (this.lost) return Promise.resolve(this.lost)
    this.checking ??= this.check().finally(() => (this.checking = undefined))
    return this.checking
  }

  keepAlive(onLost: LockLost): void {
    if (this.timer || this.released) return
    this.timer = setInterval(() => void this.beat(onLost), Math.max(250, Math.floor(this.ttl / 4)))
    this.timer.unref()
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    if (this.timer) clearInterval(this.timer)
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if ((await this.check()) === undefined) await this.client.delete('/pools', {poolid: LOCK_POOL})
        break
      } catch (error) {
        if (error instanceof ApiError && /does not exist/.test(error.serverMessage)) break
      }
    }
    await this.dropMarker()
  }

  private async beat(onLost: LockLost): Promise<void> {
    if (this.lost || this.released) return
    try {
      const why = await this.verify()
      if (why === undefined) {
        const next = {...this.holder, until: iso(this.now() + this.ttl)}
        await this.client.put('/pools', {poolid: LOCK_POOL, comment: lockComment(next)})
        this.holder = next
        return
      }
      this.lost = why
    } catch (error) {
      // Not refreshed this time; lost only once it expired without a refresh.
      if (Date.parse(this.holder.until) > this.now()) return
      this.lost = `the cluster lock could not be refreshed before it expired at ${this.holder.until} (${(error as Error).message}): another proxlb may take it over`
    }
    if (this.timer) clearInterval(this.timer)
    onLost(this.lost)
  }

  /** Whether the lock pool still carries this run's comment. */
  private async check(): Promise<string | undefined> {
    const comment = await readComment(this.client, LOCK_POOL)
    if (comment === undefined) return `the cluster lock (pool ${LOCK_POOL}) was deleted by someone else while this run held it`
    const holder = parseHolder(comment)
    if (holder?.run === this.holder.run) return undefined
    return `the cluster lock (pool ${LOCK_POOL}) is held by ${holder ? describeHolder(holder) : 'something else'} now: this run lost it`
  }

  private async dropMarker(): Promise<void> {
    const marker = this.marker
    this.marker = undefined
    if (marker) await this.client.delete('/pools', {poolid: marker}).catch(() => {})
  }
}

/** The comment of pool `poolid`, or undefined when there is no such pool. */
async function readComment(client: ProxmoxClient, poolid: string): Promise<string | undefined> {
  try {
    const pools = await client.get<unknown>('/pools', {poolid})
    const entry = Array.isArray(pools) ? (pools[0] as {comment?: unknown} | undefined) : undefined
    return typeof entry?.comment === 'string' ? entry.comment : ''
  } catch (error) {
    if (error instanceof ApiError && /does not exist/.test(error.serverMessage)) return undefined
    throw error
  }
}

function isAlreadyExists(error: ProxmoxError): boolean {
  return error instanceof ApiError && /already exists/.test(error.serverMessage)
}

function busy(holder: LockHolder): ClusterBusyError {
  return new ClusterBusyError(`another proxlb holds the cluster: ${describeHolder(holder)}, until ${holder.until}; nothing was moved`, [
    `wait for it to finish; if that run is gone for good (its machine is down), remove the lock with pvesh delete /pools --poolid ${LOCK_POOL} on a node (or Datacenter → Permissions → Pools in the web UI), or wait until ${holder.until}, when proxlb takes it over`,
  ])
}

function foreignPool(comment: string): ClusterBusyError {
  const shown = comment ? `comment ${JSON.stringify(comment.length > 80 ? `${comment.slice(0, 80)}…` : comment)}` : 'no comment'
  return new ClusterBusyError(`the cluster has a pool named ${LOCK_POOL} that is not a proxlb lock (${shown}); nothing was moved`, [
    `proxlb locks the cluster by creating that pool: rename or remove the pool (pvesh delete /pools --poolid ${LOCK_POOL}) if nothing else uses it`,
  ])
}

function privilegeError(client: ProxmoxClient, error: PermissionError): LockPrivilegeError {
  return new LockPrivilegeError(
    `${client.identity} may not lock the cluster: it lacks ${error.privilege ?? LOCK_PRIVILEGE} on ${error.aclPath ?? `/pool/${LOCK_POOL}`} (proxlb creates the pool ${LOCK_POOL} while it moves guests); grant it on /pool, e.g. pveum acl modify /pool --roles PVEPoolAdmin ${client.identity.startsWith('API token ') ? `--tokens '${client.identity.slice('API token '.length)}'` : `--users ${client.identity}`}; nothing was moved`,
  )
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
