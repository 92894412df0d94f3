/**
 * What the balance service remembers between cycles and across restarts (see
 * src/planner/calm.ts): a file per cluster in the state folder, calm-CLUSTER.json, written
 * atomically after each cycle. Its shape: {"v": 1, "cluster", "imbalancedCycles",
 * "migrated": [{"vmid", "from", "to", "at"}]}. A file that cannot be read is reported in
 * one line and the service starts afresh (forgetting cooldowns is safe: the margin still
 * holds); it is never the reason a cycle fails.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type CalmMemory, EMPTY_MEMORY, type Migrated} from '../planner/calm.js'
import {writeFileAtomic} from './files.js'
import {fileSafe} from './state.js'

export function calmMemoryPath(stateDir: string, cluster: string): string {
  return join(stateDir, `calm-${fileSafe(cluster)}.json`)
}

/** The memory kept for `cluster`, or an empty one (with the reason in `problem` when the file is unreadable). */
export function readCalmMemory(stateDir: string, cluster: string): {memory: CalmMemory; problem?: string} {
  const file = calmMemoryPath(stateDir, cluster)
  if (!existsSync(file)) return {memory: EMPTY_MEMORY}
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    if (value?.v !== 1 || !Array.isArray(value.migrated) || typeof value.imbalancedCycles !== 'number') throw new Error('not a proxlb calm memory of version 1')
    const migrated = (value.migrated as unknown[]).filter(isMigrated)
    return {memory: {imbalancedCycles: Math.max(0, Math.floor(value.imbalancedCycles)), migrated}}
  } catch (error) {
    return {memory: EMPTY_MEMORY, problem: `${file} cannot be read (${(error as Error).message}): starting without cooldowns; it is written anew after this cycle`}
  }
}

export function writeCalmMemory(stateDir: string, cluster: string, memory: CalmMemory): void {
  writeFileAtomic(calmMemoryPath(stateDir, cluster), JSON.stringify({v: 1, cluster, ...memory}, null, 2) + '\n')
}

function isMigrated(value: unknown): value is Migrated {
  const m = value as Migrated
  return typeof m?.vmid === 'number' && typeof m.from === 'string' && typeof m.to === 'string' && typeof m.at === 'string' && !Number.isNaN(Date.parse(m.at))
}
