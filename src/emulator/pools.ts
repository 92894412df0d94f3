/**
 * Resource pools as pve-manager keeps them in user.cfg (PVE::API2::Pool): a pool has an
 * optional comment, guests and storages as members, and up to two levels of sub-pools
 * (`a/b/c`). Every change happens under the cluster-wide lock on user.cfg, so creating a
 * pool that exists fails, whoever asks at the same moment: what makes a pool usable as
 * a lock. Failures die with PVE's words, prefixed as lock_user_config prefixes them
 * (`create pool failed: pool 'x' already exists`), as a 500.
 *
 * Seeded from the guests' `pool` fields; a guest's `pool` follows its membership.
 */
import type {Cluster} from './cluster.js'
import {serverError} from './errors.js'
import {splitList} from './pve-schema.js'

export interface Pool {
  comment?: string
  vms: Set<number>
  storage: Set<string>
}

/** The pools of a seed: one per `pool` a guest names, with those guests as members. */
export function seedPools(guests: Iterable<{vmid: number; pool?: string}>): Map<string, Pool> {
  const pools = new Map<string, Pool>()
  for (const g of guests) {
    if (!g.pool) continue
    for (const id of withParents(g.pool)) if (!pools.has(id)) pools.set(id, {vms: new Set(), storage: new Set()})
    pools.get(g.pool)!.vms.add(g.vmid)
  }
  return pools
}

export function poolIds(cluster: Cluster): string[] {
  return [...cluster.pools.keys()].sort()
}

/** The pool, or PVE's `pool 'x' does not exist` (500). */
export function poolOf(cluster: Cluster, poolid: string, failed?: string): Pool {
  const pool = cluster.pools.get(poolid)
  if (!pool) throw serverError(`${failed ? `${failed}: ` : ''}pool '${poolid}' does not exist`)
  return pool
}

/** `POST /pools`. */
export function createPool(cluster: Cluster, poolid: string, comment: string | undefined): null {
  const failed = 'create pool failed'
  if (cluster.pools.has(poolid)) throw serverError(`${failed}: pool '${poolid}' already exists`)
  const nested = /^(.*)\/([^/]+)$/.exec(poolid)
  if (nested && !cluster.pools.has(nested[1])) throw serverError(`${failed}: parent '${nested[1]}' of pool '${poolid}' does not exist`)
  if (!/^[A-Za-z]/.test(nested ? nested[2] : poolid)) throw serverError(`${failed}: pool name must start with a letter`)
  cluster.pools.set(poolid, {...(comment ? {comment} : {}), vms: new Set(), storage: new Set()})
  cluster.touch()
  return null
}

export interface PoolUpdate {
  comment?: string
  vms?: string
  storage?: string
  delete?: boolean
  allowMove?: boolean
}

/** `PUT /pools` (and the deprecated `PUT /pools/{poolid}`): the comment, members added or removed. */
export function updatePool(cluster: Cluster, poolid: string, update: PoolUpdate): null {
  const failed = 'update pools failed'
  const pool = poolOf(cluster, poolid, failed)
  // Checked first, changed after: a failing update changes nothing (user.cfg is written once, at the end).
  const next: Pool = {...(pool.comment !== undefined ? {comment: pool.comment} : {}), vms: new Set(pool.vms), storage: new Set(pool.storage)}
  if (update.comment !== undefined) next.comment = update.comment
  const moves: {vmid: number; from: string}[] = []
  for (const item of splitList(update.vms ?? '')) {
    const vmid = Number(item)
    if (update.delete) {
      if (!next.vms.has(vmid)) throw serverError(`${failed}: VM ${vmid} is not a pool member`)
      next.vms.delete(vmid)
      continue
    }
    if (next.vms.has(vmid)) throw serverError(`${failed}: VM ${vmid} is already a pool member`)
    const existing = [...cluster.pools].find(([id, p]) => id !== poolid && p.vms.has(vmid))?.[0]
    if (existing !== undefined) {
      if (!update.allowMove) throw serverError(`${failed}: VM ${vmid} belongs already to pool '${existing}' and 'allow-move' is not set`)
      moves.push({vmid, from: existing})
    }
    next.vms.add(vmid)
  }
  for (const storeid of splitList(update.storage ?? '')) {
    if (update.delete) {
      if (!next.storage.has(storeid)) throw serverError(`${failed}: Storage '${storeid}' is not a pool member`)
      next.storage.delete(storeid)
    } else {
      if (next.storage.has(storeid)) throw serverError(`${failed}: Storage '${storeid}' is already a pool member`)
      next.storage.add(storeid)
    }
  }
  for (const {vmid, from} of moves) cluster.pools.get(from)!.vms.delete(vmid)
  cluster.pools.set(poolid, next)
  for (const vmid of pool.vms) if (!next.vms.has(vmid)) setGuestPool(cluster, vmid, undefined)
  for (const vmid of next.vms) setGuestPool(cluster, vmid, poolid)
  cluster.touch()
  return null
}

/** `DELETE /pools?poolid=` (and the deprecated `DELETE /pools/{poolid}`): only an empty pool goes. */
export function deletePool(cluster: Cluster, poolid: string): null {
  const failed = 'delete pool failed'
  const pool = poolOf(cluster, poolid, failed)
  const sub = poolIds(cluster).find((id) => id.startsWith(`${poolid}/`) && !id.slice(poolid.length + 1).includes('/'))
  if (sub) throw serverError(`${failed}: pool '${poolid}' is not empty (contains pool '${sub}')`)
  // Destroyed guests and removed storages do not count (their ids linger in user.cfg).
  const vmid = [...pool.vms].sort((a, b) => a - b).find((id) => cluster.guests.has(id))
  if (vmid !== undefined) throw serverError(`${failed}: pool '${poolid}' is not empty (contains VM ${vmid})`)
  const storage = [...pool.storage].sort().find((id) => cluster.storages.some((s) => s.id === id))
  if (storage !== undefined) throw serverError(`${failed}: pool '${poolid}' is not empty (contains storage '${storage}')`)
  cluster.pools.delete(poolid)
  cluster.touch()
  return null
}

function setGuestPool(cluster: Cluster, vmid: number, pool: string | undefined): void {
  const guest = cluster.guests.get(vmid)
  if (!guest) return
  if (pool) guest.pool = pool
  else delete guest.pool
}

function withParents(poolid: string): string[] {
  const parts = poolid.split('/')
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'))
}
