/**
 * Proxmox VE tasks and live guest state as the API reports them, read leniently: what a
 * migrator needs to follow a migration (the UPID a POST returns, the task lists it
 * searches for the `qmigrate` an HA `hamigrate` spawns, a task's end) and to check a
 * guest before moving it (GET .../status/current). Pure: API answers in, typed values out.
 */

export interface Upid {
  upid: string
  node: string
  /** Process id and start, hex as in the UPID. */
  pid: number
  pstart: number
  /** Task start, seconds since the epoch. */
  starttime: number
  /** qmigrate, vzmigrate, hamigrate, srvreload ... */
  type: string
  /** What the task works on (a vmid for migrations); may be empty. */
  id: string
  user: string
}

/** `UPID:node:pid:pstart:starttime:type:id:user:`; undefined when it is not one. */
export function parseUpid(upid: string): Upid | undefined {
  const match = /^UPID:([A-Za-z0-9.-]+):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:]+):([^:]*):([^:]+):$/.exec(upid)
  if (!match) return undefined
  const [, node, pid, pstart, starttime, type, id, user] = match
  return {upid, node, pid: parseInt(pid, 16), pstart: parseInt(pstart, 16), starttime: parseInt(starttime, 16), type, id, user}
}

export interface TaskSummary extends Upid {
  /** Running, or when it ended (seconds since the epoch). */
  endtime?: number
  /** `OK`, `WARNINGS: n` or the error text once ended; undefined while running. */
  exitstatus?: string
}

/** GET /nodes/{node}/tasks (or /cluster/tasks): entries with a readable UPID, newest first as Proxmox lists them. */
export function readTaskList(value: unknown): TaskSummary[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((entry) => {
    if (entry === null || typeof entry !== 'object') return []
    const e = entry as Record<string, unknown>
    const upid = typeof e.upid === 'string' ? parseUpid(e.upid) : undefined
    if (!upid) return []
    const endtime = typeof e.endtime === 'number' ? e.endtime : undefined
    const status = typeof e.status === 'string' ? e.status : undefined
    return [{...upid, ...(endtime !== undefined ? {endtime} : {}), ...(status !== undefined && status !== 'running' ? {exitstatus: status} : {})}]
  })
}

/** Whether an ended task succeeded: `OK`, or `WARNINGS: n` (it finished, with warnings in its log). */
export function taskSucceeded(exitstatus: string): boolean {
  return exitstatus === 'OK' || /^WARNINGS: \d+$/.test(exitstatus)
}

export interface GuestCurrent {
  vmid?: number
  status: string
  lock?: string
  haManaged: boolean
  /** Bytes. */
  mem?: number
  maxmem?: number
}

/** GET /nodes/{node}/{qemu|lxc}/{vmid}/status/current. */
export function readGuestCurrent(value: unknown): GuestCurrent {
  const d = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const ha = d.ha !== null && typeof d.ha === 'object' ? (d.ha as Record<string, unknown>) : {}
  const number = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : undefined)
  const vmid = number(d.vmid)
  const mem = number(d.mem)
  const maxmem = number(d.maxmem)
  return {
    ...(vmid !== undefined ? {vmid} : {}),
    status: typeof d.status === 'string' ? d.status : 'unknown',
    ...(typeof d.lock === 'string' && d.lock !== '' ? {lock: d.lock} : {}),
    haManaged: ha.managed === 1 || ha.managed === true || ha.managed === '1',
    ...(mem !== undefined ? {mem} : {}),
    ...(maxmem !== undefined ? {maxmem} : {}),
  }
}

/** How far a running migration's copy has got, as its task log says. */
export interface TransferProgress {
  /** Bytes copied so far and in all, of `what`. */
  transferred: number
  total: number
  /** `VM-state` (the memory of a live migration) or the disk being mirrored (`drive-scsi0`). */
  what: string
}

const UNITS: Record<string, number> = {B: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50}
const SIZE = '([\\d.]+) (B|[KMGTP]iB)'
const VM_STATE = new RegExp(`migration active, transferred ${SIZE} of ${SIZE} VM-state`)
const DRIVE = new RegExp(`(\\S+): transferred ${SIZE} of ${SIZE} \\(`)

/**
 * The progress a task log line reports, or undefined: qemu-server's live migration logs
 * `migration active, transferred 1.2 GiB of 4.0 GiB VM-state, 112.0 MiB/s` every second,
 * and a local disk's mirror `drive-scsi0: transferred 1.0 GiB of 32.0 GiB (3.12%) in 5s`.
 */
export function transferProgress(line: string): TransferProgress | undefined {
  const state = VM_STATE.exec(line)
  if (state) return {transferred: bytesOf(state[1], state[2]), total: bytesOf(state[3], state[4]), what: 'VM-state'}
  const drive = DRIVE.exec(line)
  if (drive) return {transferred: bytesOf(drive[2], drive[3]), total: bytesOf(drive[4], drive[5]), what: drive[1]}
  return undefined
}

function bytesOf(value: string, unit: string): number {
  return Math.round(Number(value) * UNITS[unit])
}
