/**
 * The cluster client and live snapshots of the commands that move guests (apply, drain,
 * balance): one client for the whole run, so a password is asked for once and the
 * snapshot, the migrations and their checks share its connections and ticket.
 */
import type {ProxmoxClient} from '../proxmox/client.js'
import {DEFAULT_CONCURRENCY} from '../proxmox/limits.js'
import {isoSeconds, now} from './clock.js'
import {type ConnectionSources, connectionPlan, openClient} from './connection.js'
import {type ProgressLine, progressLine} from './progress.js'
import type {LiveOptions, LiveSnapshot} from './sources.js'
import {VERSION} from './version.js'

/**
 * A client for the cluster the sources name; fail-overs to another host are warned about.
 * Its pool holds exactly `concurrency` connections, as many as the reads a snapshot keeps
 * in flight: with room for more, undici opens nearly twice as many connections (the next
 * read often comes before the socket of the last answer counts as free), each a TLS
 * handshake for proxlb and the node.
 */
export async function openClusterClient(sources: ConnectionSources, warn: (line: string) => void, concurrency = DEFAULT_CONCURRENCY): Promise<ProxmoxClient> {
  return openClient(connectionPlan(sources, warn), warn, (event) => {
    if (event.type === 'failover') warn(`${event.failed.map((f) => `${f.endpoint} does not answer (${f.reason})`).join('; ')}; using ${event.to}`)
  }, concurrency)
}

/** A snapshot read through an open client, with progress on a terminal. */
export async function liveSnapshotWith(client: ProxmoxClient, options: LiveOptions, warn: (line: string) => void, progress: ProgressLine = progressLine()): Promise<LiveSnapshot> {
  // Required here, not imported: plan and simulate of a snapshot file never load the collector.
  const {readLiveSnapshot} = require('../proxmox/live.js') as typeof import('../proxmox/live.js')
  const started = Date.now()
  const requestsBefore = client.stats.requests
  progress.asking(client.endpoint)
  // The privilege check is the first read: a host keeping it waiting shows already.
  progress.update({phase: 'cluster', done: 0, total: 1})
  const unlisten = client.listen((event) => progress.clientEvent(event, client.endpoint))
  try {
    const {snapshot, warnings} = await readLiveSnapshot(client, {
      cpuWindow: options.cpuWindow,
      ...(options.averageMemory ? {averageMemory: true} : {}),
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      takenAt: isoSeconds(now()),
      tool: `proxlb ${VERSION}`,
      onProgress: (p) => progress.update(p),
    }, (line) => {
      progress.done()
      warn(line)
    })
    progress.done()
    warnings.forEach(warn)
    return {snapshot, fingerprint: snapshot.fingerprint!, warnings, endpoint: client.endpoint, stats: {...client.stats, requests: client.stats.requests - requestsBefore}, elapsedMs: Date.now() - started}
  } finally {
    unlisten()
    progress.done()
  }
}
