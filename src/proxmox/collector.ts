/**
 * Reads a cluster through the API into a Snapshot v1: the effectful half of `proxlb
 * snapshot` (./translate.ts is the pure half).
 *
 * As few calls as the API allows: eight cluster-wide reads (resources, status, options,
 * version, the storage configuration, HA resources, rules and manager status; HA groups
 * instead of rules on servers before PVE 9), one status per online node, one config per
 * guest for its disks and devices, one content listing per node-local guest storage of
 * each online node (what each volume occupies: no other read says so, and one listing
 * covers every guest on it), and with a CPU window one RRD read per running guest and per
 * node and one of the cluster's recent tasks (for the migrations within the window).
 * Per-node and per-guest reads run with bounded concurrency, at most a few per node at
 * once, the nodes taken in turn. A node that stops answering (595) is read no further
 * and recorded as unknown, not allowed to fail the snapshot; a guest that moved meanwhile
 * keeps what /cluster/resources said of it; a storage whose content cannot be listed
 * leaves what its volumes occupy unknown. Failed logins and unreachable hosts do fail it,
 * with the client's one-line error.
 */
import {apiPath, type ProxmoxClient} from './client.js'
import {ApiError, AuthenticationError, ConnectionError, NodeUnreachableError} from './errors.js'
import {DEFAULT_CONCURRENCY, PER_NODE_CONCURRENCY} from './limits.js'
import {readTaskList, type TaskSummary, taskSucceeded} from './tasks.js'
import {type ClusterReading, snapshotFromReading, storagesToList, vmidOf} from './translate.js'
import type {Snapshot} from '../model/snapshot.js'

export type CpuWindow = 'off' | 'hour' | 'day'

export interface CollectOptions {
  /** Average CPU over the last hour or day of RRD data instead of one sample. */
  cpuWindow: CpuWindow
  /** With a CPU window, average memory over it too (the balance service's balance.window). */
  averageMemory?: boolean
  /** Most per-node or per-guest requests in flight at once (default DEFAULT_CONCURRENCY). */
  concurrency?: number
  /** When the snapshot is taken, ISO-8601 UTC (the caller owns the clock). */
  takenAt: string
  /** `proxlb 0.1.0`. */
  tool: string
  onProgress?: (progress: Progress) => void
}

export interface Progress {
  phase: 'cluster' | 'nodes' | 'guest configs and volumes' | 'CPU history'
  done: number
  total: number
}

export interface Collected {
  snapshot: Snapshot
  warnings: string[]
}

interface GuestRef {
  vmid: number
  type: 'qemu' | 'lxc'
  node: string
  running: boolean
}

/** One read of the per-guest phase: a guest's config, or the content of a storage on a node. */
type Read = {kind: 'config'; node: string; guest: GuestRef} | {kind: 'content'; node: string; storage: string}

