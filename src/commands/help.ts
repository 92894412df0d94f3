import * as Args from '@oclif/core/args'
import {Command} from '@oclif/core/command'
import {Help} from '@oclif/core/help'

/** Not a ProxlbCommand: help has no --json (it is for people). */
export default class HelpCommand extends Command {
  static override summary = 'Show help for proxlb or one of its commands.'

  static override strict = false

  static override args = {
    command: Args.string({description: 'Command to show help for.', required: false}),
  }

  async run(): Promise<void> {
    const {argv} = await this.parse(HelpCommand)
    await new Help(this.config, {all: false}).showHelp(argv as string[])
  }
}
