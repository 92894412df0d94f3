/**
 * Fault injection for tests and rehearsals: added latency, a rate of failed requests (from
 * a seeded PRNG, so a run can be repeated), a burst of failed requests, nodes going down
 * (now or later) and coming back, a storage that stops answering on a node or fills up, a guest's next
 * migration failing, every ticket expiring.
 *
 * The controller only records what is asked and tells the server, per request, whether to
 * fail it; what a fault does to the cluster (a node down, a migration failing) is done by
 * the hooks the emulator passes in.
 */

import {seededRandom} from '../model/prng.js'

export interface FaultController {
  /** Milliseconds added to every response. */
  latency(ms: number): void
  /**
   * Milliseconds added to the responses of requests whose `METHOD path?query` (the path
   * after /api2/json, as `GET /nodes/pve1/tasks?vmid=102`) matches: one guest's checks
   * slower than another's, so that answers come back in another order than asked.
   */
  slow(pattern: RegExp, ms: number): void
  /** Fraction of requests (0..1) answered with `status` (default 500), drawn from a seeded PRNG. */
  errorRate(rate: number, status?: number): void
  /** The next `count` requests fail with `status` (default 500; 5xx, 595 or 596). */
  burst(count: number, status?: number): void
  /** The node goes offline now or after `afterMs`: its API answers 595, migrations to or from it fail. */
  nodeDown(node: string, afterMs?: number): void
  /** The node is back online. */
  nodeUp(node: string): void
  /**
   * The storage stops answering on that node (an NFS server gone, a hung pool): listing
   * its content or asking its status finds it not online, while /cluster/resources still
   * shows what pvestatd last reported. `online = true` brings it back.
   */
  storageOffline(node: string, storage: string, offline?: boolean): void
  /**
   * Someone else writes `bytes` onto the storage on that node (a backup, a new disk, a
   * guest filling its thin volume): its use grows, capped at its size.
   */
  fillStorage(node: string, storage: string, bytes: number): void
  /** That guest's next migration task ends with `migration aborted`, the reason in its log. */
  failMigration(vmid: number, reason?: string): void
  /**
   * The next `count` requests (of `method` only, when given) are carried out but their
   * answers are lost: the connection closes without a response. A migration POST hit by
   * this has started all the same — what a client must not retry blindly.
   */
  dropResponses(count: number, method?: string): void
  /** Every ticket issued so far becomes invalid (401 until the client logs in again). */
  expireTickets(): void
  /**
   * The operation (`'GET /access/permissions'`) answers as a server without it would: 501
   * `Method 'GET /x' not implemented` (an older Proxmox VE), or 403 `Permission check failed`.
   */
  withoutOperation(operation: string, status?: 501 | 403): void
  /** Back to no faults: latency 0, no errors, nodes taken down by faults as the seed had them. */
  reset(): void
}

export interface FaultHooks {
  knowsNode(node: string): boolean
  setNodeDown(node: string, down: boolean): void
  /** False when the node has no such storage. */
  setStorageOffline(node: string, storage: string, offline: boolean): boolean
  /** False when the node has no such storage. */
  fillStorage(node: string, storage: string, bytes: number): boolean
  /** The node as the seed had it (reset). */
  restoreNode(node: string): void
  failMigration(vmid: number, reason: string): void
  clearMigrationFailures(): void
  expireTickets(): void
}

export const DEFAULT_MIGRATION_FAILURE = 'migration failed: fault injected by the emulator'

export class Faults implements FaultController {
  latencyMs = 0
  private readonly slowed: {pattern: RegExp; ms: number}[] = []
  private rate = 0
  private rateStatus = 500
  private burstLeft = 0
  private burstStatus = 500
  private dropLeft = 0
  private dropMethod: string | undefined
  private readonly random: () => number
  private readonly pendingDowns = new Map<string, NodeJS.Timeout>()
  private readonly downed = new Set<string>()
  private readonly withheld = new Map<string, 501 | 403>()
  private readonly offlineStorages = new Set<string>()

  constructor(private readonly hooks: FaultHooks, seed: number) {
    this.random = seededRandom(seed)
  }