export async function collectSnapshot(client: ProxmoxClient, options: CollectOptions): Promise<Collected> {
  const progress = options.onProgress ?? (() => {})
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const byNode = {key: (guest: GuestRef) => guest.node, limit: PER_NODE_CONCURRENCY}
  const warnings: string[] = []
  const unreachable = new Set<string>()

  progress({phase: 'cluster', done: 0, total: 1})
  // One login first: wrong credentials give one error, not one per parallel request.
  await client.login()
  const version = await optional(client.get<unknown>('/version'), '/version', warnings)
  const [resources, status, clusterOptions, storageConfig, haResources, haRules, haManagerStatus] = await Promise.all([
    client.get<unknown>('/cluster/resources'),
    client.get<unknown>('/cluster/status'),
    optional(client.get<unknown>('/cluster/options'), 'datacenter options (for the crs settings)', warnings),
    // Lists only the storages the user may audit: without Datastore.Audit, none (not an error).
    optional(client.get<unknown>('/storage'), 'the storage configuration (for thin provisioning and disabled storages)', warnings),
    optional(client.get<unknown>('/cluster/ha/resources'), 'HA resources', warnings),
    client.get<unknown>('/cluster/ha/rules').catch((error: unknown) => (isNotImplemented(error) ? NO_RULES : refusal(error, 'HA rules', warnings))),
    optional(client.get<unknown>('/cluster/ha/status/manager_status'), 'HA manager status (for maintenance mode)', warnings),
  ])
  // Before PVE 9 there are no HA rules; HA groups say the same thing.
  const haGroups = haRules === NO_RULES ? await optional(client.get<unknown>('/cluster/ha/groups'), 'HA groups', warnings) : undefined
  progress({phase: 'cluster', done: 1, total: 1})

  const entries = Array.isArray(resources) ? (resources as Record<string, unknown>[]) : []
  const onlineNodes = entries.filter((r) => r?.type === 'node' && r.status === 'online' && typeof r.node === 'string').map((r) => r.node as string)
  const online = new Set(onlineNodes)
  const guests: GuestRef[] = entries.flatMap((r) => {
    const vmid = vmidOf(r?.vmid)
    if ((r?.type !== 'qemu' && r?.type !== 'lxc') || vmid === undefined || typeof r.node !== 'string' || !online.has(r.node)) return []
    return [{vmid, type: r.type, node: r.node, running: r.status === 'running'}]
  })

  // Calls about a node that stopped answering are not made: one 595 per node is enough.
  const onNode = async <T>(node: string, read: () => Promise<T>): Promise<T | undefined> => {
    if (unreachable.has(node)) return undefined
    try {
      return await read()
    } catch (error) {
      if (error instanceof NodeUnreachableError) {
        unreachable.add(node)
        return undefined
      }
      throw error
    }
  }

  const nodeStatus: Record<string, unknown> = {}
  let nodesDone = 0
  await forEachBounded(onlineNodes, concurrency, async (node) => {
    nodeStatus[node] = await onNode(node, () => client.get<unknown>(apiPath`/nodes/${node}/status`))
    progress({phase: 'nodes', done: ++nodesDone, total: onlineNodes.length})
  })

  // Guest configs and the content of each node's local guest storages, in one pool: a
  // listing takes a node longer than a config, so the listings of a node go first.
  const listings = storagesToList(resources, storageConfig).filter((l) => online.has(l.node))
  const reads: Read[] = [...listings.map((l): Read => ({kind: 'content', ...l})), ...guests.map((guest): Read => ({kind: 'config', node: guest.node, guest}))]
  const guestConfigs = new Map<number, unknown>()
  const storageContents = new Map<string, unknown>()
  const unlisted: string[] = []
  let readsDone = 0
  await forEachBounded(reads, concurrency, async (read) => {
    if (read.kind === 'config') {
      const {guest} = read
      const config = await onNode(guest.node, () =>
        client.get<unknown>(apiPath`/nodes/${guest.node}/${guest.type}/${guest.vmid}/config`).catch((error: unknown) => {
          // The guest moved or was removed between the two reads: keep what the resources said.
          if (error instanceof ApiError && !(error instanceof AuthenticationError) && error.status === 500) {
            warnings.push(`guest ${guest.vmid}: its configuration could not be read on ${guest.node} (${error.serverMessage || error.status}); its disks and devices are not checked`)
            return undefined
          }
          throw error
        }),
      )
      if (config !== undefined) guestConfigs.set(guest.vmid, config)
    } else {
      const content = await onNode(read.node, () =>
        client.get<unknown>(apiPath`/nodes/${read.node}/storage/${read.storage}/content`).catch((error: unknown) => {
          // Inactive, forbidden or too slow: what its volumes occupy stays unknown, the snapshot goes on.
          if ((error instanceof ApiError && !(error instanceof AuthenticationError) && !(error instanceof NodeUnreachableError)) || error instanceof ConnectionError) {
            unlisted.push(`${read.node}/${read.storage} (${error instanceof ApiError ? error.serverMessage || error.status : error.message})`)
            return undefined
          }
          throw error
        }),
      )
      if (content !== undefined) storageContents.set(`${read.node}/${read.storage}`, content)
    }
    progress({phase: 'guest configs and volumes', done: ++readsDone, total: reads.length})
  }, {key: (read) => read.node, limit: PER_NODE_CONCURRENCY})
  if (unlisted.length > 0) {
    unlisted.sort()
    warnings.push(`the content of ${unlisted.length} storage${unlisted.length === 1 ? '' : 's'} could not be listed, so what their volumes occupy is not known: ${unlisted.slice(0, 5).join('; ')}${unlisted.length > 5 ? '; ...' : ''}`)
  }

  let cpuAverages: ClusterReading['cpuAverages']
  let memoryAverages: ClusterReading['memoryAverages']
  if (options.cpuWindow !== 'off') {
    const timeframe = options.cpuWindow
    const running = guests.filter((g) => g.running)
    const total = running.length + onlineNodes.length
    let done = 0
    const guestCpu = new Map<number, number>()
    const nodeCpu = new Map<string, number>()
    const guestMemory = new Map<number, number>()
    const nodeMemory = new Map<string, number>()
    const tick = () => progress({phase: 'CPU history', done: ++done, total})
    await forEachBounded(running, concurrency, async (guest) => {
      const rows = await onNode(guest.node, () => client.get<unknown>(apiPath`/nodes/${guest.node}/${guest.type}/${guest.vmid}/rrddata`, {timeframe, cf: 'AVERAGE'}))
      const average = averageCpu(rows)
      if (average !== undefined) guestCpu.set(guest.vmid, average)
      // The host's view of a VM's memory (memhost, PVE 9) when there is one, as in one sample.
      const memory = options.averageMemory ? averageOf(rows, guest.type === 'qemu' && hasField(rows, 'memhost') ? 'memhost' : 'mem') : undefined
      if (memory !== undefined) guestMemory.set(guest.vmid, memory)
      tick()
    }, byNode)
    let rowTimes: number[] = []
    await forEachBounded(onlineNodes, concurrency, async (node) => {
      const rows = await onNode(node, () => client.get<unknown>(apiPath`/nodes/${node}/rrddata`, {timeframe, cf: 'AVERAGE'}))
      if (rowTimes.length === 0) rowTimes = timesOf(rows)
      const average = averageCpu(rows)
      if (average !== undefined) nodeCpu.set(node, average)
      const memory = options.averageMemory ? averageOf(rows, 'memused') : undefined
      if (memory !== undefined) nodeMemory.set(node, memory)
      tick()
    })
    // A node's RRD stays with the node, a guest's with the guest: a guest that migrated
    // within the window is still in the average of the node it left. Counted where it runs
    // now instead, for the whole window, as the plan places it.
    const recent = rowTimes.length > 1
      ? await client.get<unknown>('/cluster/tasks').catch((error: unknown) => {
          if (!(error instanceof ApiError) || error instanceof AuthenticationError) throw error
          warnings.push(`recent migrations could not be read (/cluster/tasks: ${error.serverMessage || error.status}): a guest migrated within the ${timeframe}'s window still counts on the node it left`)
          return undefined
        })
      : undefined
    if (recent !== undefined) {
      const where = new Map(guests.map((g) => [g.vmid, g.node]))
      const moved = migrationsSince(readTaskList(recent), where, rowTimes[0] - (rowTimes[1] - rowTimes[0]))
      const cores = coresOf(entries)
      const shares = {memory: (_vmid: number, _node: string) => 1, cpu: (vmid: number, node: string) => (cores.guests.get(vmid) ?? 0) / (cores.nodes.get(node) || Infinity)}
      placeAverages(nodeCpu, guestCpu, moved, rowTimes, shares.cpu)
      if (options.averageMemory) placeAverages(nodeMemory, guestMemory, moved, rowTimes, shares.memory)
    }
    cpuAverages = {guests: guestCpu, nodes: nodeCpu}
    if (options.averageMemory) memoryAverages = {guests: guestMemory, nodes: nodeMemory}
  }

  const translation = snapshotFromReading(
    {
      resources, status, options: clusterOptions, version, haResources, haRules: haRules === NO_RULES ? undefined : haRules, haGroups, haManagerStatus,
      nodeStatus, guestConfigs, storageConfig, storageContents, cpuAverages, memoryAverages, unreachableNodes: unreachable,
    },
    {takenAt: options.takenAt, kind: 'api', endpoint: client.endpoint, tool: options.tool, cpuWindow: options.cpuWindow === 'off' ? 'sample' : options.cpuWindow},
  )
  return {snapshot: translation.snapshot, warnings: [...warnings, ...translation.warnings]}
}

