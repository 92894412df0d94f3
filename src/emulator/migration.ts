/**
 * Migrations as PVE runs them: `POST /nodes/{src}/{qemu|lxc}/{vmid}/migrate` refuses at
 * once what a real node refuses at once (target is the local node, no quorum, unknown
 * target, a config that is not on this node, a VM's lock, a running guest without
 * online/restart, storage missing on the target), and otherwise returns the UPID of a
 * worker task that runs for (memory + copied local disks) / bandwidth. Meanwhile the guest
 * carries `lock: migrate`; at the end it is on the target and the node loads follow it.
 * What a real node only finds out inside the task (a container's lock, local devices, local
 * disks on a live migration without with-local-disks, a local CD-ROM, a target that is
 * down, an injected failure) ends the task with exit status `migration aborted` and the reason in its log.
 *
 * HA-managed guests go through the HA stack: the POST returns a short `hamigrate` task that
 * only queues the request; the CRM then starts the real `qmigrate`/`vzmigrate` on the source
 * node as root@pam, and ignores requests it cannot honour (target offline or in
 * maintenance, outside a strict node-affinity rule, next to a guest it must stay apart
 * from), as PVE's does.
 * Guests in a positive resource-affinity rule migrate together (PVE 9).
 */
import {type Guest, isRunning, localDiskBytes} from '../model/snapshot.js'
import {type Cluster, haSid} from './cluster.js'
import {guestVolumes} from './config.js'
import {parameterError, serverError} from './errors.js'
import {formatBytesPve} from './format.js'
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
    this.checkStorage(guest, req.target)
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
    const volumes = guestVolumes(guest, this.cluster.sharedStorageOf.get(vmid)!)
    const localDisks = volumes
      .filter((v) => v.local)
      .map((v) => ({volid: v.volid, size: v.size, cdrom: v.cdrom ? 1 : 0, is_unused: v.key.startsWith('unused') ? 1 : 0}))
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

  /** Storages the guest's disks need that the target node lacks (or nodes the seed disallows). */
  private missingStorages(guest: Guest, target: string): string[] {
    const volumes = guestVolumes(guest, this.cluster.sharedStorageOf.get(guest.vmid)!)
    const missing = [...new Set(volumes.filter((v) => !v.cdrom).map((v) => v.storage))].filter(
      (id) => !this.cluster.storages.some((s) => s.node === target && s.id === id),
    )
    const allowed = guest.migration?.allowedNodes
    if (missing.length === 0 && allowed && !allowed.includes(target) && volumes.length > 0) missing.push(volumes[0].storage)
    return missing
  }

  private checkStorage(guest: Guest, target: string): void {
    const missing = this.missingStorages(guest, target)
    if (missing.length > 0) throw serverError(`storage '${missing[0]}' is not available on node '${target}'`)
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
      const req: MigrateRequest = relocate ? {target} : g.type === 'qemu' ? {target, online: running} : {target, restart: running}
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
    const local = localDiskBytes(guest)
    const copiesLocal = local > 0 && (mode !== 'online' || !!req.withLocalDisks)
    const bytes = (mode === 'online' ? guest.memory.used || guest.memory.assigned : 0) + (copiesLocal ? local : 0)
    const bandwidth = req.bwlimit && req.bwlimit > 0 ? Math.min(this.settings.bandwidth, req.bwlimit * 1024) : this.settings.bandwidth
    const durationMs = this.settings.instant ? 0 : Math.round((bytes / bandwidth) * 1000)
    const refusal = this.refusalInTask(guest, req, mode)
    const run: Run = {task, vmid: guest.vmid, source: guest.node, target: req.target, bytes, startedAt: Date.now(), durationMs, mode, locked: !refusal}
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
    for (const volume of guestVolumes(guest, this.cluster.sharedStorageOf.get(guest.vmid)!)) {
      this.tasks.log(task, volume.local ? `found local disk '${volume.volid}' (attached)` : `volume '${volume.volid}' is on shared storage '${volume.storage}'`)
    }
    if (mode === 'online') {
      this.tasks.log(task, `starting VM ${guest.vmid} on remote node '${req.target}'`)
      if (copiesLocal) this.tasks.log(task, 'starting storage migration')
      this.tasks.log(task, `starting online/live migration on unix:/run/qemu-server/${guest.vmid}.migrate`)
      this.tasks.log(task, 'migration downtime limit: 100 ms')
      task.progress = () => this.progressLines(run)
    } else if (copiesLocal) {
      this.tasks.log(task, 'copying local disk images')
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

  /** What a real migration task dies of before moving anything; undefined when it can go. */
  private refusalInTask(guest: Guest, req: MigrateRequest, mode: Run['mode']): string | undefined {
    if (guest.lock) return `CT is locked (${guest.lock})`
    if (!this.cluster.isOnline(req.target)) return "Can't connect to destination address using public key"
    const devices = localResources(guest)
    if (devices.length > 0 && (mode !== 'offline' || !req.force)) {
      return `can't migrate ${guest.type === 'qemu' ? 'VM' : 'CT'} which uses local devices: ${devices.join(', ')}`
    }
    const disks = guest.migration?.localDisks ?? []
    if (disks.some((d) => d.cdrom)) return "can't migrate local cdrom drive"
    if (mode === 'online' && !req.withLocalDisks && disks.some((d) => !d.key.startsWith('unused'))) {
      return "can't live migrate attached local disks without with-local-disks option"
    }
    if (guest.type === 'lxc' && guest.status === 'running' && req.online && !req.restart) return 'lxc live migration is currently not implemented'
    return undefined
  }

  private progressLines(run: Run): string[] {
    const elapsed = Date.now() - run.startedAt
    const steps = Math.min(20, Math.floor(elapsed / 1000))
    const lines: string[] = []
    for (let s = 1; s <= steps; s++) {
      const done = Math.min(run.bytes, Math.round((run.bytes * s * 1000) / Math.max(run.durationMs, 1)))
      lines.push(`${new Date(run.startedAt + s * 1000).toISOString().slice(0, 19).replace('T', ' ')} migration active, transferred ${formatBytesPve(done)} of ${formatBytesPve(run.bytes)} VM-state, ${formatBytesPve(this.settings.bandwidth)}/s`)
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
    this.tasks.log(run.task, 'start final cleanup')
    if (run.mode === 'restart') this.tasks.log(run.task, 'start container on target node')
    this.cluster.moveGuest(run.vmid, run.target)
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
    const service = this.cluster.ha.get(run.vmid)
    if (service) service.crmState = 'started'
    delete run.task.progress
    this.tasks.finish(run.task, 'unexpected status')
    this.cluster.touch()
  }

  private end(run: Run): void {
    if (run.timer) clearTimeout(run.timer)
    this.runs.delete(run.vmid)
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

