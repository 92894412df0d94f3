/**
 * Migrations as PVE runs them: `POST /nodes/{src}/{qemu|lxc}/{vmid}/migrate` refuses at
 * once what a real node refuses at once (target is the local node, no quorum, unknown
 * target, a config that is not on this node, a VM's lock, a running guest without
 * online/restart, a VM's storage missing, disabled or without the content on the target,
 * a target storage map that names such a storage), and otherwise returns the UPID of a
 * worker task that runs for (memory + copied local disks) / bandwidth. Meanwhile the guest
 * carries `lock: migrate`; at the end it is on the target and the node loads follow it.
 * What a real node only finds out inside the task (a container's lock and storage, local
 * devices, local disks on a live migration without with-local-disks, a local CD-ROM, a
 * target that is down, an injected failure) ends the task with exit status `migration
 * aborted` and the reason in its log.
 *
 * Local volumes are copied to the same storage id on the target, or where the storage map
 * (`targetstorage`, `target-storage`) sends them. A copy takes on the target what the
 * volume occupies there (thin: what was written, thick: its size) from the moment it
 * starts, and frees what it took on the source when the migration finishes; when the
 * target runs out of space the task fails as PVE's does, with the import's error in its
 * log, and what it had taken on the target is freed again.
 *
 * HA-managed guests go through the HA stack: the POST returns a short `hamigrate` task that
 * only queues the request; the CRM then starts the real `qmigrate`/`vzmigrate` on the source
 * node as root@pam (a VM's with `force` and `with-local-disks`, as PVEVM.pm asks for
 * them), and ignores requests it cannot honour (target offline or in maintenance, outside
 * a strict node-affinity rule, next to a guest it must stay apart from), as PVE's does.
 * Guests in a positive resource-affinity rule migrate together (PVE 9).
 */
import {type Guest, isRunning} from '../model/snapshot.js'
import {exportFormats, importFormats, MIGRATABLE_LOCAL_TYPES} from '../proxmox/storage-plugins.js'
import {type Cluster, haSid} from './cluster.js'
import {parameterError, serverError} from './errors.js'
import {formatBytesPve} from './format.js'
import {occupies, type ServedStorage, type ServedVolume, volumeOn} from './storage.js'
import {type Task, TaskRegistry} from './tasks.js'

export interface MigrationSettings {
  /** Bytes per second of memory and local disks moved. */
  bandwidth: number
  /** Tasks end on the next tick, whatever they move. */
  instant: boolean
  /** Time the HA stack takes to pick up a request (PVE: one CRM round, up to 10 s). */
  haDelayMs: number
}

export interface MigrateRequest {
  target: string
  online?: boolean
  restart?: boolean
  force?: boolean
  withLocalDisks?: boolean
  /** KiB/s, as the API takes it. */
  bwlimit?: number
  /** `targetstorage` (qemu) or `target-storage` (lxc): `1`, one storage id, or `source:target` pairs. */
  targetStorage?: string
}

/** The parameter that carries the storage map, per guest type. */
export const STORAGE_MAP_PARAMETER = {qemu: 'targetstorage', lxc: 'target-storage'} as const

/** pve-common's parse_idmap result: map every storage to itself, to one default, or pair by pair. */
interface StorageMap {
  identity: boolean
  default?: string
  entries: Map<string, string>
}

/** One local volume to copy: where it goes and what it takes there. */
interface Copy {
  volume: ServedVolume
  target: ServedStorage
  /** The volume it becomes there. */
  volid: string
  format: string
  /** Bytes it occupies on the target (thin: written, thick: its size). */
  bytes: number
}

/** Why a copy stops: the target filled up, or the two plugins share no stream format. */
interface CopyFailure {
  copy: Copy
  /** Bytes of disk copied when it stopped. */
  copiedBytes: number
  reason: 'space' | 'format'
}

interface Run {
  task: Task
  vmid: number
  source: string
  target: string
  bytes: number
  startedAt: number
  durationMs: number
  timer?: NodeJS.Timeout
  mode: 'online' | 'offline' | 'restart'
  /** The guest got `lock: migrate` (a migration refused in its first phase never locks it). */
  locked: boolean
  copies: Copy[]
  /** Space taken on target storages so far, given back if the migration fails. */
  reserved: {storage: ServedStorage; bytes: number}[]
}

const AFFINITY_NOTE = 'resource-affinity'

