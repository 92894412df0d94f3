import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {now} from '../cli/clock.js'
import {parseDuration} from '../cli/execution-flags.js'
import {loadPlan} from '../cli/inputs.js'
import {FORMATS} from '../model/formats.js'
import {snapshotAge} from '../model/plan.js'
import {ageText} from '../render/format.js'
import {PLAN_FORMATS, type PlanFormat, renderPlanAs} from '../render/plan-view.js'

export default class Show extends ProxlbCommand {
  static override summary = 'Show a saved plan, offline: the moves, the reasons, the nodes before and after.'

  static override description = `Reads a plan file (from proxlb plan --out, or a drain's plan) and renders it as proxlb plan does: text, Markdown for a pull request, an HTML page, or JSON. Nothing is read from a cluster. With --max-age, also says whether the snapshot the plan was made from is older than that: the plan is shown all the same, a warning says how old it is, and the exit code is 2.

Exit codes: 0 shown (with --max-age: its snapshot is recent enough); 1 error (no such file, not a plan); 2 with --max-age, the plan's snapshot is older than that.`

  static override examples = [
    {description: 'Review a saved plan', command: '<%= config.bin %> show plan.json'},
    {description: 'The plan as a pull-request comment, failing when its snapshot is more than a day old', command: '<%= config.bin %> show plan.json --format markdown --max-age 1d'},
    {description: 'A page with before/after charts per node', command: '<%= config.bin %> show plan.json --format html > plan.html'},
  ]

  static override args = {
    plan: Args.string({description: 'Plan file (JSON, from proxlb plan --out).', required: true}),
  }

  static override flags = {
    format: Flags.string({char: 'f', summary: 'Output format.', options: [...PLAN_FORMATS], default: 'text'}),
    json: Flags.boolean({char: 'j', summary: 'Print the plan and its age as JSON (proxlb.show/v1; same as --format json).', default: false}),
    'max-age': Flags.string({summary: 'Most age of the plan\'s snapshot (90s, 30m, 12h, 1d): older gives a warning and exit code 2.', helpValue: 'DURATION'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Show)
    const maxSeconds = flags['max-age'] === undefined ? undefined : parseDuration(flags['max-age'], '--max-age')
    const {plan} = loadPlan(args.plan).value
    const age = snapshotAge(plan, now(), maxSeconds)
    const snapshot = plan.snapshot.endpoint ? `snapshot of ${plan.snapshot.endpoint}` : 'the snapshot it was made from'
    if (flags.json || flags.format === 'json') this.outJson({format: FORMATS.show, file: args.plan, plan, age})
    else this.out(renderPlanAs(flags.format as PlanFormat, plan, {snapshot, policy: `the policy embedded in ${args.plan}`}))
    if (age.older) {
      this.warnLine(`the snapshot of ${args.plan} was taken ${ageText(age.seconds)} ago (${age.snapshotTakenAt}), longer ago than --max-age ${flags['max-age']}: the cluster has likely changed since; plan again (proxlb plan), or apply with --replan`)
      process.exitCode = 2
    }
  }
}
