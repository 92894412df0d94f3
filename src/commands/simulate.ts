import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {isoSeconds, now} from '../cli/clock.js'
import {writeFileAtomic} from '../cli/files.js'
import {withDrainsOf} from '../cli/drains.js'
import {loadPlan, loadPolicy, loadScenario, loadSnapshot} from '../cli/inputs.js'
import {VERSION} from '../cli/version.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import {changesFromFlags, SPEC_FORMS} from '../model/scenario.js'
import {parseDuration} from '../cli/execution-flags.js'
import {ProxlbError} from '../model/problems.js'
import {renderReplayHtml, renderSimulationHtml} from '../render/html.js'
import {renderReplayText} from '../render/replay-text.js'
import {DRIFT_FORM, parseDrift} from '../simulate/drift.js'
import {replay} from '../simulate/replay.js'
import {renderSimulationMarkdown} from '../render/simulate-markdown.js'
import {renderSimulationText} from '../render/simulate-text.js'
import {simulate} from '../simulate/index.js'

export default class Simulate extends ProxlbCommand {
  static override summary = 'Ask what happens if nodes fail, drain, join or leave, or guests grow or arrive.'

  static override description = `Applies what-if changes to a snapshot (nothing touches a cluster), plans under the policy, and reports each node's utilisation now, after the changes and after the plan; what does not fit; whether the cluster survives the loss of any one node (every node's running guests restarted elsewhere under the policy's hard rules, by an exact search on clusters of usual size); and, with --add-guests, how many more guests of that size fit and where.

Changes come from a scenario file (--scenario, see schemas/scenario.v1.json) and from flags, scenario first. Flags apply in this order: --add-node, --remove-node, --grow, --add-guests, --drain, --fail.
  --add-node    ${SPEC_FORMS['add-node']} (disk defaults to the smallest existing node's)
  --add-guests  ${SPEC_FORMS['add-guests']}
  --grow        ${SPEC_FORMS.grow}
  --fail, --drain, --remove-node take node names (several joined by commas, or the flag repeated).

--out writes the predicted snapshot (source.kind simulated), which simulate and plan read again.

Over time (--cycles N): replays the balance service on the snapshot for N cycles (--every apart, default 1h), the load of every running guest drifting (--drift ${DRIFT_FORM}; walk is a seeded random walk per cycle, daily a 24-hour wave, jitter an independent wobble each cycle), each cycle's plan carried out at once and remembered as the service remembers it (balance.margin, balance.minGain, balance.persistence, balance.during, limits.cooldown, with the service's defaults). The same drift is replayed with a greedy balancer like ProxLB's (moves whenever the spread exceeds the threshold, no cooldown). Reports migrations per cycle, guests moved more than once, moves back within the cooldown and the spread over time, as text, JSON or an HTML chart.

Exit codes: 0 success (whatever the verdict); 1 error; with --detailed-exitcode, 0 means the plan for the changed cluster moves nothing and 2 that it has migrations.`

  static override examples = [
    {description: 'Can the demo cluster lose pve1?', command: '<%= config.bin %> simulate --fail pve1'},
    {description: 'Forty new 8 GiB VMs on a new node: where do they go, how many more fit?', command: '<%= config.bin %> simulate cluster.json --add-node pve6:256GiB/32cores --add-guests 40x8GiB/4cores'},
    {description: 'A reviewed scenario, as a pull-request comment', command: '<%= config.bin %> simulate snapshots/prod.json --scenario examples/scenarios/black-friday.yaml --format markdown'},
    {description: 'The cluster after a saved plan, written for the next what-if', command: '<%= config.bin %> simulate cluster.json --plan plan.json --out after.json'},
    {description: 'Two policies side by side, as a page to share', command: '<%= config.bin %> simulate --compare-policy policies/memory.yaml --compare-policy policies/cpu.yaml --format html > compare.html'},
    {description: 'A week of hourly balancing cycles under drifting load, next to a greedy balancer, as a chart', command: '<%= config.bin %> simulate --cycles 168 --drift walk:2%,daily:10%,seed:1 --format html > week.html'},
  ]

  static override args = {
    snapshot: Args.string({description: 'Snapshot file (JSON). Default: the bundled demo cluster.', required: false}),
  }