const NO_RULES = Symbol('no HA rules endpoint')

function isNotImplemented(error: unknown): boolean {
  return error instanceof ApiError && error.status === 501
}

/**
 * A read the snapshot can do without (datacenter options, HA state): a refusal becomes a
 * warning. Failed logins and unreachable hosts still fail the snapshot.
 */
function optional<T>(request: Promise<T>, what: string, warnings: string[]): Promise<T | undefined> {
  return request.catch((error: unknown) => refusal(error, what, warnings))
}

function refusal(error: unknown, what: string, warnings: string[]): undefined {
  if (error instanceof ApiError && !(error instanceof AuthenticationError)) {
    warnings.push(`${what} could not be read, the snapshot goes without: ${error.message}`)
    return undefined
  }
  throw error
}

/** A migration that ended within an RRD window: the guest ran on `from` until `end` (seconds since the epoch), on `to` after. */
export interface WindowMigration {
  vmid: number
  from: string
  to: string
  end: number
}

/**
 * The guest migrations that succeeded since `since`, from a task list (/cluster/tasks:
 * qmigrate and vzmigrate, whoever started them, the HA stack included), each with where
 * the guest went: where it left from next, or where it is now (`where`).
 */
export function migrationsSince(tasks: readonly TaskSummary[], where: ReadonlyMap<number, string>, since: number): WindowMigration[] {
  const ended = tasks
    .filter((t) => (t.type === 'qmigrate' || t.type === 'vzmigrate') && t.endtime !== undefined && t.endtime > since && t.exitstatus !== undefined && taskSucceeded(t.exitstatus))
    .map((t) => ({vmid: Number(t.id), from: t.node, end: t.endtime!}))
    .filter((t) => Number.isSafeInteger(t.vmid) && where.has(t.vmid))
    .sort((a, b) => a.end - b.end || a.vmid - b.vmid)
  return ended.flatMap((m, i) => {
    const next = ended.slice(i + 1).find((later) => later.vmid === m.vmid)
    const to = next ? next.from : where.get(m.vmid)!
    return to === m.from ? [] : [{...m, to}]
  })
}