export class Migrations {
  private readonly runs = new Map<number, Run>()
  private readonly failures = new Map<number, string>()
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly cluster: Cluster,
    private readonly tasks: TaskRegistry,
    private readonly settings: MigrationSettings,
  ) {}

  /** The guest's next migration task fails with `migration aborted` and this reason in its log. */
  failNext(vmid: number, reason: string): void {
    this.failures.set(vmid, reason)
  }

  clearFailures(): void {
    this.failures.clear()
  }

  /** `POST .../migrate`: refuses at once or returns the UPID of the task doing it. */
  request(node: string, type: Guest['type'], vmid: number, req: MigrateRequest, user: string): string {
    if (req.target === node) throw parameterError({target: 'target is local node.'})
    if (!this.cluster.quorate()) throw serverError('cluster not ready - no quorum?')
    if (!this.cluster.node(req.target)) throw serverError(`no such cluster node '${req.target}'`)
    const guest = this.cluster.guestOn(node, type, vmid)
    // qemu-server checks the lock before forking the task; pve-container only inside it.
    if (guest.lock && type === 'qemu') throw serverError(`VM is locked (${guest.lock})`)
    const running = isRunning(guest)
    if (running && type === 'qemu' && !req.online) throw serverError("can't migrate running VM without --online")
    if (running && type === 'lxc' && !req.online && !req.restart) throw serverError("can't migrate running container without --online or --restart")
    const map = parseStorageMap(req.targetStorage, STORAGE_MAP_PARAMETER[type])
    this.checkStorageAtRequest(guest, req.target, map)
    const ha = this.cluster.ha.get(vmid)
    if (ha && ha.state !== 'ignored') return this.haRequest(guest, req.target, user).upid
    return this.startRun(guest, req, user).upid
  }

  /** `POST /cluster/ha/resources/{sid}/migrate|relocate`: queue a CRM command. */
  haCommand(sid: string, target: string, relocate: boolean): Record<string, unknown> {
    const vmid = Number(/(\d+)$/.exec(sid)?.[1])
    const service = this.cluster.ha.get(vmid)
    if (!service) throw serverError(`service '${sid}' is not managed by the HA stack`)
    if (!this.cluster.node(target)) throw serverError(`no such cluster node '${target}'`)
    this.schedule(() => this.crmMigrate(vmid, target, relocate), this.settings.haDelayMs)
    return {sid: service.sid, 'requested-node': target, 'comigrated-resources': this.dependents(vmid).map((g) => haSid(g)), 'blocking-resources': []}
  }

  /** `GET .../migrate`: what a migration of this guest would need and where it could go. */
  precondition(node: string, type: Guest['type'], vmid: number): Record<string, unknown> {
    const guest = this.cluster.guestOn(node, type, vmid)
    const running = isRunning(guest)
    const allowed: string[] = []
    const notAllowed: Record<string, Record<string, unknown>> = {}
    for (const name of this.cluster.nodeNames) {
      if (name === node || !this.cluster.isOnline(name)) continue
      const missing = this.missingStorages(guest, name)
      const blocking = this.blockingResources(guest, name)
      if (missing.length === 0 && blocking.length === 0) {
        allowed.push(name)
        continue
      }
      notAllowed[name] = {
        ...(missing.length ? {unavailable_storages: missing} : {}),
        ...(blocking.length ? {'blocking-ha-resources': blocking.map((sid) => ({sid, cause: AFFINITY_NOTE}))} : {}),
      }
    }
    const dependent = this.dependents(vmid).map((g) => haSid(g))
    if (type === 'lxc') {
      return {running: running ? 1 : 0, 'allowed-nodes': allowed, 'not-allowed-nodes': notAllowed, 'dependent-ha-resources': dependent}
    }
    const localDisks = this.localVolumes(guest).map((v) => ({volid: v.volid, size: v.size, cdrom: v.cdrom ? 1 : 0, is_unused: v.key.startsWith('unused') ? 1 : 0}))
    return {
      running: running ? 1 : 0,
      allowed_nodes: allowed,
      not_allowed_nodes: notAllowed,
      local_disks: localDisks,
      local_resources: localResources(guest),
      'mapped-resources': [],
      'mapped-resource-info': {},
      'has-dbus-vmstate': 0,
      'dependent-ha-resources': dependent,
    }
  }

  /** A node went down: migrations to it fail, migrations from it die with their node. */
  nodeDown(node: string): void {
    for (const run of [...this.runs.values()]) {
      if (run.target === node) this.abort(run, `connection to target node '${node}' lost: no route to host`)
      else if (run.source === node) this.die(run)
    }
  }

  /** `DELETE /nodes/{node}/tasks/{upid}`: stop a running migration. */
  stop(task: Task): void {
    const run = [...this.runs.values()].find((r) => r.task === task)
    if (run) this.abort(run, 'interrupted by signal')
    else this.tasks.finish(task, 'interrupted by signal')
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const run of this.runs.values()) if (run.timer) clearTimeout(run.timer)
    this.runs.clear()
  }

  /** The guest's volumes on node-local storage (copied along, or keeping it where it is). */
  private localVolumes(guest: Guest): ServedVolume[] {
    return this.cluster.volumesOf(guest.vmid).filter((v) => !this.cluster.storage(guest.node, v.storage)?.shared && !this.isSharedAnywhere(v.storage))
  }

  private isSharedAnywhere(id: string): boolean {
    return this.cluster.storages.some((s) => s.id === id && s.shared)
  }

  /** Storages the guest's disks need that the target node lacks (or nodes the seed disallows). */
  private missingStorages(guest: Guest, target: string): string[] {
    const volumes = this.cluster.volumesOf(guest.vmid)
    const missing = [...new Set(volumes.filter((v) => !v.cdrom).map((v) => v.storage))].filter((id) => !this.cluster.storage(target, id))
    const allowed = guest.migration?.allowedNodes
    if (missing.length === 0 && allowed && !allowed.includes(target) && volumes.length > 0) missing.push(volumes[0].storage)
    return missing
  }

  /**
   * What the API refuses before it starts a task. qemu-server (API2/Qemu.pm migrate_vm):
   * with a storage map, each target storage must be enabled on the target and hold VM
   * images ($check_storage_access_migrate); without one (or with `1`), every volume's
   * storage must be enabled on both nodes and hold the volume's content type
   * (PVE::QemuServer::check_storage_availability). pve-container checks only a given
   * map here, for container volumes; the rest inside the task. A seed that allows only
   * some targets (migration.allowedNodes) refuses the others as lacking a storage.
   */
  private checkStorageAtRequest(guest: Guest, target: string, map: StorageMap | undefined): void {
    const content = guest.type === 'qemu' ? 'images' : 'rootdir'
    if (map) {
      for (const id of [...map.entries.values(), ...(map.default ? [map.default] : [])]) {
        const problem = this.enabledProblem(id, target)
        if (problem) throw serverError(problem)
        if (!this.cluster.storageConfig(id)!.content.includes(content)) {
          throw serverError(guest.type === 'qemu' ? `storage '${id}' does not support vm images` : `storage '${id}' does not support CT rootdirs`)
        }
      }
    }
    if (guest.type === 'qemu' && (!map || map.identity)) {
      for (const volume of this.cluster.volumesOf(guest.vmid).filter((v) => !v.key.startsWith('unused'))) {
        const problem = this.enabledProblem(volume.storage) ?? this.enabledProblem(volume.storage, target)
        if (problem) throw serverError(problem)
        const type = volume.cdrom ? 'iso' : 'images'
        if (!this.cluster.storageConfig(volume.storage)!.content.includes(type)) throw serverError(`${volume.volid}: content type '${type}' is not available on storage '${volume.storage}'`)
      }
    }
    const missing = this.missingStorages(guest, target)
    if (guest.type === 'qemu' && !map && missing.length > 0) throw serverError(`storage '${missing[0]}' is not available on node '${target}'`)
  }

  /** PVE::Storage::storage_check_enabled's refusal, if any: unknown, disabled, or not configured for the node. */
  private enabledProblem(id: string, node?: string): string | undefined {
    const config = this.cluster.storageConfig(id)
    if (!config) return `storage '${id}' does not exist`
    if (config.disabled) return `storage '${id}' is disabled`
    if (node && !this.cluster.storage(node, id)) return `storage '${id}' is not available on node '${node}'`
    return undefined
  }

  /**
   * What the task's preparation refuses about storage: pve-container checks each volume's
   * storage on both nodes here (PVE::LXC::Migrate prepare); both check that a mapped
   * target holds the content (target_storage_check_available) and that a local volume is
   * on a plugin type they can copy (QemuMigrate.pm scan_local_volumes).
   */
  private storageRefusal(guest: Guest, target: string, map: StorageMap | undefined): string | undefined {
    const lxc = guest.type === 'lxc'
    for (const volume of this.cluster.volumesOf(guest.vmid)) {
      if (volume.cdrom) continue
      const shared = this.isSharedAnywhere(volume.storage)
      const config = this.cluster.storageConfig(volume.storage)
      if (lxc) {
        const problem = this.enabledProblem(volume.storage)
        if (problem) return problem
        if (!config!.content.includes('rootdir')) return `content type 'rootdir' is not available on storage '${volume.storage}'`
      }
      const targetId = shared ? volume.storage : mapId(map, volume.storage)
      if (lxc || map) {
        const problem = this.enabledProblem(targetId, target)
        if (problem) return problem
        const content = lxc ? 'rootdir' : 'images'
        if (!this.cluster.storageConfig(targetId)!.content.includes(content)) return `${volume.volid}: content type '${content}' is not available on storage '${targetId}'`
      }
      if (!shared && config && !MIGRATABLE_LOCAL_TYPES.has(config.type)) {
        return lxc
          ? `can't migrate CT - check log (can't migrate local volume '${volume.volid}': storage type '${config.type}' not supported)`
          : `Problem found while scanning volumes - can't migrate '${volume.volid}' - storage type '${config.type}' not supported`
      }
    }
    return undefined
  }

  /** Guests of a negative resource-affinity rule with this one that already run on `target`. */
  private blockingResources(guest: Guest, target: string): string[] {
    const blocking = new Set<string>()
    for (const rule of this.cluster.haRules()) {
      if (rule.disabled || rule.type !== 'resource-affinity' || rule.affinity !== 'negative' || !rule.resources.includes(guest.vmid)) continue
      for (const other of rule.resources) {
        const g = this.cluster.guests.get(other)
        if (other !== guest.vmid && g?.node === target) blocking.add(haSid(g))
      }
    }
    return [...blocking].sort()
  }

  /** HA guests a positive resource-affinity rule keeps with this one (they move along). */
  private dependents(vmid: number): Guest[] {
    const found = new Map<number, Guest>()
    for (const rule of this.cluster.haRules()) {
      if (rule.disabled || rule.type !== 'resource-affinity' || rule.affinity !== 'positive' || !rule.resources.includes(vmid)) continue
      for (const other of rule.resources) {
        const g = this.cluster.guests.get(other)
        if (other !== vmid && g && this.cluster.ha.has(other)) found.set(other, g)
      }
    }
    return [...found.values()].sort((a, b) => a.vmid - b.vmid)
  }

  private haRequest(guest: Guest, target: string, user: string): Task {
    const task = this.tasks.create(guest.node, 'hamigrate', String(guest.vmid), user)
    this.tasks.log(task, `Requesting HA migration for ${guest.type === 'qemu' ? 'VM' : 'CT'} ${guest.vmid} to node ${target}`, false)
    this.schedule(() => this.tasks.finish(task, 'OK'), 0)
    this.schedule(() => this.crmMigrate(guest.vmid, target, false), this.settings.haDelayMs)
    return task
  }

  /** One CRM round for `migrate <sid> <target>`: start the migration, or ignore the command. */
  private crmMigrate(vmid: number, target: string, relocate: boolean): void {
    const service = this.cluster.ha.get(vmid)
    const guest = this.cluster.guests.get(vmid)
    if (!service || !guest || service.crmState === 'migrate' || service.crmState === 'relocate') return
    if (guest.node === target || !this.cluster.isOnline(target) || !this.cluster.isOnline(guest.node) || this.cluster.node(target)?.maintenance) return
    if (!this.allowedByNodeAffinity(vmid, target) || this.blockingResources(guest, target).length > 0) return
    for (const g of [guest, ...this.dependents(vmid).filter((d) => d.node !== target)]) {
      const s = this.cluster.ha.get(g.vmid)!
      if (g.lock || s.crmState === 'migrate' || s.crmState === 'relocate') continue
      const running = g.status === 'running'
      // As pve-ha-manager's PVEVM migrate asks qemu-server (PVE 8 and 9): with force and with-local-disks, online when running.
      const req: MigrateRequest = relocate ? {target} : g.type === 'qemu' ? {target, online: running, force: true, withLocalDisks: true} : {target, restart: running}
      s.crmState = relocate ? 'relocate' : 'migrate'
      s.target = target
      this.cluster.touch()
      this.startRun(g, req, 'root@pam', relocate)
    }
  }

  private allowedByNodeAffinity(vmid: number, target: string): boolean {
    return this.cluster.haRules().every(
      (rule) => rule.disabled || rule.type !== 'node-affinity' || !rule.strict || !rule.resources.includes(vmid) || (rule.nodes ?? []).some((n) => n.node === target),
    )
  }

  private startRun(guest: Guest, req: MigrateRequest, user: string, relocate = false): Task {
    const qemu = guest.type === 'qemu'
    const running = isRunning(guest)
    const task = this.tasks.create(guest.node, qemu ? 'qmigrate' : 'vzmigrate', String(guest.vmid), user)
    const mode: Run['mode'] = running && !relocate ? (qemu ? 'online' : 'restart') : relocate && running ? 'restart' : 'offline'
    const map = parseStorageMap(req.targetStorage, STORAGE_MAP_PARAMETER[guest.type])
    // A live migration mirrors attached disks only with with-local-disks; unused ones are always copied offline.
    const copying = this.localVolumes(guest).filter((v) => !v.cdrom && (mode !== 'online' || req.withLocalDisks || v.key.startsWith('unused')))
    const diskBytes = copying.reduce((sum, v) => sum + v.size, 0)
    const memoryBytes = mode === 'online' ? guest.memory.used || guest.memory.assigned : 0
    const bytes = memoryBytes + diskBytes
    const bandwidth = req.bwlimit && req.bwlimit > 0 ? Math.min(this.settings.bandwidth, req.bwlimit * 1024) : this.settings.bandwidth
    const durationMs = this.settings.instant ? 0 : Math.round((bytes / bandwidth) * 1000)
    const refusal = this.refusalInTask(guest, req, mode) ?? this.storageRefusal(guest, req.target, map)
    const run: Run = {task, vmid: guest.vmid, source: guest.node, target: req.target, bytes, startedAt: Date.now(), durationMs, mode, locked: !refusal, copies: [], reserved: []}
    const targetIp = this.cluster.ip(req.target)
    const what = qemu ? 'VM' : 'CT'
    this.runs.set(guest.vmid, run)
    if (refusal) {
      this.tasks.log(task, `starting migration of ${what} ${guest.vmid} to node '${req.target}' (${targetIp})`)
      this.after(run, 0, () => this.abort(run, refusal))
      return task
    }
    this.cluster.setLock(guest.vmid, 'migrate')
    if (mode === 'restart' && !relocate) this.tasks.log(task, `shutdown CT ${guest.vmid}`)
    if (relocate && running) this.tasks.log(task, `stopping ${what} ${guest.vmid} for relocation`)
    this.tasks.log(task, `starting migration of ${what} ${guest.vmid} to node '${req.target}' (${targetIp})`)
    const local = new Set(this.localVolumes(guest))
    for (const volume of this.cluster.volumesOf(guest.vmid)) {
      this.tasks.log(task, local.has(volume) ? `found local disk '${volume.volid}' (${volume.key.startsWith('unused') ? 'unused' : 'attached'})` : `volume '${volume.volid}' is on shared storage '${volume.storage}'`)
    }
    const full = this.allocate(run, copying, map, mode === 'online')
    if (mode === 'online') {
      this.tasks.log(task, `starting VM ${guest.vmid} on remote node '${req.target}'`)
      for (const copy of run.copies) this.tasks.log(task, `volume '${copy.volume.volid}' is '${copy.volid}' on the target`)
      if (copying.length > 0) this.tasks.log(task, 'starting storage migration')
      this.tasks.log(task, `starting online/live migration on unix:/run/qemu-server/${guest.vmid}.migrate`)
      this.tasks.log(task, 'migration downtime limit: 100 ms')
      task.progress = () => this.progressLines(run)
    } else if (copying.length > 0) {
      this.tasks.log(task, 'copying local disk images')
    }
    if (full) {
      // The copy runs until it stops: disks first (a live migration mirrors them before the memory).
      const at = bytes > 0 ? Math.round((durationMs * full.copiedBytes) / bytes) : 0
      this.after(run, at, () => (full.reason === 'space' ? this.outOfSpace(run, full.copy) : this.copyFails(run, full.copy, `cannot migrate from storage type '${this.cluster.storage(run.source, full.copy.volume.storage)?.type}' to '${full.copy.target.type}'`)))
      return task
    }
    const failure = this.failures.get(guest.vmid)
    if (failure !== undefined) {
      this.failures.delete(guest.vmid)
      this.after(run, Math.round(durationMs / 2), () => this.abort(run, failure))
      return task
    }
    this.after(run, durationMs, () => this.complete(run))
    return task
  }

  /**
   * Takes on each target storage what the copied volumes occupy there, in turn. The first
   * copy that cannot be made is returned with how many bytes of disk were copied before it
   * stopped: an offline copy between plugins without a common stream format stops before
   * it starts; one that does not fit takes what is left (it fills the storage).
   */
  private allocate(run: Run, volumes: ServedVolume[], map: StorageMap | undefined, mirrored: boolean): CopyFailure | undefined {
    let copiedBytes = 0
    for (const volume of volumes) {
      const target = this.cluster.storage(run.target, mapId(map, volume.storage))
      const source = this.cluster.storage(run.source, volume.storage)
      if (!target || !source) continue
      const copy = {volume, target, ...volumeOn(volume, target), bytes: occupies(volume, target)}
      // Unused disks go offline even in a live migration; attached ones are mirrored.
      const offline = !mirrored || volume.key.startsWith('unused')
      if (offline && !exportFormats(source.type, volume.format).some((f) => importFormats(target.type, copy.format).includes(f))) return {copy, copiedBytes, reason: 'format'}
      const room = Math.max(0, target.total - target.used)
      if (copy.bytes > room) {
        this.take(run, target, room)
        // A thick volume is allocated whole before any byte is written; a thin one fails when the pool is full.
        return {copy, copiedBytes: copiedBytes + (target.thin && copy.bytes > 0 ? Math.round((volume.size * room) / copy.bytes) : 0), reason: 'space'}
      }
      this.take(run, target, copy.bytes)
      run.copies.push(copy)
      copiedBytes += volume.size
    }
    return undefined
  }

  private take(run: Run, storage: ServedStorage, bytes: number): void {
    this.cluster.reserve(storage, bytes)
    run.reserved.push({storage, bytes})
  }

  /**
   * The target storage filled up under a copy: the task fails as PVE's does. An offline
   * copy is `pvesm export | ssh target pvesm import`, whose import dies with its tool's
   * error (QemuMigrate.pm sync_offline_local_volumes, "storage migration for ... failed");
   * a live one is a drive mirror whose block job stops with `nospace` (BlockJob.pm), and
   * the migration ends with problems, the VM still on its source.
   */
  private outOfSpace(run: Run, copy: Copy): void {
    const {volume, target} = copy
    const targetId = copy.volid
    const lines = importErrorLines(copy, targetId, this.cluster.storageConfig(target.id)!.type)
    if (run.mode === 'online') {
      const drive = `drive-${volume.key}`
      if (target.thin) {
        this.tasks.log(run.task, `${drive}: Cancelling block job`)
        this.tasks.log(run.task, `${drive}: Done.`)
        this.tasks.log(run.task, `ERROR: online migrate failure - block job (mirror) error: ${drive}: No space left on device (io-status: nospace)`)
      } else {
        for (const line of lines) this.tasks.log(run.task, `[${run.target}] ${line}`)
        this.tasks.log(run.task, 'ERROR: online migrate failure - remote command failed with exit code 255')
      }
      this.tasks.log(run.task, 'aborting phase 2 - cleanup resources')
      this.tasks.log(run.task, 'migrate_cancel')
      this.tasks.log(run.task, `ERROR: migration finished with problems (duration ${duration(Date.now() - run.startedAt)})`)
      this.end(run)
      this.tasks.finish(run.task, 'migration problems')
      return
    }
    for (const line of lines) this.tasks.log(run.task, line)
    const source = this.cluster.storage(run.source, volume.storage)
    const format = exportFormats(source?.type ?? 'dir', volume.format).find((f) => importFormats(target.type, copy.format).includes(f)) ?? 'raw+size'
    const ip = this.cluster.ip(run.target)
    const ssh = `/usr/bin/ssh -e none -o 'BatchMode=yes' -o 'HostKeyAlias=${run.target}' -o 'UserKnownHostsFile=/etc/pve/nodes/${run.target}/ssh_known_hosts' -o 'GlobalKnownHostsFile=none' root@${ip}`
    const command = `set -o pipefail && pvesm export ${volume.volid} ${format} - -with-snapshots 0 | ${ssh} -- pvesm import ${targetId} ${format} - -with-snapshots 0 -allow-rename 1`
    this.copyFails(run, copy, `command '${command}' failed: exit code 255`)
  }

  /** An offline copy failed: QemuMigrate.pm and PVE::LXC::Migrate name the volume and the storage, phase 1 is cleaned up. */
  private copyFails(run: Run, copy: Copy, error: string): void {
    const reason = `storage migration for '${copy.volume.volid}' to storage '${copy.target.id}' failed - ${error}`
    this.tasks.log(run.task, `ERROR: ${reason}`)
    this.tasks.log(run.task, 'aborting phase 1 - cleanup resources')
    this.abort(run, reason)
  }

  /** What a real migration task dies of before moving anything; undefined when it can go. */
  private refusalInTask(guest: Guest, req: MigrateRequest, mode: Run['mode']): string | undefined {
    if (guest.lock) return `CT is locked (${guest.lock})`
    if (!this.cluster.isOnline(req.target)) return "Can't connect to destination address using public key"
    const devices = localResources(guest)
    if (devices.length > 0 && (mode !== 'offline' || !req.force)) {
      return `can't migrate ${guest.type === 'qemu' ? 'VM' : 'CT'} which uses local devices: ${devices.join(', ')}`
    }
    const local = this.localVolumes(guest)
    if (local.some((v) => v.cdrom)) return "can't migrate local cdrom drive"
    if (mode === 'online' && !req.withLocalDisks && local.some((v) => !v.key.startsWith('unused'))) {
      return "can't live migrate attached local disks without with-local-disks option"
    }
    if (guest.type === 'lxc' && guest.status === 'running' && req.online && !req.restart) return 'lxc live migration is currently not implemented'
    return undefined
  }

  /**
   * What qemu-server logs while a live migration runs, a line a second: the local disks
   * mirrored first (`drive-scsi0: transferred 1.0 GiB of 32.0 GiB (3.12%) in 5s`), then
   * the memory (`migration active, transferred 1.2 GiB of 4.0 GiB VM-state, 112.0 MiB/s`).
   */
  private progressLines(run: Run): string[] {
    const elapsed = Date.now() - run.startedAt
    const steps = Math.min(20, Math.floor(elapsed / 1000))
    const disks = run.copies.map((c) => ({key: c.volume.key, size: c.volume.size}))
    const diskBytes = disks.reduce((sum, d) => sum + d.size, 0)
    const memory = run.bytes - diskBytes
    const lines: string[] = []
    for (let s = 1; s <= steps; s++) {
      const stamp = new Date(run.startedAt + s * 1000).toISOString().slice(0, 19).replace('T', ' ')
      const done = Math.min(run.bytes, Math.round((run.bytes * s * 1000) / Math.max(run.durationMs, 1)))
      if (done < diskBytes) {
        let before = 0
        const drive = disks.find((d) => (before += d.size) > done)!
        const copied = done - (before - drive.size)
        lines.push(`${stamp} drive-${drive.key}: transferred ${formatBytesPve(copied)} of ${formatBytesPve(drive.size)} (${((100 * copied) / Math.max(drive.size, 1)).toFixed(2)}%) in ${s}s`)
      } else {
        lines.push(`${stamp} migration active, transferred ${formatBytesPve(done - diskBytes)} of ${formatBytesPve(memory)} VM-state, ${formatBytesPve(this.settings.bandwidth)}/s`)
      }
    }
    return lines
  }

  private complete(run: Run): void {
    const guest = this.cluster.guests.get(run.vmid)
    if (!guest) return
    if (run.mode === 'online') {
      this.tasks.log(run.task, `average migration speed: ${formatBytesPve(this.settings.bandwidth)}/s - downtime 42 ms`)
      this.tasks.log(run.task, 'migration status: completed')
    }
    if (run.mode !== 'online') for (const copy of run.copies) this.tasks.log(run.task, `volume '${copy.volume.volid}' is '${copy.volid}' on the target`)
    this.tasks.log(run.task, 'start final cleanup')
    if (run.mode === 'restart') this.tasks.log(run.task, 'start container on target node')
    run.reserved = []
    this.cluster.moveGuest(run.vmid, run.target, new Map(run.copies.map((c) => [c.volume.key, {storage: c.target.id, volid: c.volid, format: c.format}])))
    this.end(run)
    this.tasks.log(run.task, `migration finished successfully (duration ${duration(Date.now() - run.startedAt)})`)
    this.tasks.finish(run.task, 'OK')
  }

  /** The task fails; the guest stays where it was, unlocked. */
  private abort(run: Run, reason: string): void {
    this.tasks.log(run.task, `ERROR: migration aborted (duration ${duration(Date.now() - run.startedAt)}): ${reason}`)
    this.end(run)
    this.tasks.finish(run.task, 'migration aborted')
  }

  /** The source node died under the task: it never finishes properly, the lock stays behind. */
  private die(run: Run): void {
    if (run.timer) clearTimeout(run.timer)
    this.runs.delete(run.vmid)
    for (const {storage, bytes} of run.reserved.splice(0)) this.cluster.release(storage, bytes)
    const service = this.cluster.ha.get(run.vmid)
    if (service) service.crmState = 'started'
    delete run.task.progress
    this.tasks.finish(run.task, 'unexpected status')
    this.cluster.touch()
  }

  private end(run: Run): void {
    if (run.timer) clearTimeout(run.timer)
    this.runs.delete(run.vmid)
    // A failed copy's volumes are removed from the target again (cleanup_remotedisks).
    for (const {storage, bytes} of run.reserved.splice(0)) this.cluster.release(storage, bytes)
    if (run.locked) this.cluster.setLock(run.vmid, undefined)
    const service = this.cluster.ha.get(run.vmid)
    const guest = this.cluster.guests.get(run.vmid)
    if (service && guest) {
      service.crmState = guest.status === 'running' ? 'started' : 'stopped'
      delete service.target
      this.cluster.touch()
    }
  }

  private after(run: Run, ms: number, fn: () => void): void {
    run.timer = setTimeout(() => {
      run.timer = undefined
      if (this.runs.get(run.vmid) === run) fn()
    }, ms)
  }

  private schedule(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    this.timers.add(timer)
  }
}

