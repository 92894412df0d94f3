/**
 * Proxmox VE API answers into a Snapshot v1: the pure half of `proxlb snapshot`.
 *
 * Input is what the collector read (cluster resources, status and options, HA resources,
 * rules or groups and manager status, node status, guest configs, the storage
 * configuration and content listings, optional RRD averages), as the API returned it;
 * output is a snapshot that passes the schema, plus warnings.
 * Every reader is lenient in the ways real servers differ: numbers sent as strings (old
 * servers send an LXC `vmid` as "103"), 0/1 integers or booleans, fields missing on
 * offline nodes and stopped guests, `crs` as an object or a property string, HA status
 * with or without its `manager_status` wrapper. Nothing is dropped: offline nodes,
 * templates, locked and migrating guests, HA guests and nodes in maintenance all appear
 * with what is known of them. No I/O, no clock: `meta` carries the time and the source.
 */
import {FORMATS} from '../model/formats.js'
import {isRunning, snapshotFingerprint, type Guest, type Node, type Snapshot, type Storage} from '../model/snapshot.js'
import type {HaRule, LocalDisk, SharedDisk} from '../model/generated/snapshot.v1.js'
import {guestConfigFacts, type GuestVolume} from './guest-config.js'
import {thinProvisioned} from './storage-plugins.js'

/** Everything the collector read, each answer as the API gave it (the `data` member). */
export interface ClusterReading {
  resources: unknown
  status: unknown
  options?: unknown
  version?: unknown
  haResources?: unknown
  /** GET /cluster/ha/rules (PVE 9); undefined on older servers. */
  haRules?: unknown
  /** GET /cluster/ha/groups, read only where rules do not exist (PVE 8 and older). */
  haGroups?: unknown
  haManagerStatus?: unknown
  /** GET /nodes/{node}/status by node name. */
  nodeStatus?: Readonly<Record<string, unknown>>
  /** GET .../config by vmid. */
  guestConfigs?: ReadonlyMap<number, unknown>
  /** GET /storage: the datacenter's storage configuration, as far as the reader may see it. */
  storageConfig?: unknown
  /** GET /nodes/{node}/storage/{storage}/content by `node/storage`, where it was read. */
  storageContents?: ReadonlyMap<string, unknown>
  /** Average CPU use over the window, as a fraction of the guest's or node's CPUs. */
  cpuAverages?: {guests: ReadonlyMap<number, number>; nodes: ReadonlyMap<string, number>}
  /** Average memory use over the window, in bytes (the balance service's balance.window). */
  memoryAverages?: {guests: ReadonlyMap<number, number>; nodes: ReadonlyMap<string, number>}
  /** Nodes that stopped answering (595) while being read: listed, but not as online. */
  unreachableNodes?: ReadonlySet<string>
}

export interface SnapshotMeta {
  takenAt: string
  kind: Snapshot['source']['kind']
  endpoint?: string
  tool?: string
  cpuWindow: 'sample' | 'hour' | 'day'
}

export interface Translation {
  snapshot: Snapshot
  warnings: string[]
}

type Rec = Record<string, unknown>

