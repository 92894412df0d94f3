import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {CONNECTION_FLAGS, connectionSources} from '../cli/connection.js'
import {writeFileAtomic} from '../cli/files.js'
import {takeLiveSnapshot} from '../cli/sources.js'
import {prettyJson} from '../model/canonical.js'
import {FORMATS} from '../model/formats.js'
import {DEFAULT_CONCURRENCY, PER_NODE_CONCURRENCY} from '../proxmox/limits.js'
import {renderSnapshotSummary} from '../render/snapshot-summary.js'

export default class Snapshot extends ProxlbCommand {
  static override summary = 'Read a Proxmox VE cluster into a snapshot file.'

  static override description = `Reads nodes, guests, storages and HA rules through the Proxmox VE API and writes them as a snapshot (JSON, schemas/snapshot.v1.json): what plan, simulate and apply work from. Offline nodes, locked, migrating, HA-managed guests and templates are all recorded. The snapshot carries a fingerprint of the cluster state and never a secret. Without --out the snapshot goes to stdout; with --out and --json, a summary of what was read (JSON) does.

Connection settings come from, in this order: flags, PROXLB_* environment variables, the config file (-c, $PROXLB_CONFIG, or /etc/proxlb/proxlb.conf when it exists; proxlb YAML or the original ProxLB INI), defaults.

Exit codes: 0 success; 1 error (bad settings, failed login, no host answering, unwritable file).`

  static override examples = [
    {description: 'Snapshot a cluster with an API token, trusting the cluster CA', command: "PROXLB_TOKEN_SECRET=... <%= config.bin %> snapshot --host pve1,pve2 --token-id 'proxlb@pve!ro' --ca-file pve-root-ca.pem --out cluster.json"},
    {description: 'With a password file, pinning the node certificate', command: '<%= config.bin %> snapshot -H pve1.example.com -u root@pam --password-file ~/.pve-pass --fingerprint 80:D4:F2:...:69:F5 -o cluster.json'},
    {description: 'Everything from the ProxLB config file, CPU averaged over the last hour', command: '<%= config.bin %> snapshot -c /etc/proxlb/proxlb.conf --cpu-window hour -o cluster.json'},
    {description: 'Go easy on a cluster that is busy with something else: 8 requests at a time', command: '<%= config.bin %> snapshot -c /etc/proxlb/proxlb.conf --concurrency 8 -o cluster.json'},
  ]

  static override flags = {
    out: Flags.string({char: 'o', summary: 'Write the snapshot to FILE (atomically) instead of stdout.', helpValue: 'FILE'}),
    'cpu-window': Flags.string({summary: 'CPU use: one sample (off), or the average of the last hour or day of RRD data (one more request per running guest and per node; a guest migrated within the window counts where it runs now).', options: ['off', 'hour', 'day'], default: 'off'}),
    concurrency: Flags.integer({
      summary: `Most API requests in flight at once; whatever N, at most ${PER_NODE_CONCURRENCY} for guests of the same node (its pveproxy serves three at a time).`,
      helpValue: 'N',
      min: 1,
      max: 64,
      default: DEFAULT_CONCURRENCY,
    }),
    ...CONNECTION_FLAGS,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Snapshot)
    const warn = (line: string) => this.warnLine(line)
    const sources = connectionSources(flags, process.env, warn)
    const live = await takeLiveSnapshot(sources, {cpuWindow: flags['cpu-window'] as 'off' | 'hour' | 'day', concurrency: flags.concurrency}, warn)
    const json = prettyJson(live.snapshot)
    if (!flags.out) return this.out(json)
    writeFileAtomic(flags.out, json)
    const facts = {file: flags.out, endpoint: live.endpoint, requests: live.stats.requests, elapsedMs: live.elapsedMs}
    if (!flags.json) return this.out(renderSnapshotSummary(live.snapshot, facts))
    const s = live.snapshot
    this.outJson({format: FORMATS.snapshotSummary, ...facts, cluster: s.cluster.name, takenAt: s.takenAt, fingerprint: s.fingerprint, nodes: s.nodes.length, guests: s.guests.length})
  }
}
