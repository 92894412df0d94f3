import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../../cli/base-command.js'
import {INPUT_LIMITS, readInputFile} from '../../cli/files.js'
import {loadSnapshot} from '../../cli/inputs.js'
import {FORMATS} from '../../model/formats.js'
import {readPolicy} from '../../model/policy.js'
import {ProxlbError} from '../../model/problems.js'
import {renderValidationText, type PolicyValidation} from '../../render/validation.js'
import {policyCoverage} from '../../policy/coverage.js'

export default class PolicyValidate extends ProxlbCommand {
  static override summary = 'Check policy files: every error with its line and column, and rules that match nothing.'

  static override description = `Reads each policy and reports every problem at its YAML line:column, file by file. With --snapshot, also warns about selectors, rules, maintenance and ignore entries and reserves that match no guest or node of that cluster (usually a typo).

Exit codes: 0 every file is valid (warnings allowed); 1 a file is invalid or cannot be read, or, with --strict, a warning was found.`

  static override examples = [
    {description: 'Check every policy in the repository', command: '<%= config.bin %> policy validate policies/*.yaml'},
    {description: 'Also check that the rules match the production cluster, failing on warnings', command: '<%= config.bin %> policy validate policies/prod.yaml --snapshot snapshots/prod.json --strict'},
  ]

  static override strict = false

  static override args = {
    files: Args.string({description: 'Policy files (YAML).', required: true}),
  }

  static override flags = {
    snapshot: Flags.string({summary: 'Also warn about entries that match no guest or node of this snapshot.', helpValue: 'FILE'}),
    strict: Flags.boolean({summary: 'Exit 1 when there are warnings, too.', default: false}),
    format: Flags.string({char: 'f', summary: 'Output format.', options: ['text', 'json'], default: 'text'}),
    json: Flags.boolean({char: 'j', summary: 'Print the results as JSON (same as --format json).', default: false}),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(PolicyValidate)
    const snapshot = flags.snapshot ? loadSnapshot(flags.snapshot, this.packageRoot, (line) => this.warnLine(line)) : undefined
    const results: PolicyValidation[] = (argv as string[]).map((file) => {
      try {
        const loaded = readPolicy(readInputFile(file, 'policy', INPUT_LIMITS.text), file)
        const coverage = snapshot ? policyCoverage(loaded.policy, snapshot.value.snapshot, snapshot.label) : []
        return {file, valid: true, errors: [], warnings: [...loaded.warnings, ...coverage.map((w) => `${file}:${loaded.locate!(w.path)}: ${w.message}`)]}
      } catch (error) {
        if (!(error instanceof ProxlbError)) throw error
        return {file, valid: false, errors: error.lines(), warnings: []}
      }
    })
    if (flags.json || flags.format === 'json') this.outJson({format: FORMATS.validation, files: results})
    else this.out(renderValidationText(results))
    const failed = results.some((r) => !r.valid || (flags.strict && r.warnings.length > 0))
    if (failed) process.exitCode = 1
  }
}
