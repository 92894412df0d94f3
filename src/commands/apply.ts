import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {carryOut, exitCodeOf, reportText} from '../cli/carry-out.js'
import {CONNECTION_FLAGS, connectionSources} from '../cli/connection.js'
import {drainedNodes} from '../cli/drains.js'
import {EXECUTION_FLAGS, executionOptions} from '../cli/execution-flags.js'
import {INPUT_LIMITS, readInputFile} from '../cli/files.js'
import {checkResumable, journalPathFor, planToRun, replanner} from '../cli/plan-run.js'
import {openClusterClient} from '../cli/live-client.js'
import {readPlan} from '../model/plan.js'
import {renderIntro} from '../render/apply-events.js'
import {renderPlanText} from '../render/plan-text.js'

export default class Apply extends ProxlbCommand {
  static override summary = 'Carry out a plan: migrate the guests it moves, safely.'

  static override description = `Checks the plan against a fresh snapshot of the cluster (made for this cluster; every guest still where the plan found it, the same guest, not locked, in a state its migration fits; source and target online, the target with room): a plan of another cluster is refused, a stale plan is refused with the list of what changed, or planned again from the live cluster with --replan. Then it shows the moves and asks (or takes --yes), and migrates: as many at once as --parallel and --per-node allow, the next one as soon as a slot frees and its target has room; running VMs live (with their local disks when the plan says so), running containers by restart, stopped guests offline. Each task is followed to its end (for HA-managed guests, the HA manager's migration), a failure reported with the task's own reason, and the guest checked on its target.

Every step is written to a journal (JSONL, default next to the plan: plan.json → plan.journal.jsonl), the start of a migration before its request is sent. After a crash, Ctrl-C or kill, --resume continues from the journal and the live cluster: migrations under way are followed, none is sent twice, and what failed or was skipped is tried again where it can run now. One proxlb at a time per cluster, from any machine: a lock held in the cluster (the resource pool proxlb-lock; needs Pool.Allocate on /pool), and no start while any guest is being migrated; right before each request, a guest someone else is moving (the HA manager, a task, an HA request) is skipped.

Exit codes: 0 every migration done; 1 error; 3 some migrations failed or did not run (the report lists each; --resume continues an interrupted run); 4 refused, nothing moved (stale plan, cluster busy, not confirmed).`

  static override examples = [
    {description: 'Carry out a reviewed plan (from proxlb plan --out plan.json), asking first', command: '<%= config.bin %> apply plan.json -c /etc/proxlb/proxlb.conf'},
    {description: 'Show the API requests without sending any', command: '<%= config.bin %> apply plan.json --dry-run'},
    {description: 'Unattended, four at a time, at most two per node, stop at the first failure', command: '<%= config.bin %> apply plan.json --yes --parallel 4 --per-node 2 --on-failure stop'},
    {description: 'Continue after a crash or Ctrl-C', command: '<%= config.bin %> apply plan.json --resume --yes'},
    {description: 'The cluster changed since planning: plan again with the same policy, review, go', command: '<%= config.bin %> apply plan.json --replan'},
  ]

  static override args = {
    plan: Args.string({description: 'Plan file (JSON, from proxlb plan --out).', required: true}),
  }

  static override flags = {
    resume: Flags.boolean({summary: 'Continue the run the journal records: follow migrations under way, run the rest (and what failed or was skipped, where it can run now); nothing is sent twice.', default: false, exclusive: ['replan']}),
    replan: Flags.boolean({summary: "If the plan is stale, plan again from the live cluster with the plan's policy (written to PLAN.replanned.json), show it, and carry that out.", default: false}),
    journal: Flags.string({summary: 'Journal file (JSONL). Default: next to the plan, plan.json → plan.journal.jsonl.', helpValue: 'FILE'}),
    ...EXECUTION_FLAGS,
    ...CONNECTION_FLAGS,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Apply)
    const warn = (line: string) => this.warnLine(line)
    const loaded = readPlan(readInputFile(args.plan, 'plan', INPUT_LIMITS.json), args.plan)
    const journalPath = flags.journal ?? journalPathFor(args.plan)
    if (flags.resume && !flags.journal) checkResumable(args.plan, journalPath)
    const options = executionOptions(flags)
    const sources = connectionSources(flags, process.env, warn)
    let replanned = false
    const drained = drainedNodes(loaded.plan.snapshot.cluster)
    const client = await openClusterClient(sources, warn)
    try {
      const result = await carryOut(client, planToRun(loaded.plan, loaded.policy, args.plan), {
        ...options,
        command: 'apply',
        planFile: args.plan,
        journalPath,
        resume: flags.resume,
        unavailable: drained,
        replan: flags.replan
          ? replanner(args.plan, loaded, drained, warn, (fresh, check) => {
              replanned = true
              process.stderr.write(`${args.plan} is stale (${check.changes.length} changed); planned again from the live cluster:\n`)
              process.stderr.write(renderPlanText(fresh, {snapshot: `live snapshot of ${client.endpoint}`, policy: `the policy embedded in ${args.plan}`}))
            })
          : undefined,
        show: (plan, check, settled) => {
          if (!replanned && options.view !== 'json') this.out(renderIntro('apply', plan.label, plan.cluster, plan.moves, settled, check.alreadyThere))
        },
        say: (line) => process.stderr.write(line + '\n'),
        warn,
        out: (text) => this.out(text),
      })
      const report = reportText(result, options.view)
      if (report) this.out(report)
      process.exitCode = exitCodeOf(result.report)
    } finally {
      await client.close()
    }
  }
}