/** The devices that keep a guest on its node (check_local_resources). */
export function localResources(guest: Guest): string[] {
  return [...(guest.migration?.localResources ?? [])]
}

function duration(ms: number): string {
  const s = Math.floor(ms / 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
}

/**
 * `targetstorage` / `target-storage` as pve-common's parse_idmap reads it: `1` maps every
 * storage to itself, a lone id sends every local volume there, `source:target` pairs map
 * one by one. A malformed map is a parameter error, as qemu-server and pve-container raise it.
 */
function parseStorageMap(text: string | undefined, parameter: string): StorageMap | undefined {
  if (!text) return undefined
  const map: StorageMap = {identity: false, entries: new Map()}
  const fail = (message: string): never => {
    throw parameterError({[parameter]: `failed to parse storage map: ${message}`})
  }
  const id = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i
  for (const entry of text.split(/[,;\s]+/).filter(Boolean)) {
    const pair = /^([^:]+):([^:]+)$/.exec(entry)
    if (entry === '1') map.identity = true
    else if (pair) {
      if (!id.test(pair[1]) || !id.test(pair[2])) fail(`entry '${entry}' contains invalid ID - storage ID '${id.test(pair[1]) ? pair[2] : pair[1]}' contains illegal characters`)
      if (map.entries.has(pair[1])) fail(`duplicate mapping for source '${pair[1]}'`)
      map.entries.set(pair[1], pair[2])
    } else {
      if (!id.test(entry)) fail(`entry '${entry}' contains invalid ID - storage ID '${entry}' contains illegal characters`)
      if (map.default !== undefined) fail('default target ID can only be provided once')
      map.default = entry
    }
  }
  if (map.identity && (map.default !== undefined || map.entries.size > 0)) fail('identity mapping cannot be combined with other mappings')
  return map
}

/** pve-common's map_id: where a storage's volumes go under the map. */
function mapId(map: StorageMap | undefined, source: string): string {
  if (!map || map.identity) return source
  return map.entries.get(source) ?? map.default ?? source
}

/** What the target's `pvesm import` prints when the storage is full, per plugin (LVMPlugin.pm alloc_image, the dd of volume_import_write, zfs recv). */
function importErrorLines(copy: Copy, targetId: string, type: string): string[] {
  const name = targetId.slice(targetId.indexOf(':') + 1)
  const {target, volume} = copy
  const vg = target.id === 'local-lvm' ? 'pve' : target.id
  if (type === 'lvm') {
    const extent = 4 * 2 ** 20
    const error = `Volume group "${vg}" has insufficient free space (${Math.floor(Math.max(0, target.total - target.used) / extent)} extents): ${Math.ceil(volume.size / extent)} required.`
    return [`  ${error}`, `lvcreate '${vg}/${name}' error:   ${error}`]
  }
  if (type === 'zfspool') return ['cannot receive new filesystem stream: out of space']
  const path = type === 'lvmthin' ? `/dev/${vg}/${name}` : `${target.id === 'local' ? '/var/lib/vz' : `/mnt/pve/${target.id}`}/images/${name}`
  return [`dd: error writing '${path}': No space left on device`, `command 'dd of=${path} conv=sparse bs=64k' failed: exit code 1`]
}