/**
 * Node averages (`nodes`, by name) as if each guest that migrated within the window had
 * been where it went for all of it: the share of the window's rows it spent on the node it
 * left (the rows before `end`, the one it ended in in part) taken off that node and put on
 * the other, at the guest's own average (`guests`, by vmid) times `share` (what one unit
 * of the guest's figure is of the node's: 1 for bytes, its cores over the node's for CPU
 * fractions). Nodes and guests without an average are left as they are.
 */
export function placeAverages(nodes: Map<string, number>, guests: ReadonlyMap<number, number>, moved: readonly WindowMigration[], rowTimes: readonly number[], share: (vmid: number, node: string) => number): void {
  if (rowTimes.length < 2) return
  const step = rowTimes[1] - rowTimes[0]
  for (const m of moved) {
    const average = guests.get(m.vmid)
    if (average === undefined) continue
    // Row t averages (t - step, t]: the part of it before `end`, the guest still on `from`.
    const before = rowTimes.reduce((sum, t) => sum + Math.min(1, Math.max(0, (m.end - (t - step)) / step)), 0) / rowTimes.length
    for (const [node, sign] of [[m.from, -1], [m.to, 1]] as const) {
      const value = nodes.get(node)
      if (value !== undefined) nodes.set(node, Math.max(0, value + sign * before * average * share(m.vmid, node)))
    }
  }
}

