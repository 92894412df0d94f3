/**
 * What every proxlb command shares: where the package lives (for bundled files), one way
 * to warn on stderr, and output written straight to stdout (oclif's `log` is silenced in
 * its own JSON mode, which proxlb does not use) — or to stderr when a file went to stdout
 * (`--out -`), so that stdout carries that file alone.
 */
import {Command} from '@oclif/core/command'
import {resetStreams, stdoutTaken} from './files.js'

export abstract class ProxlbCommand extends Command {
  override async init(): Promise<void> {
    resetStreams()
    await super.init()
  }

  protected warnLine(line: string): void {
    process.stderr.write(`warning: ${line}\n`)
  }

  protected out(text: string): void {
    const line = text.endsWith('\n') ? text : text + '\n'
    if (stdoutTaken()) process.stderr.write(line)
    else process.stdout.write(line)
  }

  protected get packageRoot(): string {
    return this.config.root
  }
}
