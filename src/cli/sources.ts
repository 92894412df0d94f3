/**
 * Where a command's cluster and policy come from, decided in one place.
 *
 * The cluster: a snapshot file when one is named; else the live cluster when flags,
 * environment or config name a host (a snapshot taken in memory); else the bundled demo.
 * The policy: --policy, else the config file's policy, else the bundled default.
 */
import type {LoadedPolicy} from '../model/policy.js'
import type {LoadedSnapshot} from '../model/snapshot.js'
import {ConfigurationError} from '../config/connection.js'
import type {CpuWindow} from '../proxmox/collector.js'
import {DEFAULT_CONCURRENCY} from '../proxmox/limits.js'
import type {ClientStats} from '../proxmox/client.js'
import {type ConnectionSources, wantsCluster} from './connection.js'
import {type Loaded, loadPolicy, loadSnapshot} from './inputs.js'
import {progressLine} from './progress.js'

export interface LiveSnapshot extends LoadedSnapshot {
  /** The host that answered. */
  endpoint: string
  stats: ClientStats
  elapsedMs: number
}

export interface LiveOptions {
  cpuWindow: CpuWindow
  /** With a CPU window, average memory over it too (the balance service's balance.window). */
  averageMemory?: boolean
  /** Requests in flight at once (default DEFAULT_CONCURRENCY); the client opens as many connections. */
  concurrency?: number
}

/** Reads the cluster the sources name into a snapshot; warnings (offline nodes, fail-overs) go to `warn` as they come. */
export async function takeLiveSnapshot(sources: ConnectionSources, options: LiveOptions, warn: (line: string) => void): Promise<LiveSnapshot> {
  // Required here, not imported: plan and simulate of a snapshot file never load the HTTP stack.
  const {liveSnapshotWith, openClusterClient} = require('./live-client.js') as typeof import('./live-client.js')
  const progress = progressLine()
  const say = (line: string) => {
    progress.done()
    warn(line)
  }
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const client = await openClusterClient(sources, say, concurrency)
  try {
    return await liveSnapshotWith(client, {...options, concurrency}, say, progress)
  } finally {
    await client.close()
  }
}

/** The snapshot a command works on: a file, the live cluster, or the bundled demo. */
export async function clusterSnapshot(
  file: string | undefined, sources: ConnectionSources, options: LiveOptions, packageRoot: string, warn: (line: string) => void,
): Promise<Loaded<LoadedSnapshot>> {
  if (file) {
    const flags = sources.layers.find((layer) => layer.source === 'flags')
    if (flags?.settings.hosts) throw new ConfigurationError(`give a snapshot file (${file}) or ${flags.where.hosts}, not both: proxlb cannot tell which cluster you mean`)
    return loadSnapshot(file, packageRoot, warn)
  }
  if (wantsCluster(sources)) {
    const live = await takeLiveSnapshot(sources, options, warn)
    return {value: live, label: `live snapshot of ${live.endpoint}`}
  }
  return loadSnapshot(undefined, packageRoot, warn)
}

/** The policy a command applies: --policy, the config file's, or the bundled default. */
export function commandPolicy(file: string | undefined, sources: ConnectionSources, packageRoot: string, warn: (line: string) => void): Loaded<LoadedPolicy> {
  const fromConfig = sources.config?.policy
  if (file || !fromConfig) return loadPolicy(file, packageRoot, warn)
  if ('path' in fromConfig) return loadPolicy(fromConfig.path, packageRoot, warn)
  return {value: fromConfig.inline, label: fromConfig.label}
}