function timesOf(rows: unknown): number[] {
  if (!Array.isArray(rows)) return []
  return rows.map((row) => (row as Record<string, unknown>)?.time).filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
}

/** Cores of each guest and node, from /cluster/resources. */
function coresOf(entries: readonly (Record<string, unknown> | undefined)[]): {guests: Map<number, number>; nodes: Map<string, number>} {
  const guests = new Map<number, number>()
  const nodes = new Map<string, number>()
  for (const r of entries) {
    const cores = typeof r?.maxcpu === 'number' ? r.maxcpu : undefined
    if (cores === undefined) continue
    const vmid = vmidOf(r?.vmid)
    if ((r?.type === 'qemu' || r?.type === 'lxc') && vmid !== undefined) guests.set(vmid, cores)
    else if (r?.type === 'node' && typeof r.node === 'string') nodes.set(r.node, cores)
  }
  return {guests, nodes}
}

/** The mean of `cpu` over RRD rows that have one (rows without data carry none). */
export function averageCpu(rows: unknown): number | undefined {
  return averageOf(rows, 'cpu')
}

/** The mean of a field over RRD rows (rows without it, as PVE leaves gaps, do not count). */
export function averageOf(rows: unknown, field: string): number | undefined {
  if (!Array.isArray(rows)) return undefined
  const values = rows.map((row) => (row as Record<string, unknown>)?.[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length
}

function hasField(rows: unknown, field: string): boolean {
  return Array.isArray(rows) && rows.some((row) => typeof (row as Record<string, unknown>)?.[field] === 'number')
}

/** At most this many items of one group (one node) in flight at once. */
export interface GroupLimit<T> {
  key: (item: T) => string
  limit: number
}

/**
 * Runs `work` over `items` with at most `limit` running at once and, with `group`, at most
 * `group.limit` of one group at once, taking the groups in turn (round robin, each group's
 * items in their order) so that the work spreads over the groups whatever order the items
 * came in. The first error stops the rest and is thrown.
 */
export function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, group?: GroupLimit<T>): Promise<void> {
  const keyOf = group?.key ?? (() => '')
  const perGroup = group?.limit ?? Infinity
  const queues = new Map<string, {items: T[]; next: number; running: number}>()
  for (const item of items) {
    const key = keyOf(item)
    const queue = queues.get(key)
    if (queue) queue.items.push(item)
    else queues.set(key, {items: [item], next: 0, running: 0})
  }
  const turn = [...queues.values()]
  let cursor = 0
  /** The next item of the next group (in turn) that has one waiting and room for it. */
  const take = (): [T, (typeof turn)[number]] | undefined => {
    for (let looked = 0; looked < turn.length; looked++) {
      const queue = turn[(cursor + looked) % turn.length]
      if (queue.next < queue.items.length && queue.running < perGroup) {
        cursor = (cursor + looked + 1) % turn.length
        return [queue.items[queue.next++], queue]
      }
    }
    return undefined
  }
  return new Promise((resolve, reject) => {
    let running = 0
    let left = items.length
    let failed = false
    const start = (): void => {
      while (!failed && running < limit) {
        const next = take()
        if (!next) return
        const [item, queue] = next
        running++
        queue.running++
        let done: Promise<void>
        try {
          done = work(item)
        } catch (error) {
          done = Promise.reject(error)
        }
        done.then(
          () => {
            running--
            queue.running--
            if (--left === 0) resolve()
            else start()
          },
          (error: unknown) => {
            failed = true
            reject(error)
          },
        )
      }
    }
    if (left === 0) resolve()
    else start()
  })
}