  static override flags = {
    policy: Flags.string({char: 'p', summary: 'Policy file (YAML). Default: the policy embedded in --plan, else the bundled default.', helpValue: 'FILE'}),
    plan: Flags.string({summary: 'Apply this plan (JSON, from proxlb plan --out) first; without other changes, report the cluster it leads to.', helpValue: 'FILE'}),
    scenario: Flags.string({char: 's', summary: 'Scenario file (YAML) with a list of changes.', helpValue: 'FILE'}),
    fail: Flags.string({summary: 'Node goes offline; its running guests restart elsewhere if they fit.', helpValue: 'NODE', multiple: true}),
    drain: Flags.string({summary: 'Node goes into maintenance; the plan moves its guests away.', helpValue: 'NODE', multiple: true}),
    'add-node': Flags.string({summary: 'A new empty node, such as pve6:256GiB/32cores/2TiB.', helpValue: 'SPEC', multiple: true}),
    'remove-node': Flags.string({summary: 'Node leaves the cluster; all its guests move elsewhere if they fit.', helpValue: 'NODE', multiple: true}),
    'add-guests': Flags.string({summary: 'New running guests placed where they fit best, such as 20x8GiB/4cores; also reports the headroom for that size.', helpValue: 'SPEC', multiple: true}),
    grow: Flags.string({summary: 'Every guest grows (or shrinks): memory=+20%, cpu=+10%, disk=-5%.', helpValue: 'RESOURCE=±N%', multiple: true}),
    'compare-policy': Flags.string({summary: 'Also run the same what-if under this policy and compare (moves, spread, resilience).', helpValue: 'FILE', multiple: true}),
    out: Flags.string({char: 'o', summary: 'Write the predicted snapshot (JSON) to FILE, atomically.', helpValue: 'FILE'}),
    cycles: Flags.integer({summary: 'Replay the balance service for N cycles under drifting load instead of a what-if (see the description).', helpValue: 'N', min: 1, max: 10000}),
    drift: Flags.string({summary: `How load drifts per guest with --cycles: ${DRIFT_FORM}. Default walk:2%,daily:10%,seed:1.`, helpValue: 'SPEC'}),
    every: Flags.string({summary: 'Time between two cycles with --cycles (30m, 1h, 12h). Default 1h.', helpValue: 'DURATION'}),
    format: Flags.string({char: 'f', summary: 'Output format.', options: ['text', 'markdown', 'json', 'html'], default: 'text'}),
    json: Flags.boolean({char: 'j', summary: 'Print the simulation as JSON (same as --format json).', default: false}),
    'detailed-exitcode': Flags.boolean({summary: 'Exit 0 when the plan for the changed cluster moves nothing, 2 when it has migrations, 1 on error.', default: false}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Simulate)
    const warn = (line: string) => this.warnLine(line)
    const snapshot = loadSnapshot(args.snapshot, this.packageRoot, warn)
    if (flags.cycles !== undefined) return this.replay(snapshot, flags)
    for (const flag of ['drift', 'every'] as const) if (flags[flag] !== undefined) throw new ProxlbError(`--${flag} only applies with --cycles N (a replay over time)`)
    const plan = flags.plan ? loadPlan(flags.plan) : undefined
    const policy =
      flags.policy || !plan
        ? loadPolicy(flags.policy, this.packageRoot, warn)
        : {value: {policy: plan.value.policy, hash: plan.value.plan.policy.hash, warnings: []}, label: `policy embedded in ${plan.label}`}
    const planned = withDrainsOf(snapshot.value.snapshot.cluster.name, policy.value.policy, warn)
    const scenario = flags.scenario ? loadScenario(flags.scenario) : undefined
    const changes = [...(scenario?.value.changes ?? []), ...changesFromFlags(flags)]
    const compare = (flags['compare-policy'] ?? []).map((file) => loadPolicy(file, this.packageRoot, warn))

    const {simulation, predicted} = simulate({
      snapshot: snapshot.value.snapshot,
      fingerprint: snapshot.value.fingerprint,
      snapshotLabel: snapshot.label,
      policy: {...policy.value, ...(planned !== policy.value.policy ? {policy: planned, hash: sha256Of(planned)} : {}), label: policy.label},
      changes,
      ...(plan ? {plan: {plan: plan.value.plan, file: plan.label}} : {}),
      ...(scenario ? {scenario: {file: scenario.label, name: scenario.value.name, description: scenario.value.description}} : {}),
      comparePolicies: compare.map((p) => ({...p.value, label: p.label})),
      createdAt: isoSeconds(now()),
      toolVersion: VERSION,
    })
    if (flags.out) writeFileAtomic(flags.out, prettyJson(predicted))

    const format = flags.json ? 'json' : flags.format
    const views = {json: () => prettyJson(simulation), markdown: () => renderSimulationMarkdown(simulation), html: () => renderSimulationHtml(simulation), text: () => renderSimulationText(simulation)}
    this.out(views[format as keyof typeof views]())
    if (flags['detailed-exitcode'] && simulation.plan.moves.length > 0) process.exitCode = 2
  }

  private replay(snapshot: ReturnType<typeof loadSnapshot>, flags: Awaited<ReturnType<Simulate['parse']>>['flags']): void {
    const whatIf = ['plan', 'scenario', 'fail', 'drain', 'add-node', 'remove-node', 'add-guests', 'grow', 'compare-policy', 'out'] as const
    const given = whatIf.filter((f) => flags[f] !== undefined)
    if (given.length) throw new ProxlbError(`--cycles replays the balance service and takes no what-if change: drop --${given.join(', --')}, or --cycles`)
    const format = flags.json ? 'json' : flags.format
    if (format === 'markdown') throw new ProxlbError('--format markdown is not available with --cycles: use text, json or html')
    const drift = parseDrift(flags.drift ?? 'walk:2%,daily:10%,seed:1')
    if (typeof drift === 'string') throw new ProxlbError(`--drift ${flags.drift}: ${drift}`)
    const warn = (line: string) => this.warnLine(line)
    const policy = loadPolicy(flags.policy, this.packageRoot, warn)
    const result = replay({
      snapshot: snapshot.value.snapshot,
      snapshotLabel: snapshot.label,
      policy: withDrainsOf(snapshot.value.snapshot.cluster.name, policy.value.policy, warn),
      policyLabel: policy.label,
      cycles: flags.cycles!,
      everySeconds: flags.every ? parseDuration(flags.every, '--every') : 3600,
      drift,
      toolVersion: VERSION,
    })
    const views = {json: () => prettyJson(result), html: () => renderReplayHtml(result), text: () => renderReplayText(result)}
    this.out(views[format as keyof typeof views]())
  }
}
