/**
 * What every proxlb command shares: where the package lives (for bundled files), one way
 * to warn on stderr, and output written straight to stdout (oclif's `log` is silenced in
 * its own JSON mode, which proxlb does not use).
 */
import {Command} from '@oclif/core/command'

export abstract class ProxlbCommand extends Command {
  protected warnLine(line: string): void {
    process.stderr.write(`warning: ${line}\n`)
  }

  protected out(text: string): void {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n')
  }

  protected get packageRoot(): string {
    return this.config.root
  }
}
