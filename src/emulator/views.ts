/**
 * How the emulated cluster looks on the wire: the response bodies of the read endpoints,
 * with the field names, types and 0/1 booleans of a PVE 9 node (the samples in
 * shared/pve-api/samples show the shapes). Pure functions of the cluster state and the
 * time; nothing here changes state.
 *
 * Mapping from the snapshot: a node's `cpu` is the fraction of its cores in use, `mem` and
 * `maxmem` its memory, `disk`/`maxdisk` its root file system (the snapshot's node disk is
 * the local guest storage, reported as storages); a guest's `cpu` is the fraction of its
 * vCPUs in use, `maxmem` its assigned and `mem` its used memory, `maxdisk` the size of all
 * its disks, `disk` the used bytes for containers (0 for VMs, as PVE reports). Guests and
 * storages on a node that is down show status `unknown` without usage figures.
 */
import {compareText, type Guest, isRunning, type Node} from '../model/snapshot.js'
import {isFileBased} from '../proxmox/storage-plugins.js'
import {type Cluster, GiB, round3, stableHex, type StorageConfigEntry} from './cluster.js'
import {parameterError, serverError} from './errors.js'
import {poolIds, poolOf} from './pools.js'
import {occupies} from './storage.js'
import {series, type Timeframe, timestamps} from './rrd.js'

type Json = Record<string, unknown>

const DAY = 86400

export interface ViewContext {
  cluster: Cluster
  /** Seconds since the epoch. */
  now: number
}

function elapsed(ctx: ViewContext): number {
  return Math.max(0, Math.floor(ctx.now - ctx.cluster.startedAt / 1000))
}

function nodeIndex(ctx: ViewContext, name: string): number {
  return ctx.cluster.nodeNames.indexOf(name)
}

export function nodeUptime(ctx: ViewContext, name: string): number {
  return 40 * DAY + nodeIndex(ctx, name) * 3607 + elapsed(ctx)
}

function guestUptime(ctx: ViewContext, guest: Guest): number {
  return isRunning(guest) ? 3 * DAY + (guest.vmid % 997) * 61 + elapsed(ctx) : 0
}

function rootfs(ctx: ViewContext, name: string): {total: number; used: number} {
  return ctx.cluster.rootfs(name)
}

/** Traffic counters of a running guest, growing with its uptime. */
function counters(ctx: ViewContext, guest: Guest): Json {
  const up = guestUptime(ctx, guest)
  const k = (guest.vmid % 37) + 5
  return {netin: up * k * 1200, netout: up * k * 700, diskread: up * k * 4096, diskwrite: up * k * 2048}
}

function usable(ctx: ViewContext, guest: Guest): boolean {
  return ctx.cluster.isOnline(guest.node)
}

function apiStatus(guest: Guest): string {
  return guest.status === 'paused' ? 'running' : guest.status
}

