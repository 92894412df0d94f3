import * as Args from '@oclif/core/args'
import {ProxlbCommand} from '../cli/base-command.js'
import {prettyJson} from '../model/canonical.js'
import {SCHEMAS} from '../model/schemas.js'

export default class Schema extends ProxlbCommand {
  static override summary = 'Print the JSON Schema of a proxlb file format, for editors and other tools.'

  static override description = `Prints the JSON Schema (draft 2020-12) this build of proxlb validates with: policy and scenario (YAML files you write), snapshot and plan (JSON files proxlb writes). Save it next to your files and point your editor at it, for example with a first line "# yaml-language-server: $schema=./policy.schema.json" in a policy (VS Code with the YAML extension, Neovim, Helix and others read it). The output is JSON already: --json is accepted and changes nothing.`

  static override examples = [
    {description: 'Schema for policy files, for editor completion', command: '<%= config.bin %> schema policy > policy.schema.json'},
    {description: 'Schema for scenario files', command: '<%= config.bin %> schema scenario > scenario.schema.json'},
  ]

  static override args = {
    name: Args.string({description: 'Which format.', required: true, options: Object.keys(SCHEMAS)}),
  }

  async run(): Promise<void> {
    const {args} = await this.parse(Schema)
    this.out(prettyJson(SCHEMAS[args.name as keyof typeof SCHEMAS]))
  }
}
