/**
 * Worker tasks as a PVE node keeps them: each has a UPID
 * (`UPID:node:PID:PSTART:STARTTIME:type:id:user:`), a status (running, then stopped with
 * an exit status: `OK`, `WARNINGS: n`, or the error), and a log. PIDs and process start
 * times come from a counter, so UPIDs are deterministic but for the start time, which is
 * the real clock (clients filter task lists with `since`).
 *
 * Listing follows `GET /nodes/{node}/tasks` (pve-manager's Tasks.pm): newest first,
 * finished tasks only unless `source=active|all` (running ones then show status
 * `RUNNING`, no endtime), filters by type, vmid, user, time, status and errors, paging
 * with start/limit (limit 0 lists nothing) and the match count as `total`. Logs default to
 * 50 lines; `limit=0` reads to the end.
 */
import type {Upid} from '../proxmox/tasks.js'
import {parameterError} from './errors.js'

/** A task on the server side: the UPID's fields as the client reads them, plus its state and log. */
export interface Task extends Upid {
  status: 'running' | 'stopped'
  exitstatus?: string
  endtime?: number
  /** Log lines so far (without the final `TASK ...` line). */
  lines: string[]
  /** Extra lines computed when the log is read while the task runs (progress). */
  progress?: () => string[]
}

export interface TaskFilter {
  start?: number
  limit?: number
  since?: number
  until?: number
  typefilter?: string
  userfilter?: string
  statusfilter?: string
  vmid?: number
  errors?: boolean
  source?: 'archive' | 'active' | 'all'
  /** Whose tasks the caller may see (all when absent). */
  visible?: (user: string) => boolean
}

const UPID = /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/

export function hex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0')
}

/** `2026-11-21 10:00:03`: the timestamp migration logs put before each line (UTC here). */
export function logTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

export class TaskRegistry {
  private readonly tasks = new Map<string, Task>()
  private readonly byNode = new Map<string, Task[]>()
  private counter = 0

  create(node: string, type: string, id: string, user: string): Task {
    this.counter++
    const pid = 0x1000 + this.counter * 7
    const pstart = 0x00c0ffee + this.counter * 100
    const starttime = Math.floor(Date.now() / 1000)
    const upid = `UPID:${node}:${hex(pid, 8)}:${hex(pstart, 8)}:${hex(starttime, 8)}:${type}:${id}:${user}:`
    const task: Task = {upid, node, pid, pstart, starttime, type, id, user, status: 'running', lines: []}
    this.tasks.set(upid, task)
    const list = this.byNode.get(node) ?? []
    list.push(task)
    this.byNode.set(node, list)
    return task
  }

  log(task: Task, line: string, timestamped = true): void {
    task.lines.push(timestamped ? `${logTime(Date.now())} ${line}` : line)
  }

  finish(task: Task, exitstatus: string): void {
    if (task.status === 'stopped') return
    delete task.progress
    task.status = 'stopped'
    task.exitstatus = exitstatus
    task.endtime = Math.floor(Date.now() / 1000)
  }

  /** The task a UPID names on this node; 400 as PVE gives when it is malformed or unknown. */
  get(node: string, upid: string): Task {
    if (!UPID.test(upid)) throw parameterError({upid: 'unable to parse worker upid'})
    const task = this.tasks.get(upid)
    if (!task || task.node !== node) throw parameterError({upid: 'no such task'})
    return task
  }

  find(upid: string): Task | undefined {
    return this.tasks.get(upid)
  }

  status(task: Task): Record<string, unknown> {
    const {upid, node, pid, pstart, starttime, type, id, user, status} = task
    return {upid, node, pid, pstart, starttime, type, id, user, status, ...(status === 'stopped' ? {exitstatus: task.exitstatus} : {})}
  }

  /** Log lines `[{n, t}]` from `start`, at most `limit` (50 when absent, all when 0), and the line count. */
  logLines(task: Task, start = 0, limit = 50): {lines: {n: number; t: string}[]; total: number} {
    const all = [...task.lines, ...(task.status === 'running' ? task.progress?.() ?? [] : [])]
    if (task.status === 'stopped') all.push(task.exitstatus === 'OK' ? 'TASK OK' : /^WARNINGS: /.test(task.exitstatus ?? '') ? `TASK ${task.exitstatus}` : `TASK ERROR: ${task.exitstatus}`)
    const lines = all.slice(start, limit === 0 ? undefined : start + limit).map((t, i) => ({n: start + i + 1, t}))
    if (all.length === 0) return {lines: [{n: 1, t: 'no content'}], total: 1}
    return {lines, total: all.length}
  }

  list(node: string, filter: TaskFilter): {tasks: Record<string, unknown>[]; total: number} {
    const source = filter.source ?? 'archive'
    const statuses = filter.statusfilter?.split(/[,;\s]+/).filter(Boolean).map((s) => s.toLowerCase())
    const matching = [...(this.byNode.get(node) ?? [])]
      .sort((a, b) => b.starttime - a.starttime || b.pid - a.pid)
      .filter((t) => {
        if (t.status === 'running' ? source === 'archive' : source === 'active') return false
        if (filter.typefilter && t.type !== filter.typefilter) return false
        if (filter.vmid !== undefined && t.id !== String(filter.vmid)) return false
        if (filter.userfilter && !t.user.toLowerCase().includes(filter.userfilter.toLowerCase())) return false
        if (filter.visible && !filter.visible(t.user)) return false
        if (filter.since !== undefined && t.starttime < filter.since) return false
        if (filter.until !== undefined && t.starttime > filter.until) return false
        if (filter.errors && t.status === 'stopped' && t.exitstatus === 'OK') return false
        if (statuses && !statuses.includes(statusClass(t))) return false
        return true
      })
    const start = filter.start ?? 0
    const limit = filter.limit ?? 50
    const tasks = matching.slice(start, start + limit).map((t) => {
      const {upid, node: n, pid, pstart, starttime, type, id, user} = t
      return t.status === 'running'
        ? {upid, node: n, pid, pstart, starttime, type, id, user, status: 'RUNNING'}
        : {upid, node: n, pid, pstart, starttime, type, id, user, status: t.exitstatus, endtime: t.endtime}
    })
    return {tasks, total: matching.length}
  }

  /** Recent tasks of the whole cluster (`GET /cluster/tasks`), newest first. */
  recent(limit = 200): Record<string, unknown>[] {
    return [...this.tasks.values()]
      .sort((a, b) => b.starttime - a.starttime || b.pid - a.pid)
      .slice(0, limit)
      .map((t) => {
        const {upid, node, pid, pstart, starttime, type, id, user} = t
        return {upid, node, pid, pstart, starttime, type, id, user, ...(t.status === 'stopped' ? {status: t.exitstatus, endtime: t.endtime, saved: '1'} : {})}
      })
  }

  running(): Task[] {
    return [...this.tasks.values()].filter((t) => t.status === 'running')
  }
}

/** upid_normalize_status_type: a running task has no status yet, which counts as unknown. */
function statusClass(task: Task): string {
  if (task.status === 'running') return 'unknown'
  if (task.exitstatus === 'OK') return 'ok'
  if (/^WARNINGS: /.test(task.exitstatus ?? '')) return 'warning'
  if (task.exitstatus === 'unexpected status') return 'unknown'
  return 'error'
}
