import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../../cli/base-command.js'
import {loadSnapshot} from '../../cli/inputs.js'
import {prettyJson} from '../../model/canonical.js'
import {renderDiffMarkdown, renderDiffText} from '../../render/diff.js'
import {diffSnapshots} from '../../simulate/diff.js'

export default class SnapshotDiff extends ProxlbCommand {
  static override summary = 'Show what changed between two snapshots: guests added, removed, moved; load per node.'

  static override description = `Compares two snapshots of a cluster (for example yesterday's and today's, or a snapshot and the one proxlb simulate --out predicted): nodes added, removed or changing status; guests added, removed, moved (from → to), changing status or size; each node's memory and CPU in use before → after.

Exit codes: 0 success (whether or not anything changed); 1 error.`

  static override examples = [
    {description: 'What moved since the last committed snapshot', command: '<%= config.bin %> snapshot diff snapshots/prod-2026-11-20.json snapshots/prod-2026-11-21.json'},
    {description: 'What a what-if would change, as a pull-request comment', command: '<%= config.bin %> simulate prod.json --fail pve2 --out after.json && <%= config.bin %> snapshot diff prod.json after.json --format markdown'},
  ]

  static override args = {
    before: Args.string({description: 'The earlier snapshot (JSON).', required: true}),
    after: Args.string({description: 'The later snapshot (JSON).', required: true}),
  }

  static override flags = {
    format: Flags.string({char: 'f', summary: 'Output format.', options: ['text', 'markdown', 'json'], default: 'text'}),
    json: Flags.boolean({char: 'j', summary: 'Print the diff as JSON (same as --format json).', default: false}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(SnapshotDiff)
    const warn = (line: string) => this.warnLine(line)
    const [a, b] = [loadSnapshot(args.before, this.packageRoot, warn), loadSnapshot(args.after, this.packageRoot, warn)]
    const diff = diffSnapshots({...a.value, label: a.label}, {...b.value, label: b.label})
    const format = flags.json ? 'json' : flags.format
    this.out(format === 'json' ? prettyJson(diff) : format === 'markdown' ? renderDiffMarkdown(diff) : renderDiffText(diff))
  }
}
