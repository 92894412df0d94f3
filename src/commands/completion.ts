import * as Args from '@oclif/core/args'
import manifest from '../../oclif.manifest.json'
import {ProxlbCommand} from '../cli/base-command.js'
import {FORMATS} from '../model/formats.js'
import {type Manifest} from '../docs/reference.js'
import {renderCompletion, SHELLS, type Shell} from '../docs/completion.js'

export default class Completion extends ProxlbCommand {
  static override summary = 'Print the shell completion script for bash, zsh or fish.'

  static override description = `The packages install these scripts already; for a copied binary, write one where the shell looks for it. The script completes commands, flags, the values of flags with a fixed list, and file names.`

  static override examples = [
    {description: 'bash, for every user', command: '<%= config.bin %> completion bash > /etc/bash_completion.d/proxlb'},
    {description: 'zsh, into a folder on $fpath', command: '<%= config.bin %> completion zsh > "${fpath[1]}/_proxlb"'},
    {description: 'fish', command: '<%= config.bin %> completion fish > ~/.config/fish/completions/proxlb.fish'},
  ]

  static override args = {
    shell: Args.string({description: 'The shell.', required: true, options: [...SHELLS]}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Completion)
    const script = renderCompletion(args.shell as Shell, manifest as unknown as Manifest)
    if (flags.json) this.outJson({format: FORMATS.completion, shell: args.shell, script})
    else this.out(script)
  }
}