/** Full precision, as PVE sends it: rounding would cost a 128-core node a tenth of a core. */
function cpuFraction(used: number, cores: number): number {
  return cores > 0 ? used / cores : 0
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/** HA state of a guest as /cluster/resources shows it (`hastate`), if HA manages it. */
function haState(ctx: ViewContext, guest: Guest): string | undefined {
  return ctx.cluster.ha.get(guest.vmid)?.crmState
}

/** The HA stack runs when a resource is configured or a node is in maintenance. */
function haActive(ctx: ViewContext): boolean {
  return ctx.cluster.ha.size > 0 || [...ctx.cluster.nodes.values()].some((n) => n.maintenance)
}

/** A node's state as the HA manager sees it (`node_status`). */
export function haNodeState(node: Node): string {
  if (node.status !== 'online') return 'unknown'
  return node.maintenance ? 'maintenance' : 'online'
}

export function guestResource(ctx: ViewContext, guest: Guest): Json {
  const lxc = guest.type === 'lxc'
  const r: Json = {id: `${guest.type}/${guest.vmid}`, type: guest.type, vmid: guest.vmid, name: guest.name, node: guest.node}
  if (!usable(ctx, guest)) {
    Object.assign(r, {status: 'unknown', template: guest.template ? 1 : 0, maxcpu: guest.cpu.cores, maxmem: guest.memory.assigned, maxdisk: guest.disk.assigned})
  } else {
    Object.assign(r, {
      status: apiStatus(guest),
      template: guest.template ? 1 : 0,
      cpu: cpuFraction(guest.cpu.used, guest.cpu.cores),
      maxcpu: guest.cpu.cores,
      mem: guest.memory.used,
      maxmem: guest.memory.assigned,
      ...(lxc ? {} : {memhost: guest.memory.used}),
      disk: lxc ? guest.disk.used : 0,
      maxdisk: guest.disk.assigned,
      uptime: guestUptime(ctx, guest),
      ...counters(ctx, guest),
    })
  }
  if (guest.tags?.length) r.tags = guest.tags.join(';')
  if (guest.pool) r.pool = guest.pool
  if (guest.lock) r.lock = guest.lock
  const ha = haState(ctx, guest)
  if (ha) r.hastate = ha
  return r
}

export function nodeResource(ctx: ViewContext, node: Node): Json {
  const r: Json = {id: `node/${node.name}`, type: 'node', node: node.name, status: node.status, level: '', 'cgroup-mode': 2}
  // Capacities stay known from the last RRD data while a node is down; usage does not.
  const root = rootfs(ctx, node.name)
  Object.assign(r, {maxcpu: node.cpu.cores, maxmem: node.memory.total, maxdisk: root.total})
  if (node.status === 'online') {
    Object.assign(r, {cpu: cpuFraction(node.cpu.used, node.cpu.cores), mem: node.memory.used, disk: root.used, uptime: nodeUptime(ctx, node.name)})
  }
  if (haActive(ctx)) r.hastate = haNodeState(node)
  return r
}

/** Storages per node, as pvestatd last reported them; disabled ones are not listed (pve-manager API2/Cluster.pm). */
function storageResources(ctx: ViewContext): Json[] {
  return ctx.cluster.storages.filter((s) => s.enabled).map((s) => {
    const online = ctx.cluster.isOnline(s.node)
    return {
      id: `storage/${s.node}/${s.id}`,
      type: 'storage',
      storage: s.id,
      node: s.node,
      plugintype: s.type,
      shared: s.shared ? 1 : 0,
      content: s.content.join(','),
      status: online && s.active ? 'available' : 'unknown',
      ...(online && s.active ? {disk: s.used, maxdisk: s.total} : {}),
    }
  })
}

/**
 * `GET /cluster/resources[?type=vm|node|storage|sdn]`, in pve-manager's order: pools (with
 * their members' usage added up), guests, nodes, storages, SDN zones.
 */
export function clusterResources(ctx: ViewContext, type?: string): Json[] {
  const out: Json[] = []
  const c = ctx.cluster
  const guests = [...c.guests.values()].sort((a, b) => a.vmid - b.vmid).map((g) => guestResource(ctx, g))
  if (!type) out.push(...poolResources(ctx, guests))
  if (!type || type === 'vm') out.push(...guests)
  if (!type || type === 'node') for (const name of c.nodeNames) out.push(nodeResource(ctx, c.nodes.get(name)!))
  if (!type || type === 'storage') out.push(...storageResources(ctx))
  if (!type || type === 'sdn') {
    for (const name of c.nodeNames) out.push({id: `sdn/${name}/localnetwork`, type: 'sdn', sdn: 'localnetwork', node: name, status: c.isOnline(name) ? 'ok' : 'unknown'})
  }
  return out
}

/** Pool entries: the uptime of the longest-running member, summed memory and cores, CPU weighted by cores. */
function poolResources(ctx: ViewContext, guests: Json[]): Json[] {
  return poolIds(ctx.cluster).map((pool) => {
    const entry: Json = {id: `/pool/${pool}`, type: 'pool', pool}
    for (const g of guests) {
      if (g.pool !== pool || g.uptime === undefined) continue
      const maxcpu = (entry.maxcpu as number | undefined) ?? 0
      entry.uptime = Math.max((entry.uptime as number | undefined) ?? 0, g.uptime as number)
      entry.mem = ((entry.mem as number | undefined) ?? 0) + (g.mem as number)
      entry.maxmem = ((entry.maxmem as number | undefined) ?? 0) + (g.maxmem as number)
      entry.cpu = maxcpu + (g.maxcpu as number) > 0 ? (((entry.cpu as number | undefined) ?? 0) * maxcpu + (g.cpu as number) * (g.maxcpu as number)) / (maxcpu + (g.maxcpu as number)) : 0
      entry.maxcpu = maxcpu + (g.maxcpu as number)
    }
    return entry
  })
}

/** `GET /cluster/status`. */
export function clusterStatus(ctx: ViewContext): Json[] {
  const c = ctx.cluster
  const local = c.localNode()
  return [
    {type: 'cluster', id: 'cluster', name: c.name, nodes: c.nodeNames.length, quorate: c.quorate() ? 1 : 0, version: c.nodeNames.length + 2},
    ...c.nodeNames.map((name, i) => ({
      type: 'node',
      id: `node/${name}`,
      name,
      nodeid: i + 1,
      ip: c.ip(name),
      online: c.isOnline(name) ? 1 : 0,
      local: name === local ? 1 : 0,
      level: '',
    })),
  ]
}

/** `GET /nodes`. The answering node shows the emulator's own certificate fingerprint. */
export function nodesList(ctx: ViewContext, fingerprint: string | undefined): Json[] {
  const c = ctx.cluster
  const local = c.localNode()
  return c.nodeNames.map((name) => {
    const node = c.nodes.get(name)!
    const r: Json = {
      id: `node/${name}`,
      type: 'node',
      node: name,
      status: node.status,
      level: '',
      ssl_fingerprint: name === local && fingerprint ? fingerprint : fakeFingerprint(name),
    }
    if (node.status === 'online') {
      const root = rootfs(ctx, name)
      Object.assign(r, {
        cpu: cpuFraction(node.cpu.used, node.cpu.cores),
        maxcpu: Math.round(node.cpu.cores),
        mem: node.memory.used,
        maxmem: node.memory.total,
        disk: root.used,
        maxdisk: root.total,
        uptime: nodeUptime(ctx, name),
      })
    }
    return r
  })
}

function fakeFingerprint(name: string): string {
  return (stableHex(`cert ${name}`, 40) + stableHex(`cert2 ${name}`, 24)).toUpperCase().match(/../g)!.join(':')
}

export function pveManagerVersion(ctx: ViewContext): {version: string; release: string; repoid: string} {
  const version = ctx.cluster.pveVersion
  return {version, release: version.split('.').slice(0, 2).join('.'), repoid: stableHex(`pve-manager ${version}`, 16)}
}

/** `GET /nodes/{node}/status`. */
export function nodeStatus(ctx: ViewContext, node: Node): Json {
  const root = rootfs(ctx, node.name)
  const cpus = Math.max(1, Math.round(node.cpu.cores))
  const load = node.cpu.used
  const {version, repoid} = pveManagerVersion(ctx)
  const kernel = '6.14.11-4-pve'
  const build = '#1 SMP PREEMPT_DYNAMIC PMX 6.14.11-4 (2025-10-10T08:04Z)'
  return {
    uptime: nodeUptime(ctx, node.name),
    idle: 0,
    wait: 0.0008,
    cpu: cpuFraction(node.cpu.used, node.cpu.cores),
    loadavg: [load, load * 0.96, load * 0.92].map((v) => v.toFixed(2)),
    cpuinfo: {
      cpus,
      cores: Math.max(1, Math.ceil(cpus / 2)),
      sockets: 1,
      model: 'AMD EPYC 7313P 16-Core Processor',
      mhz: '3000.000',
      hvm: '1',
      user_hz: 100,
      flags: 'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid extd_apicid aperfmperf rapl pni pclmulqdq monitor ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand lahf_lm cmp_legacy svm extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce topoext perfctr_core perfctr_nb bpext perfctr_llc mwaitx cpb cat_l3 cdp_l3 hw_pstate ssbd mba ibrs ibpb stibp vmmcall fsgsbase bmi1 avx2 smep bmi2 erms invpcid cqm rdt_a rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves',
    },
    memory: {total: node.memory.total, used: node.memory.used, free: Math.max(0, node.memory.total - node.memory.used), available: Math.max(0, node.memory.total - node.memory.used)},
    swap: {total: 8 * GiB, used: 0, free: 8 * GiB},
    rootfs: {total: root.total, used: root.used, avail: root.total - root.used, free: root.total - root.used},
    ksm: {shared: 0},
    kversion: `Linux ${kernel} ${build}`,
    'current-kernel': {sysname: 'Linux', release: kernel, version: build, machine: 'x86_64'},
    'boot-info': {mode: 'efi', secureboot: 0},
    pveversion: node.pveVersion && node.pveVersion.split('/').length >= 3 ? node.pveVersion : `pve-manager/${version}/${repoid}`,
  }
}

/** `GET /nodes/{node}/qemu` and `/lxc`: the guests of one type on one node. */
export function guestList(ctx: ViewContext, node: string, type: Guest['type']): Json[] {
  return [...ctx.cluster.guests.values()]
    .filter((g) => g.node === node && g.type === type)
    .sort((a, b) => a.vmid - b.vmid)
    .map((g) => guestEntry(ctx, g))
}

function guestEntry(ctx: ViewContext, guest: Guest): Json {
  const running = isRunning(guest)
  const lxc = guest.type === 'lxc'
  const r: Json = {
    vmid: guest.vmid,
    name: guest.name,
    status: apiStatus(guest),
    cpu: cpuFraction(guest.cpu.used, guest.cpu.cores),
    cpus: guest.cpu.cores,
    mem: guest.memory.used,
    maxmem: guest.memory.assigned,
    ...(lxc ? {maxswap: 512 * 2 ** 20, swap: 0, type: 'lxc'} : {memhost: guest.memory.used}),
    disk: lxc ? guest.disk.used : 0,
    maxdisk: guest.disk.assigned,
    uptime: guestUptime(ctx, guest),
    ...(running ? {pid: 100000 + guest.vmid} : {}),
    ...(running ? counters(ctx, guest) : {netin: 0, netout: 0, diskread: 0, diskwrite: 0}),
  }
  if (guest.tags?.length) r.tags = guest.tags.join(';')
  if (guest.lock) r.lock = guest.lock
  if (guest.template) r.template = 1
  return r
}

/** `GET .../{vmid}/status/current`. */
export function guestStatus(ctx: ViewContext, guest: Guest): Json {
  const r = guestEntry(ctx, guest)
  const ha = ctx.cluster.ha.get(guest.vmid)
  r.ha = ha ? {managed: 1, state: ha.state, ...(ha.group ? {group: ha.group} : {})} : {managed: 0}
  if (guest.type === 'qemu') {
    const running = isRunning(guest)
    Object.assign(r, {
      qmpstatus: guest.status === 'paused' ? 'paused' : apiStatus(guest),
      agent: 1,
      ...(running
        ? {
            'running-machine': 'pc-q35-9.2+pve1',
            'running-qemu': '9.2.0',
            balloon: guest.memory.assigned,
            freemem: Math.max(0, guest.memory.assigned - guest.memory.used),
            nics: {[`tap${guest.vmid}i0`]: {netin: r.netin, netout: r.netout}},
            'proxmox-support': {'pbs-dirty-bitmap': true, 'query-bitmap-info': true, 'pbs-dirty-bitmap-migration': true, 'pbs-masterkey': true, 'backup-max-workers': true},
          }
        : {}),
    })
    r.template = guest.template ? 1 : 0
  }
  return r
}

/**
 * `GET /nodes/{node}/rrddata`: each row swings around what the node used at its time, as
 * its history has it (Cluster.usage): a guest that left within the timeframe is still in
 * the rows before it left, as in PVE's RRD, which stays with the node.
 */
export function nodeRrd(ctx: ViewContext, node: Node, timeframe: Timeframe, cf: 'AVERAGE' | 'MAX'): Json[] {
  const seed = nodeIndex(ctx, node.name) * 31 + 7
  const root = rootfs(ctx, node.name)
  const history = ctx.cluster.usage.get(node.name)!
  const spans = new Map<(typeof history)[number], {cpu: number[]; mem: number[]}>()
  const seriesAt = (time: number) => {
    let use = history[0]
    for (const entry of history) if (entry.since <= time) use = entry
    let found = spans.get(use)
    if (!found) spans.set(use, (found = {cpu: series({mean: cpuFraction(use.cpu, node.cpu.cores), max: 1, seed}, cf), mem: series({mean: use.memory, max: node.memory.total, seed: seed + 1}, cf)}))
    return found
  }
  return timestamps(timeframe, ctx.now).map((time, i) => {
    const {cpu, mem} = seriesAt(time)
    return {
      time,
      cpu: cpu[i],
      maxcpu: Math.round(node.cpu.cores),
      iowait: round6(cpu[i] * 0.02),
      loadavg: round6(cpu[i] * node.cpu.cores),
      memtotal: node.memory.total,
      memused: mem[i],
      swaptotal: 8 * GiB,
      swapused: 0,
      roottotal: root.total,
      rootused: root.used,
      netin: 120_000 + i * 10,
      netout: 80_000 + i * 10,
    }
  })
}

/** `GET .../{vmid}/rrddata`: the guest's CPU and memory around the snapshot's figures. */
export function guestRrd(ctx: ViewContext, guest: Guest, timeframe: Timeframe, cf: 'AVERAGE' | 'MAX'): Json[] {
  const running = isRunning(guest)
  const cpu = series({mean: running ? cpuFraction(guest.cpu.used, guest.cpu.cores) : 0, max: 1, seed: guest.vmid}, cf)
  const mem = series({mean: running ? guest.memory.used : 0, max: guest.memory.assigned, seed: guest.vmid + 3}, cf)
  const k = (guest.vmid % 37) + 5
  return timestamps(timeframe, ctx.now).map((time, i) => ({
    time,
    cpu: cpu[i],
    maxcpu: guest.cpu.cores,
    mem: mem[i],
    maxmem: guest.memory.assigned,
    disk: guest.type === 'lxc' ? guest.disk.used : 0,
    maxdisk: guest.disk.assigned,
    netin: running ? k * 1200 : 0,
    netout: running ? k * 700 : 0,
    diskread: running ? k * 4096 : 0,
    diskwrite: running ? k * 2048 : 0,
    ...(guest.type === 'qemu' ? {memhost: mem[i]} : {}),
  }))
}


/**
 * One storage's status on a node, as pve-storage's storage_info makes it: every configured
 * storage is there, those not configured for this node or disabled with `enabled: 0`, and
 * figures only for an enabled, active one (zeros otherwise).
 */
function storageInfo(ctx: ViewContext, node: string, id: string): Json {
  const conf = ctx.cluster.storageConfig(id)!
  const s = ctx.cluster.storage(node, id)
  const enabled = !!s && s.enabled
  const active = enabled && s.active && !s.unreachable
  return {
    type: conf.type,
    content: conf.content.join(','),
    shared: conf.shared ? 1 : 0,
    enabled: enabled ? 1 : 0,
    active: active ? 1 : 0,
    total: active ? s.total : 0,
    used: active ? s.used : 0,
    avail: active ? Math.max(0, s.total - s.used - s.reserved) : 0,
  }
}

/** `GET /nodes/{node}/storage` with its filters (pve-storage API2/Storage/Status.pm index). */
export function nodeStorages(ctx: ViewContext, node: string, filter: {content?: string; storage?: string; enabled?: boolean; target?: string}): Json[] {
  const wanted = filter.content?.split(',').filter(Boolean)
  const c = ctx.cluster
  // storage_info leaves out, when asked for a content type, storages without it or not enabled here.
  const ids = c.storageIds().filter((id) => !wanted || (wanted.some((w) => c.storageConfig(id)!.content.includes(w)) && !!c.storage(node, id)?.enabled))
  if (filter.storage && !ids.includes(filter.storage)) throw parameterError({storage: 'No such storage.'})
  const target = filter.target && filter.target !== node ? filter.target : undefined
  return ids
    .filter((id) => !filter.storage || id === filter.storage)
    .filter((id) => !filter.enabled || !c.storageConfig(id)!.disabled)
    .filter((id) => !target || (c.storageConfig(id)!.shared && !!c.storage(node, id) && !!c.storage(target, id)))
    .map((id) => {
      const info = storageInfo(ctx, node, id)
      return {storage: id, ...info, ...((info.total as number) > 0 ? {used_fraction: (info.used as number) / (info.total as number)} : {})}
    })
}

/** `GET /nodes/{node}/storage/{storage}/status`. */
export function storageStatus(ctx: ViewContext, node: string, id: string): Json {
  if (!ctx.cluster.storageConfig(id)) throw parameterError({storage: 'No such storage.'})
  return storageInfo(ctx, node, id)
}

/**
 * `GET /nodes/{node}/storage/{storage}/content`: the storage's volumes as the node sees
 * them (pve-storage Storage.pm volume_list), sorted by volid. Each has its size; files also
 * what they occupy (`used`: qemu-img's allocated size, 0 for a directory, whose size is 0
 * too), block storages only their size. `content` says whose it is: rootdir for a
 * container, images for a VM (Plugin.pm list_volumes). The storage must be usable on the
 * node (activate_storage's refusals).
 */
export function storageContent(ctx: ViewContext, node: string, id: string, filter: {content?: string; vmid?: number}): Json[] {
  const c = ctx.cluster
  const conf = c.storageConfig(id)
  if (!conf) throw serverError(`storage '${id}' does not exist`)
  if (conf.disabled) throw serverError(`storage '${id}' is disabled`)
  const storage = c.storage(node, id)
  if (!storage) throw serverError(`storage '${id}' is not available on node '${node}'`)
  if (!storage.active || storage.unreachable) throw serverError(`storage '${id}' is not online`)
  const file = isFileBased(storage.type)
  return c
    .volumesOn(node, id)
    .map((v) => {
      const guest = c.guests.get(v.vmid)
      const content = v.cdrom ? 'iso' : guest?.type === 'lxc' ? 'rootdir' : 'images'
      const directory = file && v.format === 'subvol'
      return {
        volid: v.volid,
        format: v.format,
        size: directory ? 0 : v.size,
        ...(file ? {used: directory ? 0 : occupies(v, storage)} : {}),
        ...(v.cdrom ? {} : {vmid: v.vmid}),
        content,
        ctime: 1_700_000_000 + v.vmid,
      }
    })
    .filter((item) => conf.content.includes(item.content) && (!filter.content || item.content === filter.content))
    .filter((item) => filter.vmid === undefined || item.vmid === filter.vmid)
    .sort((a, b) => compareText(a.volid.toLowerCase(), b.volid.toLowerCase()))
}

/**
 * `GET /storage`: the storage configuration, one entry per storage id, with the keys
 * pve-storage's section config writes (storage.cfg): the ones every storage has, the
 * plugin's own (path, vgname and thinpool, pool), and what decides thinness (`sparse` for
 * ZFS, `preallocation` for files).
 */
export function storageIndex(ctx: ViewContext, type?: string): Json[] {
  return ctx.cluster
    .storageIds()
    .map((id) => {
      const conf = ctx.cluster.storageConfig(id)!
      return {
        storage: id,
        type: conf.type,
        content: conf.content.join(','),
        digest: stableHex('storage.cfg', 40),
        ...pluginKeys(conf),
        ...(conf.shared ? {shared: 1} : {}),
        ...(conf.nodes ? {nodes: conf.nodes.join(',')} : {}),
        ...(conf.disabled ? {disable: 1} : {}),
      }
    })
    .filter((s) => !type || s.type === type)
}

/**
 * One pool as `GET /pools?poolid=` shows it: its members (guests as in /cluster/resources,
 * then storages as the local node sees them) and its comment when it has one.
 */
export function poolView(ctx: ViewContext, poolid: string, type?: string): Json {
  const pool = poolOf(ctx.cluster, poolid)
  const members: Json[] = [...pool.vms]
    .sort((a, b) => a - b)
    .flatMap((vmid) => {
      const g = ctx.cluster.guests.get(vmid)
      return g && (!type || g.type === type) ? [guestResource(ctx, g)] : []
    })
  if (!type || type === 'storage') {
    const local = ctx.cluster.localNode()
    const storages = storageResources(ctx)
    for (const id of [...pool.storage].sort()) {
      const entries = storages.filter((r) => r.storage === id)
      const entry = entries.find((r) => r.node === local) ?? entries[0]
      if (entry) members.push(entry)
    }
  }
  return {...(pool.comment !== undefined ? {comment: pool.comment} : {}), members}
}

/** The plugin keys of a storage's configuration, as the installer and `pvesm add` write them. */
function pluginKeys(conf: StorageConfigEntry): Json {
  switch (conf.type) {
    case 'dir':
      return {path: conf.id === 'local' ? '/var/lib/vz' : `/mnt/${conf.id}`, ...(conf.thin ? {} : {preallocation: 'full'})}
    case 'nfs':
    case 'cifs':
    case 'btrfs':
      return {path: `/mnt/pve/${conf.id}`, ...(conf.thin ? {} : {preallocation: 'full'})}
    case 'lvmthin':
      return conf.id === 'local-lvm' ? {vgname: 'pve', thinpool: 'data'} : {vgname: conf.id, thinpool: 'data'}
    case 'lvm':
      return {vgname: conf.id}
    case 'zfspool':
      return {pool: conf.id === 'local-zfs' ? 'rpool/data' : `rpool/${conf.id}`, ...(conf.thin ? {sparse: 1} : {})}
    case 'rbd':
      return {pool: conf.id}
    default:
      return {}
  }
}

/**
 * `GET /cluster/options`: datacenter.cfg as PVE parses it (property strings become
 * objects); without Sys.Audit only the display settings. Always the tags a user may set.
 */
export function clusterOptions(ctx: ViewContext, auditor: boolean): Json {
  const crs = ctx.cluster.crs()
  const allowedTags = {'allowed-tags': [...new Set([...ctx.cluster.guests.values()].flatMap((g) => g.tags ?? []))].sort()}
  if (!auditor) return allowedTags
  return {
    ...allowedTags,
    description: '',
    keyboard: 'en-us',
    mac_prefix: 'BC:24:11',
    ...(crs
      ? {
          crs: {
            ha: crs.ha,
            ...(crs.rebalanceOnStart !== undefined ? {'ha-rebalance-on-start': crs.rebalanceOnStart ? 1 : 0} : {}),
            ...(crs.autoRebalance !== undefined ? {'ha-auto-rebalance': crs.autoRebalance ? 1 : 0} : {}),
          },
        }
      : {}),
  }
}

/** `GET /nodes/{node}/qemu/{vmid}/pending`: every config key, nothing pending. */
export function pending(config: Record<string, string | number>): Json[] {
  return Object.keys(config)
    .filter((k) => k !== 'digest')
    .sort()
    .map((key) => ({key, value: String(config[key])}))
}

