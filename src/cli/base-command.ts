/**
 * What every proxlb command shares: where the package lives (for bundled files), one way
 * to warn on stderr, output written straight to stdout (oclif's `log` is silenced in its
 * own JSON mode, which proxlb does not use) — or to stderr when a file went to stdout
 * (`--out -`), so that stdout carries that file alone — and the --json flag: under it
 * stdout carries one JSON document (errors included, see machine-output.ts), and a
 * command prints its result with `outJson`.
 */
import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import {prettyJson} from '../model/canonical.js'
import {resetStreams, stdoutTaken} from './files.js'

export abstract class ProxlbCommand extends Command {
  static override baseFlags = {
    json: Flags.boolean({char: 'j', summary: 'Print the result as one JSON document on stdout (errors too: {"format": "proxlb.error/v1", "error": {...}}).', default: false}),
  }

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

  /** The document as pretty JSON on stdout: the one document of a --json run. */
  protected outJson(document: unknown): void {
    this.out(prettyJson(document))
  }

  protected get packageRoot(): string {
    return this.config.root
  }
}
