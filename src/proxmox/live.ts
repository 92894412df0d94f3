/**
 * A snapshot of the live cluster through an open client, the way every caller that moves
 * guests reads it (the commands, the web page): the read privileges checked first (a
 * missing one said in one line), then the collector. Knows no terminal: progress and
 * warnings go to the caller's hooks.
 */
import type {Snapshot} from '../model/snapshot.js'
import {checkReadPrivileges} from './access-check.js'
import type {ProxmoxClient} from './client.js'
import {collectSnapshot, type CpuWindow, type Progress} from './collector.js'
import {DEFAULT_CONCURRENCY} from './limits.js'

export interface LiveReadOptions {
  cpuWindow: CpuWindow
  concurrency?: number
  /** ISO-8601 time the snapshot is said to be taken at. */
  takenAt: string
  /** `proxlb 0.2.0`. */
  tool: string
  onProgress?: (progress: Progress) => void
}

export async function readLiveSnapshot(client: ProxmoxClient, options: LiveReadOptions, warn: (line: string) => void): Promise<{snapshot: Snapshot; warnings: string[]}> {
  await checkReadPrivileges(client, warn)
  return collectSnapshot(client, {
    cpuWindow: options.cpuWindow,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    takenAt: options.takenAt,
    tool: options.tool,
    ...(options.onProgress ? {onProgress: options.onProgress} : {}),
  })
}