export function snapshotFromReading(reading: ClusterReading, meta: SnapshotMeta): Translation {
  const warnings: string[] = []
  const resources = records(reading.resources)
  const statusEntries = records(reading.status)
  const storages = readStorages(resources, reading.storageConfig)
  const maintenance = maintenanceNodes(reading.haManagerStatus, resources)
  const nodes = readNodes(resources, statusEntries, storages, maintenance, reading, warnings)
  const nodeNames = new Set(nodes.map((n) => n.name))
  const ha = readHaResources(reading.haResources)
  const guests = readGuests(resources, nodes, storages, ha, reading, warnings)
  const unknown = guests.flatMap((g) => g.migration?.unknownDisks ?? [])
  if (unknown.length > 0) warnings.push(unknownStorageWarning(unknown, storages.length === 0))
  const rules = readHaRules(reading.haRules, reading.haGroups, ha, warnings)
  const cluster = readCluster(statusEntries, nodes, reading.options)
  if (cluster.crs?.autoRebalance) {
    warnings.push("Proxmox's own HA auto-rebalance is on (crs ha-auto-rebalance): two balancers will fight over the HA guests; turn one of them off")
  }
  if (!cluster.quorate) warnings.push('the cluster has no quorum: nothing can migrate until it is quorate again')

  const pveVersion = text(rec(reading.version)?.version) ?? nodes.find((n) => n.pveVersion)?.pveVersion?.replace(/^pve-manager\//, '').split('/')[0]
  const snapshot: Snapshot = {
    format: FORMATS.snapshot,
    takenAt: meta.takenAt,
    source: {
      kind: meta.kind,
      ...(meta.endpoint ? {endpoint: meta.endpoint} : {}),
      ...(pveVersion ? {pveVersion} : {}),
      ...(meta.tool ? {tool: meta.tool} : {}),
      cpuWindow: meta.cpuWindow,
    },
    cluster,
    nodes,
    guests,
    // A storage entry of a node the cluster does not list says nothing about placement.
    storages: storages.filter((st) => nodeNames.has(st.node)),
    ha: {rules},
  }
  snapshot.fingerprint = snapshotFingerprint(snapshot)
  return {snapshot, warnings}
}

// ---- cluster --------------------------------------------------------------------------

function readCluster(status: Rec[], nodes: Node[], options: unknown): Snapshot['cluster'] {
  const entry = status.find((s) => s.type === 'cluster')
  const local = status.find((s) => s.type === 'node' && flag(s.local))
  const name = text(entry?.name) || text(local?.name) || nodes[0]?.name || 'proxmox'
  // A single node without a cluster has no cluster entry, and is its own quorum.
  const quorate = entry ? flag(entry.quorate) : true
  const crs = readCrs(rec(options)?.crs)
  return {name, quorate, ...(crs ? {crs} : {})}
}

/** crs as GET /cluster/options returns it (an object) or as datacenter.cfg writes it (`ha=static,ha-rebalance-on-start=1`). */
export function readCrs(value: unknown): NonNullable<Snapshot['cluster']['crs']> {
  const settings: Rec = typeof value === 'string' ? propertyString(value) : rec(value) ?? {}
  const mode = text(settings.ha)
  return {
    ha: mode === 'static' || mode === 'dynamic' ? mode : 'basic',
    rebalanceOnStart: flag(settings['ha-rebalance-on-start']),
    autoRebalance: flag(settings['ha-auto-rebalance']),
  }
}

// ---- nodes ----------------------------------------------------------------------------

function readNodes(resources: Rec[], status: Rec[], storages: Storage[], maintenance: Set<string>, reading: ClusterReading, warnings: string[]): Node[] {
  const byName = new Map<string, Rec>()
  for (const r of resources) if (r.type === 'node' && text(r.node)) byName.set(text(r.node)!, r)
  const statusByName = new Map<string, Rec>()
  for (const s of status) if (s.type === 'node' && text(s.name)) statusByName.set(text(s.name)!, s)
  // A guest on a node nobody else lists still needs its node: listed as unknown rather than the guest dropped.
  const guestNodes = resources.filter((r) => (r.type === 'qemu' || r.type === 'lxc') && text(r.node)).map((r) => text(r.node)!)
  const names = [...new Set([...byName.keys(), ...statusByName.keys(), ...guestNodes])].filter((name) => {
    if (NODE_NAME.test(name)) return true
    warnings.push(`node ${JSON.stringify(name)} has a name proxlb cannot use and is left out`)
    return false
  })

  return names.map((name) => {
    const r = byName.get(name) ?? {}
    const s = statusByName.get(name)
    const detail = rec(reading.nodeStatus?.[name])
    let state: Node['status'] = nodeState(text(r.status), s)
    if (state === 'online' && reading.unreachableNodes?.has(name)) {
      state = 'unknown'
      warnings.push(`node ${name} stopped answering while the snapshot was taken: recorded as status unknown, its guests as they were last seen`)
    }
    if (state !== 'online') warnings.push(`node ${name} is ${state}: its guests are listed but cannot move until it is back`)

    const cores = num(r.maxcpu) ?? num(rec(detail?.cpuinfo)?.cpus)
    const memTotal = integer(r.maxmem) ?? integer(rec(detail?.memory)?.total)
    if (cores === undefined || cores <= 0) {
      warnings.push(`node ${name} reported no CPU count (it is ${state}): recorded as 1 core`)
    }
    const cpuFraction = reading.cpuAverages?.nodes.get(name) ?? num(r.cpu) ?? num(detail?.cpu) ?? 0
    const realCores = cores !== undefined && cores > 0 ? cores : 1
    // The disk method balances local guest storage: the root filesystem (disk/maxdisk of
    // the node, rootfs of its status) holds the host, not guest volumes.
    const guestStorage = storages.filter((st) => st.node === name && holdsLocalGuestVolumes(st))
    const disk = {total: sum(guestStorage.map((st) => st.total ?? 0)), used: sum(guestStorage.map((st) => st.used ?? 0))}
    const rootfs = readRootfs(rec(detail?.rootfs), r)
    const ip = text(s?.ip)
    const pveVersion = text(detail?.pveversion)
    return {
      name,
      status: state,
      maintenance: maintenance.has(name),
      ...(ip ? {ip} : {}),
      ...(pveVersion ? {pveVersion} : {}),
      cpu: {cores: realCores, used: round3(fraction(cpuFraction) * realCores)},
      memory: {total: memTotal ?? 0, used: roundedAverage(reading.memoryAverages?.nodes.get(name)) ?? integer(r.mem) ?? integer(rec(detail?.memory)?.used) ?? 0},
      disk,
      ...(rootfs ? {rootfs} : {}),
    }
  })
}

/** The root filesystem: the node's status (read now) before its resource entry (the last RRD update). */
function readRootfs(status: Rec | undefined, resource: Rec): Node['rootfs'] {
  const total = integer(status?.total) ?? integer(resource.maxdisk)
  const used = integer(status?.used) ?? integer(resource.disk)
  return total !== undefined && used !== undefined ? {total, used} : undefined
}

/** An enabled, active, node-local storage for VM images or container volumes: what node.disk adds up. */
function holdsLocalGuestVolumes(storage: Storage): boolean {
  return !storage.shared && storage.active === true && storage.enabled !== false && (storage.content ?? []).some((c) => c === 'images' || c === 'rootdir')
}

const NODE_NAME = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/

function nodeState(resourceStatus: string | undefined, status: Rec | undefined): Node['status'] {
  if (status && status.online !== undefined && !flag(status.online)) return 'offline'
  if (resourceStatus === 'online' || resourceStatus === 'offline') return resourceStatus
  if (resourceStatus === undefined && status && flag(status.online)) return 'online'
  return 'unknown'
}

/** Nodes in HA maintenance: from the HA manager's node states, or a node's `hastate` in the resources. */
function maintenanceNodes(managerStatus: unknown, resources: Rec[]): Set<string> {
  const out = new Set<string>()
  const status = rec(managerStatus)
  const inner = rec(status?.manager_status) ?? status
  for (const [node, state] of Object.entries(rec(inner?.node_status) ?? {})) if (state === 'maintenance') out.add(node)
  for (const r of resources) if (r.type === 'node' && r.hastate === 'maintenance' && text(r.node)) out.add(text(r.node)!)
  return out
}

// ---- storages -------------------------------------------------------------------------

/** A storage's entry in the datacenter's storage configuration (GET /storage). */
interface StorageConfig {
  type?: string
  content?: string[]
  shared: boolean
  disabled: boolean
  /** Nodes the storage is restricted to (`nodes`); undefined: every node. */
  nodes?: string[]
  sparse: boolean
  preallocation?: string
}

function readStorageConfig(value: unknown): Map<string, StorageConfig> {
  const out = new Map<string, StorageConfig>()
  for (const r of records(value)) {
    const id = text(r.storage)
    if (!id) continue
    const nodes = listOf(r.nodes)
    out.set(id, {
      type: text(r.type),
      content: listOf(r.content),
      shared: flag(r.shared),
      disabled: flag(r.disable),
      ...(nodes.length > 0 ? {nodes} : {}),
      sparse: flag(r.sparse),
      preallocation: text(r.preallocation),
    })
  }
  return out
}

/**
 * Storages per node. /cluster/resources lists each storage on each node where it is
 * enabled (pve-manager API2/Cluster.pm skips what storage_check_enabled refuses), with the
 * figures pvestatd last reported (maxdisk, disk) and `status: available` when it had them.
 * The storage configuration adds what the resources lack: thinness (`sparse`,
 * `preallocation`) and the storages that are disabled, listed with `enabled: false` on the
 * nodes they are configured for. Free space is total − used: /cluster/resources carries no
 * `avail`, and asking every node for its storage status would make each node activate
 * every storage it has (pve-storage storage_info) for a figure that differs only by the
 * blocks a file system reserves for root, who writes the copies.
 */
function readStorages(resources: Rec[], configValue: unknown): Storage[] {
  const config = readStorageConfig(configValue)
  const out: Storage[] = []
  for (const r of resources) {
    if (r.type !== 'storage') continue
    const id = text(r.storage) ?? text(r.id)?.split('/').pop()
    const node = text(r.node)
    if (!id || !node) continue
    const conf = config.get(id)
    const content = text(r.content)?.split(',').map((c) => c.trim()).filter(Boolean) ?? conf?.content
    const plugin = text(r.plugintype) ?? conf?.type
    const total = integer(r.maxdisk)
    const used = integer(r.disk)
    const thin = thinProvisioned(plugin, conf && {sparse: conf.sparse, preallocation: conf.preallocation})
    out.push({
      id,
      node,
      ...(plugin ? {type: plugin} : {}),
      shared: r.shared === undefined && conf ? conf.shared : flag(r.shared),
      ...(content ? {content} : {}),
      ...(total !== undefined ? {total} : {}),
      ...(used !== undefined ? {used} : {}),
      ...(total !== undefined && used !== undefined ? {free: Math.max(0, total - used)} : {}),
      ...(thin !== undefined ? {thin} : {}),
      enabled: !conf?.disabled,
      active: r.status === 'available',
    })
  }
  const nodes = [...new Set(resources.filter((r) => r.type === 'node' && text(r.node)).map((r) => text(r.node)!))]
  for (const [id, conf] of config) {
    if (!conf.disabled) continue
    for (const node of conf.nodes ?? nodes) {
      if (out.some((st) => st.id === id && st.node === node)) continue
      const thin = thinProvisioned(conf.type, conf)
      out.push({
        id, node, ...(conf.type ? {type: conf.type} : {}), shared: conf.shared, ...(conf.content ? {content: conf.content} : {}),
        ...(thin !== undefined ? {thin} : {}), enabled: false, active: false,
      })
    }
  }
  return out
}

/**
 * The storages whose content the collector lists on each node: enabled, active,
 * node-local ones for guest volumes (what each volume occupies is known nowhere else).
 */
export function storagesToList(resources: unknown, storageConfig: unknown): {node: string; storage: string}[] {
  return readStorages(records(resources), storageConfig).filter(holdsLocalGuestVolumes).map((st) => ({node: st.node, storage: st.id}))
}

// ---- guests ---------------------------------------------------------------------------

interface HaResource {
  state?: string
  group?: string
}

function readHaResources(value: unknown): Map<number, HaResource> {
  const out = new Map<number, HaResource>()
  // The API lists resources ({sid, state, group}); the HA stack's own config maps sid to settings.
  const entries: Rec[] = Array.isArray(value) ? records(value) : Object.entries(rec(value) ?? {}).flatMap(([sid, v]) => (rec(v) ? [{...rec(v), sid}] : []))
  for (const r of entries) {
    const vmid = vmidOfSid(text(r.sid))
    if (vmid === undefined) continue
    const state = text(r.state)
    const group = text(r.group)
    out.set(vmid, {...(state ? {state} : {}), ...(group ? {group} : {})})
  }
  return out
}

/** `vm:100`, `ct:101` or a bare `100` into 100. */
function vmidOfSid(sid: string | undefined): number | undefined {
  const match = /^(?:(?:vm|ct):)?([0-9]+)$/.exec(sid?.trim() ?? '')
  return match ? vmidOf(match[1]) : undefined
}

function readGuests(resources: Rec[], nodes: Node[], storages: Storage[], ha: Map<number, HaResource>, reading: ClusterReading, warnings: string[]): Guest[] {
  const nodeNames = new Set(nodes.map((n) => n.name))
  const placement = volumePlacement(storages, reading.storageContents)
  const seen = new Set<number>()
  const guests: Guest[] = []
  for (const r of resources) {
    if (r.type !== 'qemu' && r.type !== 'lxc') continue
    const type = r.type
    const vmid = vmidOf(r.vmid) ?? vmidOfSid(text(r.id)?.split('/').pop())
    const node = text(r.node)
    if (vmid === undefined || !node) {
      warnings.push(`a ${type} entry without a usable vmid or node (${JSON.stringify(r.id ?? r.vmid ?? null)}) is left out`)
      continue
    }
    if (seen.has(vmid)) {
      warnings.push(`guest ${vmid} is listed twice by the cluster (a migration finishing?): the first entry is kept`)
      continue
    }
    if (!nodeNames.has(node)) {
      warnings.push(`guest ${vmid} is on node ${JSON.stringify(node)}, whose name proxlb cannot use: left out`)
      continue
    }
    seen.add(vmid)
    guests.push(readGuest(r, type, vmid, node, ha.get(vmid), reading, placement))
  }
  return guests
}

/** What the content listings say of one volume. */
interface ListedVolume {
  size?: number
  used?: number
  format?: string
}

interface VolumePlacement {
  /** Where a volume of a guest on `node` lives: node-local storage, shared storage, or storage the reader cannot see. */
  kind(node: string, storage: string): 'local' | 'shared' | 'unknown'
  listed(node: string, volid: string): ListedVolume | undefined
}

function volumePlacement(storages: Storage[], contents: ReadonlyMap<string, unknown> | undefined): VolumePlacement {
  const byNode = new Map<string, Storage>()
  const byId = new Map<string, Storage>()
  for (const st of storages) {
    byNode.set(`${st.node}\0${st.id}`, st)
    // A storage shared anywhere is shared: a stray local entry of the same id does not make its volumes local.
    if (!byId.has(st.id) || st.shared) byId.set(st.id, st)
  }
  const listed = new Map<string, ListedVolume>()
  for (const [key, value] of contents ?? []) {
    const node = key.slice(0, key.indexOf('/'))
    for (const item of records(value)) {
      const volid = text(item.volid)
      if (!volid) continue
      const format = text(item.format)
      const used = integer(item.used)
      const size = integer(item.size) ?? integer(item['approximate-size'])
      // A directory (subvol) has no allocated size to report: Plugin.pm and BTRFSPlugin.pm give it used 0.
      const known = used !== undefined && !(format === 'subvol' && used === 0)
      listed.set(`${node}\0${volid}`, {...(size !== undefined ? {size} : {}), ...(known ? {used} : {}), ...(format ? {format} : {})})
    }
  }
  return {
    kind: (node, storage) => {
      const st = byNode.get(`${node}\0${storage}`) ?? byId.get(storage)
      if (st) return st.shared ? 'shared' : 'local'
      // pve-storage always configures `local` as a directory on every node (Plugin.pm parse_config).
      return storage === 'local' ? 'local' : 'unknown'
    },
    listed: (node, volid) => listed.get(`${node}\0${volid}`),
  }
}

/** The guest's volumes, each where it lives, with what the listings and the guest's status say it occupies. */
function placeVolumes(volumes: GuestVolume[], node: string, type: 'qemu' | 'lxc', rootfsUsed: number | undefined, placement: VolumePlacement): {local: LocalDisk[]; shared: SharedDisk[]; unknown: SharedDisk[]} {
  const local: LocalDisk[] = []
  const shared: SharedDisk[] = []
  const unknown: SharedDisk[] = []
  for (const v of volumes) {
    const listed = placement.listed(node, v.volid)
    const size = v.size > 0 ? v.size : listed?.size ?? 0
    // A running container's status reports its root filesystem's use (`disk`).
    const used = listed?.used ?? (type === 'lxc' && v.key === 'rootfs' ? rootfsUsed : undefined)
    const base = {key: v.key, volid: v.volid, storage: v.storage, size, ...(used !== undefined ? {used} : {})}
    const kind = v.sharedMount ? 'shared' : placement.kind(node, v.storage)
    // An ISO elsewhere than on local storage is no disk of the guest's and never keeps it on its node.
    if (kind === 'local') local.push({...base, ...(listed?.format ? {format: listed.format} : {}), ...(v.cdrom ? {cdrom: true} : {})})
    else if (!v.cdrom) (kind === 'unknown' ? unknown : shared).push(base)
  }
  return {local, shared, unknown}
}

function unknownStorageWarning(volumes: SharedDisk[], noStorageVisible: boolean): string {
  const ids = [...new Set(volumes.map((v) => v.storage))].sort()
  const what = `${volumes.length} volume${volumes.length === 1 ? '' : 's'} on ${ids.length === 1 ? 'storage' : 'storages'} ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ' ...' : ''}`
  return noStorageVisible
    ? `no storage is visible to this user (it needs Datastore.Audit on /storage): ${what} are recorded as on unknown storage, and disk space cannot be checked`
    : `${what} cannot be seen by this user (it needs Datastore.Audit on them): those volumes are recorded as on unknown storage`
}

function readGuest(r: Rec, type: 'qemu' | 'lxc', vmid: number, node: string, ha: HaResource | undefined, reading: ClusterReading, placement: VolumePlacement): Guest {
  const status = guestStatus(text(r.status))
  const running = isRunning({status})
  const cores = Math.max(0, num(r.maxcpu) ?? num(r.cpus) ?? 0)
  const cpuFraction = reading.cpuAverages?.guests.get(vmid) ?? num(r.cpu) ?? 0
  // The host's view of a VM's memory (memhost, PVE 9) is what it costs the node; the guest's own is the fallback.
  const memUsed = roundedAverage(reading.memoryAverages?.guests.get(vmid)) ?? (type === 'qemu' ? integer(r.memhost) ?? integer(r.mem) : integer(r.mem))
  const tags = text(r.tags)?.split(/[;,\s]+/).filter(Boolean) ?? []
  const pool = text(r.pool)
  const lock = text(r.lock)
  const config = rec(reading.guestConfigs?.get(vmid))
  const facts = config ? guestConfigFacts(type, config) : undefined
  const diskUsedReported = integer(r.disk) ?? 0
  const placed = facts && placeVolumes(facts.volumes, node, type, running ? integer(r.disk) : undefined, placement)
  const diskAssigned = placed ? sum([...placed.local.filter((v) => !v.cdrom), ...placed.shared, ...placed.unknown].map((v) => v.size)) : integer(r.maxdisk) ?? 0
  const hastate = text(r.hastate)
  const managed = ha !== undefined || hastate !== undefined
  const haState = ha?.state ?? hastate
  const name = text(r.name) || (type === 'qemu' ? `VM ${vmid}` : `CT ${vmid}`)
  return {
    vmid,
    name,
    type,
    node,
    status,
    template: flag(r.template),
    tags,
    ...(pool ? {pool} : {}),
    ...(lock ? {lock} : {}),
    cpu: {cores, used: running ? round3(fraction(cpuFraction) * cores) : 0},
    memory: {assigned: integer(r.maxmem) ?? 0, used: running ? memUsed ?? 0 : 0},
    disk: {assigned: diskAssigned, used: type === 'lxc' || diskUsedReported > 0 ? diskUsedReported : diskAssigned},
    ...(managed ? {ha: {managed: true, ...(haState ? {state: haState} : {}), ...(ha?.group ? {group: ha.group} : {})}} : {}),
    ...(facts && placed
      ? {
          migration: {
            localDisks: placed.local,
            ...(placed.shared.length > 0 ? {sharedDisks: placed.shared} : {}),
            ...(placed.unknown.length > 0 ? {unknownDisks: placed.unknown} : {}),
            localResources: facts.localResources,
          },
        }
      : {}),
  }
}

function guestStatus(value: string | undefined): Guest['status'] {
  if (value === 'running' || value === 'stopped' || value === 'paused') return value
  if (value === 'suspended' || value === 'prelaunch') return 'paused'
  return 'unknown'
}

// ---- HA rules -------------------------------------------------------------------------

function readHaRules(rulesValue: unknown, groupsValue: unknown, ha: Map<number, HaResource>, warnings: string[]): HaRule[] {
  const rules: HaRule[] = []
  for (const r of records(rulesValue)) {
    const id = text(r.rule) ?? text(r.id)
    const type = text(r.type)
    if (!id || (type !== 'node-affinity' && type !== 'resource-affinity')) {
      if (id) warnings.push(`HA rule ${id} has type ${JSON.stringify(type ?? null)}, which proxlb does not know: it is not taken into account`)
      continue
    }
    const resources = listOf(r.resources).flatMap((sid) => vmidOfSid(sid) ?? [])
    const affinity = text(r.affinity)
    rules.push({
      id,
      type,
      resources,
      ...(type === 'node-affinity' ? {nodes: nodePriorities(r.nodes), strict: flag(r.strict)} : {}),
      ...(type === 'resource-affinity' && (affinity === 'positive' || affinity === 'negative') ? {affinity} : {}),
      ...(flag(r.disable) ? {disabled: true} : {}),
    })
  }
  // PVE 8 and older: HA groups are node preferences; a restricted group is a strict one.
  for (const g of records(groupsValue)) {
    const id = text(g.group)
    if (!id) continue
    const members = [...ha.entries()].filter(([, resource]) => resource.group === id).map(([vmid]) => vmid)
    if (members.length === 0) continue
    rules.push({id: `group:${id}`, type: 'node-affinity', resources: members.sort((a, b) => a - b), nodes: nodePriorities(g.nodes), strict: flag(g.restricted)})
  }
  return rules
}

/** `pve1:2,pve2` into [{node: pve1, priority: 2}, {node: pve2}]. */
function nodePriorities(value: unknown): NonNullable<HaRule['nodes']> {
  return listOf(value).flatMap((item) => {
    const [node, priority] = item.split(':')
    if (!node) return []
    const p = priority === undefined ? undefined : Number(priority)
    return [{node, ...(p !== undefined && Number.isInteger(p) ? {priority: p} : {})}]
  })
}

// ---- lenient readers ------------------------------------------------------------------

function rec(value: unknown): Rec | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Rec) : undefined
}

