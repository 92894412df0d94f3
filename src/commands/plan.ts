import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {isoSeconds, now} from '../cli/clock.js'
import {writeFileAtomic} from '../cli/files.js'
import {CONNECTION_FLAGS, connectionSources} from '../cli/connection.js'
import {withDrainsOf} from '../cli/drains.js'
import {clusterSnapshot, commandPolicy} from '../cli/sources.js'
import {VERSION} from '../cli/version.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import {planRebalance} from '../planner/index.js'
import {PLAN_FORMATS, type PlanFormat, renderPlanAs} from '../render/plan-view.js'

export default class Plan extends ProxlbCommand {
  static override summary = 'Plan the migrations that balance a cluster.'

  static override description = `Reads a snapshot (a file; the live cluster when a host is given by flag, PROXLB_HOST or the config file; else the bundled demo cluster) and a policy (--policy, else the config file's, else the bundled default), and prints the migrations that bring the cluster within the policy's threshold while honouring every rule. Nothing is moved: apply the plan with proxlb apply.

Exit codes: 0 success; 1 error (invalid input, unreadable file); with --detailed-exitcode, 0 means nothing to do and 2 means migrations are planned.`

  static override examples = [
    {description: 'Plan the bundled demo cluster with the default policy', command: '<%= config.bin %> plan'},
    {description: 'Plan a snapshot with a policy and save the plan for apply', command: '<%= config.bin %> plan cluster.json --policy policies/memory.yaml --out plan.json'},
    {description: 'A pull-request comment, failing CI with 2 when the cluster needs moves', command: '<%= config.bin %> plan snapshots/prod.json --format markdown --detailed-exitcode'},
    {description: 'A page with before/after charts per node, to open offline', command: '<%= config.bin %> plan --format html > plan.html'},
    {description: 'Plan the live cluster (snapshot taken in memory) with the settings of a config file', command: '<%= config.bin %> plan -c /etc/proxlb/proxlb.conf'},
  ]

  static override args = {
    snapshot: Args.string({description: 'Snapshot file (JSON, from proxlb snapshot). Default: the bundled demo cluster.', required: false}),
  }

  static override flags = {
    policy: Flags.string({char: 'p', summary: 'Policy file (YAML). Default: the bundled default policy.', helpValue: 'FILE'}),
    out: Flags.string({char: 'o', summary: 'Also write the plan as JSON to FILE (atomically), for proxlb apply.', helpValue: 'FILE'}),
    format: Flags.string({char: 'f', summary: 'Output format.', options: [...PLAN_FORMATS], default: 'text'}),
    json: Flags.boolean({char: 'j', summary: 'Print the plan as JSON (same as --format json).', default: false}),
    'detailed-exitcode': Flags.boolean({summary: 'Exit 0 when nothing is to do, 2 when migrations are planned, 1 on error.', default: false}),
    'cpu-window': Flags.string({summary: 'For a live cluster: CPU use from one sample (off), or averaged over the last hour or day.', options: ['off', 'hour', 'day'], default: 'off'}),
    ...CONNECTION_FLAGS,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Plan)
    const warn = (line: string) => this.warnLine(line)
    const connection = connectionSources(flags, process.env, warn)
    const snapshot = await clusterSnapshot(args.snapshot, connection, {cpuWindow: flags['cpu-window'] as 'off' | 'hour' | 'day'}, this.packageRoot, warn)
    const policy = commandPolicy(flags.policy, connection, this.packageRoot, warn)
    const {snapshot: snap, fingerprint} = snapshot.value
    const planned = withDrainsOf(snap.cluster.name, policy.value.policy, warn)
    const plan = planRebalance(snap, planned, {
      createdAt: isoSeconds(now()),
      toolVersion: VERSION,
      snapshot: {fingerprint, takenAt: snap.takenAt, cluster: snap.cluster.name, ...(snap.source.endpoint ? {endpoint: snap.source.endpoint} : {})},
      policy: {document: planned, hash: planned === policy.value.policy ? policy.value.hash : sha256Of(planned)},
    })
    if (flags.out) writeFileAtomic(flags.out, prettyJson(plan))

    const sources = {snapshot: snapshot.label, policy: policy.label}
    const format = flags.json ? 'json' : flags.format
    this.out(renderPlanAs(format as PlanFormat, plan, sources))
    if (flags['detailed-exitcode'] && plan.moves.length > 0) process.exitCode = 2
  }
}