  latency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be ≥ 0 ms, got ${ms}`)
    this.latencyMs = ms
  }

  slow(pattern: RegExp, ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be ≥ 0 ms, got ${ms}`)
    this.slowed.push({pattern, ms})
  }

  /** The latency a request gets: the one for all, plus that of every `slow` pattern it matches. */
  latencyFor(request: string): number {
    let ms = this.latencyMs
    for (const slow of this.slowed) if (slow.pattern.test(request)) ms += slow.ms
    return ms
  }

  errorRate(rate: number, status = 500): void {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`error rate must be between 0 and 1, got ${rate}`)
    this.rate = rate
    this.rateStatus = checkStatus(status)
  }

  burst(count: number, status = 500): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`burst count must be a whole number ≥ 0, got ${count}`)
    this.burstLeft = count
    this.burstStatus = checkStatus(status)
  }

  nodeDown(node: string, afterMs = 0): void {
    this.requireNode(node)
    clearTimeout(this.pendingDowns.get(node))
    const down = () => {
      this.pendingDowns.delete(node)
      this.downed.add(node)
      this.hooks.setNodeDown(node, true)
    }
    if (afterMs > 0) this.pendingDowns.set(node, setTimeout(down, afterMs))
    else down()
  }

  nodeUp(node: string): void {
    this.requireNode(node)
    clearTimeout(this.pendingDowns.get(node))
    this.pendingDowns.delete(node)
    this.downed.delete(node)
    this.hooks.setNodeDown(node, false)
  }

  storageOffline(node: string, storage: string, offline = true): void {
    this.requireNode(node)
    if (!this.hooks.setStorageOffline(node, storage, offline)) throw new RangeError(`node ${node} has no storage ${JSON.stringify(storage)}`)
    if (offline) this.offlineStorages.add(`${node}/${storage}`)
    else this.offlineStorages.delete(`${node}/${storage}`)
  }

  fillStorage(node: string, storage: string, bytes: number): void {
    this.requireNode(node)
    if (!(bytes >= 0)) throw new RangeError(`bytes must be ≥ 0, got ${bytes}`)
    if (!this.hooks.fillStorage(node, storage, bytes)) throw new RangeError(`node ${node} has no storage ${JSON.stringify(storage)}`)
  }

  dropResponses(count: number, method?: string): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`dropResponses count must be a whole number ≥ 0, got ${count}`)
    this.dropLeft = count
    this.dropMethod = method?.toUpperCase()
  }

  failMigration(vmid: number, reason = DEFAULT_MIGRATION_FAILURE): void {
    this.hooks.failMigration(vmid, reason)
  }

  expireTickets(): void {
    this.hooks.expireTickets()
  }

  withoutOperation(operation: string, status: 501 | 403 = 501): void {
    if (!/^(GET|POST|PUT|DELETE) \/\S*$/.test(operation)) throw new RangeError(`an operation is METHOD /path, e.g. 'GET /access/permissions', got ${JSON.stringify(operation)}`)
    if (status !== 501 && status !== 403) throw new RangeError(`a withheld operation answers 501 or 403, got ${status}`)
    this.withheld.set(operation, status)
  }

  /** The status a withheld operation answers with, if this request is one. */
  withheldStatus(method: string, path: string): 501 | 403 | undefined {
    return this.withheld.get(`${method} ${path}`)
  }

  reset(): void {
    this.latencyMs = 0
    this.slowed.length = 0
    this.rate = 0
    this.burstLeft = 0
    this.dropLeft = 0
    for (const timer of this.pendingDowns.values()) clearTimeout(timer)
    this.pendingDowns.clear()
    for (const node of this.downed) this.hooks.restoreNode(node)
    this.downed.clear()
    this.withheld.clear()
    for (const key of this.offlineStorages) this.hooks.setStorageOffline(key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1), false)
    this.offlineStorages.clear()
    this.hooks.clearMigrationFailures()
  }

  /** Cancels timers (on close). */
  dispose(): void {
    for (const timer of this.pendingDowns.values()) clearTimeout(timer)
    this.pendingDowns.clear()
  }

  /** The status this request must fail with, if a burst or the error rate says so. */
  injectedFailure(): number | undefined {
    if (this.burstLeft > 0) {
      this.burstLeft--
      return this.burstStatus
    }
    if (this.rate > 0 && this.random() < this.rate) return this.rateStatus
    return undefined
  }

  /** Whether the answer to this request must be lost (counts it). */
  dropsResponse(method: string): boolean {
    if (this.dropLeft === 0 || (this.dropMethod && this.dropMethod !== method)) return false
    this.dropLeft--
    return true
  }

  private requireNode(node: string): void {
    if (!this.hooks.knowsNode(node)) throw new RangeError(`no node ${JSON.stringify(node)} in this cluster`)
  }
}

function checkStatus(status: number): number {
  if (!Number.isInteger(status) || status < 500 || status > 599) throw new RangeError(`injected failures use a 5xx status (500-599, e.g. 503, 595, 596), got ${status}`)
  return status
}
