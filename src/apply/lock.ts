/**
 * One proxlb at a time per cluster, on this machine: a lock file created with O_EXCL that
 * says who holds it (pid, host, command, since when). A lock left by a process that no
 * longer runs on this host (a crash, kill -9) is taken over with a warning; a lock held by
 * a live process, or by another host (a shared state folder), refuses the run. Released
 * when the run ends. Proxlb running on other machines is caught by the live check instead:
 * guests locked by a migration nobody here started (see ./staleness.ts).
 */
import {closeSync, openSync, readFileSync, rmSync, statSync, writeSync} from 'node:fs'
import {hostname} from 'node:os'
import {ProxlbError} from '../model/problems.js'
import {ClusterBusyError} from './errors.js'

export interface LockOwner {
  pid: number
  host: string
  command: string
  cluster: string
  /** ISO-8601 UTC. */
  since: string
}

export interface ClusterLock {
  readonly path: string
  release(): void
}

/** Takes the lock at `path` for `owner`; throws ClusterBusyError when another live proxlb holds it. */
export function acquireClusterLock(path: string, owner: Omit<LockOwner, 'pid' | 'host' | 'since'>, warn: (line: string) => void): ClusterLock {
  const me: LockOwner = {pid: process.pid, host: hostname(), since: new Date().toISOString(), ...owner}
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644)
      try {
        writeSync(fd, JSON.stringify(me) + '\n')
      } finally {
        closeSync(fd)
      }
      return {path, release: () => releaseIfOurs(path, me)}
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ProxlbError(`cannot create the lock file ${path}: ${(error as Error).message}`)
    }
    const holder = readOwner(path)
    if (holder && holder.host === me.host && !isAlive(holder.pid)) {
      warn(`taking over the lock ${path} from ${holder.command} (pid ${holder.pid}, since ${holder.since}), which no longer runs`)
      rmSync(path, {force: true})
      continue
    }
    if (!holder && !justCreated(path)) {
      warn(`the lock file ${path} is unreadable (empty or damaged); taking it over`)
      rmSync(path, {force: true})
      continue
    }
    if (!holder) break
    throw new ClusterBusyError(
      `another proxlb holds cluster ${owner.cluster}: ${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.since}); nothing was moved`,
      [`wait for it to finish; if that run is gone for good (another host), remove ${path}`],
    )
  }
  throw new ClusterBusyError(`another proxlb took the lock ${path} at the same moment; nothing was moved`)
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return {pid: value.pid, host: value.host, command: String(value.command ?? 'proxlb'), cluster: String(value.cluster ?? ''), since: String(value.since ?? '?')}
    }
  } catch {
    // Unreadable: treated as no owner.
  }
  return undefined
}

/** A lock file without content yet may be one another process is writing this instant. */
function justCreated(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs < 10_000
  } catch {
    return false
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function releaseIfOurs(path: string, me: LockOwner): void {
  const holder = readOwner(path)
  if (holder && holder.pid === me.pid && holder.host === me.host && holder.since === me.since) rmSync(path, {force: true})
}