function records(value: unknown): Rec[] {
  return Array.isArray(value) ? value.filter((v): v is Rec => rec(v) !== undefined) : []
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** A finite number, also from a numeric string. */
function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  return Number.isFinite(n) ? n : undefined
}

/** A whole number ≥ 0 of bytes (rounded; negative values are treated as unknown). */
function integer(value: unknown): number | undefined {
  const n = num(value)
  return n === undefined || n < 0 ? undefined : Math.min(Math.round(n), Number.MAX_SAFE_INTEGER)
}

/** A vmid from a number or a string, as old servers send it ("103"). */
export function vmidOf(value: unknown): number | undefined {
  const n = num(value)
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 999_999_999 ? n : undefined
}

/** Proxmox booleans: 1/0, "1"/"0", true/false. */
function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true'
}

/** A comma-separated list (`vm:100,ct:101`) or an array. */
function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []
  return items.map((item) => item.trim()).filter(Boolean)
}

function propertyString(value: string): Rec {
  const out: Rec = {}
  value.split(',').forEach((part, i) => {
    const eq = part.indexOf('=')
    if (eq < 0) {
      // The first item without a name is the default key (`crs: static` means ha=static).
      if (i === 0 && part.trim()) out.ha = part.trim()
      return
    }
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  })
  return out
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** A share of the CPUs, which Proxmox reports from 0 to 1. */
function fraction(value: number): number {
  return Math.min(1, Math.max(0, value))
}

/** Three decimals, as CPU counts are shown; values too large to scale are left as they are. */
function round3(value: number): number {
  const scaled = value * 1000
  return Number.isFinite(scaled) ? Math.round(scaled) / 1000 : value
}

function roundedAverage(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : Math.round(bytes)
}
