import * as Args from '@oclif/core/args'
import {ProxlbCommand} from '../cli/base-command.js'
import {prettyJson} from '../model/canonical.js'
import {SCHEMAS} from '../model/schemas.js'
import completion from '../../schemas/completion.v1.json'
import conversion from '../../schemas/conversion.v1.json'
import emulator from '../../schemas/emulator.v1.json'
import error from '../../schemas/error.v1.json'
import event from '../../schemas/event.v1.json'
import serve from '../../schemas/serve.v1.json'
import show from '../../schemas/show.v1.json'
import simulation from '../../schemas/simulation.v1.json'
import snapshotDiff from '../../schemas/snapshot-diff.v1.json'
import snapshotSummary from '../../schemas/snapshot-summary.v1.json'
import validation from '../../schemas/validation.v1.json'

/** What proxlb prints under --json, beside the files it reads (SCHEMAS). */
const OUTPUT_SCHEMAS = {event, error, simulation, 'snapshot-diff': snapshotDiff, validation, show, emulator, serve, 'snapshot-summary': snapshotSummary, conversion, completion}
const ALL_SCHEMAS = {...SCHEMAS, ...OUTPUT_SCHEMAS}

export default class Schema extends ProxlbCommand {
  static override summary = 'Print the JSON Schema of a proxlb file format, for editors and other tools.'

  static override description = `Prints the JSON Schema (draft 2020-12) this build of proxlb validates with: policy, scenario and config (YAML files you write), snapshot, plan and journal (JSON files proxlb writes); and of what it prints under --json: event (apply, drain, balance), error, simulation, snapshot-diff, validation, show, emulator, serve, snapshot-summary, conversion, completion. Save it next to your files and point your editor at it, for example with a first line "# yaml-language-server: $schema=./policy.schema.json" in a policy (VS Code with the YAML extension, Neovim, Helix and others read it). The output is JSON already: --json is accepted and changes nothing.`

  static override examples = [
    {description: 'Schema for policy files, for editor completion', command: '<%= config.bin %> schema policy > policy.schema.json'},
    {description: 'Schema for scenario files', command: '<%= config.bin %> schema scenario > scenario.schema.json'},
  ]

  static override args = {
    name: Args.string({description: 'Which format.', required: true, options: Object.keys(ALL_SCHEMAS)}),
  }

  async run(): Promise<void> {
    const {args} = await this.parse(Schema)
    this.out(prettyJson(ALL_SCHEMAS[args.name as keyof typeof ALL_SCHEMAS]))
  }
}
