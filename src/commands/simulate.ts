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
import {renderSimulationHtml} from '../render/html.js'
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

Exit codes: 0 success (whatever the verdict); 1 error; with --detailed-exitcode, 0 means the plan for the changed cluster moves nothing and 2 that it has migrations.`

  static override examples = [
    {description: 'Can the demo cluster lose pve1?', command: '<%= config.bin %> simulate --fail pve1'},
    {description: 'Forty new 8 GiB VMs on a new node: where do they go, how many more fit?', command: '<%= config.bin %> simulate cluster.json --add-node pve6:256GiB/32cores --add-guests 40x8GiB/4cores'},
    {description: 'A reviewed scenario, as a pull-request comment', command: '<%= config.bin %> simulate snapshots/prod.json --scenario examples/scenarios/black-friday.yaml --format markdown'},
    {description: 'The cluster after a saved plan, written for the next what-if', command: '<%= config.bin %> simulate cluster.json --plan plan.json --out after.json'},
    {description: 'Two policies side by side, as a page to share', command: '<%= config.bin %> simulate --compare-policy policies/memory.yaml --compare-policy policies/cpu.yaml --format html > compare.html'},
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
    format: Flags.string({char: 'f', summary: 'Output format.', options: ['text', 'markdown', 'json', 'html'], default: 'text'}),
    json: Flags.boolean({char: 'j', summary: 'Print the simulation as JSON (same as --format json).', default: false}),
    'detailed-exitcode': Flags.boolean({summary: 'Exit 0 when the plan for the changed cluster moves nothing, 2 when it has migrations, 1 on error.', default: false}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Simulate)
    const warn = (line: string) => this.warnLine(line)
    const snapshot = loadSnapshot(args.snapshot, this.packageRoot, warn)
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
}
