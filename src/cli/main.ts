/**
 * The proxlb entry point, shared by `bin/run.js`, `bin/dev.js` and the single binary.
 *
 * oclif normally discovers the package at run time (reads package.json and the manifest,
 * requires the command target). A single executable cannot require files, so the
 * configuration is built here from the inlined package.json and oclif.manifest.json and the
 * command loaders of src/commands/index.ts: one code path for every way proxlb is started.
 * The manifest answers --version, --help and the command list without loading any command;
 * running a command loads that command's module only.
 *
 * Every error is reported here, once: expected ones (ProxlbError) as their lines, usage
 * errors as one line with a hint (for a mistyped command or flag, the one meant: see
 * suggest.ts), anything else as a bug; under --json also as a JSON document on stdout
 * (machine-output.ts). Exit codes: 0 success, 1 error,
 * 2 changes planned (plan --detailed-exitcode); see the README's table.
 */
import type {Command} from '@oclif/core/command'
import {Config} from '@oclif/core/config'
import * as Errors from '@oclif/core/errors'
import {flush} from '@oclif/core/flush'
import type * as Interfaces from '@oclif/core/interfaces'
import {run} from '@oclif/core/run'
import manifest from '../../oclif.manifest.json'
import pjson from '../../package.json'
import {COMMANDS} from '../commands/index.js'
import {ProxlbError} from '../model/problems.js'
import {stdoutTaken} from './files.js'
import {conflictSentence} from './flag-conflicts.js'
import {type ErrorDocument, errorDocument, jsonRequested, proxlbErrorDocument} from './machine-output.js'
import {commandOf, suggestCommand, suggestFlag} from './suggest.js'
import {VERSION} from './version.js'

/** Runs proxlb with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], packageRoot: string, stderr: (line: string) => void = (line) => process.stderr.write(line + '\n')): Promise<number> {
  try {
    const config = await Config.load({root: packageRoot, pjson: pjson as Interfaces.PJSON, plugins: new Map([[pjson.name, new ProxlbPlugin(packageRoot)]])})
    await run(argv, config)
    await flush()
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    await flush().catch(() => {})
    return report(error, argv, stderr)
  }
}

/**
 * proxlb as oclif's root plugin: its commands as the committed manifest describes them, each
 * loaded on first use. It implements oclif's Plugin interface rather than extending oclif's
 * class, which would compute the manifest by loading every command, and it touches no
 * private field of oclif. The manifest test keeps oclif.manifest.json true to the commands.
 */
class ProxlbPlugin implements Interfaces.Plugin {
  readonly _base = `${pjson.name}@${pjson.version}`
  readonly alias = pjson.name
  readonly name = pjson.name
  readonly version = pjson.version
  readonly pjson = pjson as Interfaces.PJSON
  readonly type = 'core'
  readonly moduleType = 'commonjs'
  readonly isRoot = true
  readonly valid = true
  readonly hasManifest = true
  readonly commandsDir = undefined
  readonly hooks = {}
  readonly commandIDs = Object.keys(manifest.commands)
  readonly commands: Command.Loadable[]
  readonly topics: Interfaces.Topic[] = Object.entries(pjson.oclif.topics).map(([name, topic]) => ({...topic, name}))
  readonly options: Interfaces.Options

  constructor(readonly root: string) {
    this.options = {root, isRoot: true}
    // Only in development, between adding a command and regenerating the manifest (a test fails meanwhile).
    const unlisted = Object.keys(COMMANDS).filter((id) => !this.commandIDs.includes(id))
    if (unlisted.length) throw new Error(`oclif.manifest.json does not list ${unlisted.join(', ')}: run npm run gen:manifest`)
    const cached = (manifest as unknown as Interfaces.Manifest).commands
    this.commands = this.commandIDs
      .map((id) => ({...cached[id], load: () => this.findCommand(id, {must: true}), pluginAlias: this.alias, pluginType: this.type}))
      // By code unit: localeCompare would set up ICU collation, ~8 ms of every start.
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  async load(): Promise<void> {}

  findCommand(id: string, opts: {must: true}): Promise<Command.Class>
  findCommand(id: string, opts?: {must: boolean}): Promise<Command.Class | undefined>
  async findCommand(id: string, opts?: {must: boolean}): Promise<Command.Class | undefined> {
    const load = Object.hasOwn(COMMANDS, id) ? COMMANDS[id] : undefined
    if (!load) {
      if (opts?.must) throw new Errors.CLIError(`command ${id} not found`)
      return undefined
    }
    const command = load()
    command.id = id
    command.plugin = this
    return command
  }
}

function report(error: unknown, argv: readonly string[], stderr: (line: string) => void): number {
  if (error instanceof Errors.ExitError) return error.oclif.exit ?? 0
  const {lines, document, exitCode} = explain(error, argv)
  for (const line of lines) stderr(line)
  // Under --json the error is a JSON document as well, where the output would have been.
  if (jsonRequested(argv)) (stdoutTaken() ? process.stderr : process.stdout).write(JSON.stringify(document) + '\n')
  if (process.env.PROXLB_DEBUG && !(error instanceof ProxlbError) && error instanceof Error && error.stack) stderr(error.stack)
  return exitCode
}

/** An error as the lines people read and the document machines read. */
function explain(error: unknown, argv: readonly string[]): {lines: string[]; document: ErrorDocument; exitCode: number} {
  if (error instanceof ProxlbError) {
    return {lines: error.lines().map((line) => `error: ${line}`), document: proxlbErrorDocument(error), exitCode: error.exitCode}
  }
  if (error instanceof Errors.CLIError) {
    const command = commandOf(argv, manifest)
    // Flags that do not go together: one sentence naming them and what to do.
    const conflict = conflictSentence(error.message, command?.replaceAll(':', ' '))
    if (conflict) return {lines: [`error: ${conflict}`], document: errorDocument('flag-conflict', [conflict], command ? `proxlb ${command.replaceAll(':', ' ')}` : null, 1), exitCode: 1}
    // Other flag and argument errors from oclif: one line, the command or flag meant, the help to read.
    const usage = usageError(error, argv)
    return {lines: usage.lines, document: errorDocument(usage.code, usage.lines, usage.where, 1), exitCode: 1}
  }
  const message = error instanceof Error ? error.message : String(error)
  const line = `internal error, a bug in proxlb ${VERSION}; please report it with the command you ran: ${message}`
  return {lines: [`error: ${line}`], document: errorDocument('internal', [line], null, 1), exitCode: 1}
}

/** A usage error from oclif as proxlb's lines: what is wrong, what was probably meant, where to read more. */
function usageError(error: Errors.CLIError, argv: readonly string[]): {lines: string[]; code: string; where: string | null} {
  const first = error.message.split('\n')[0].replace(/^\s*›?\s*/, '')
  const command = commandOf(argv, manifest)
  const help = `       see proxlb ${command ? `${command.replaceAll(':', ' ')} ` : ''}--help${command ? '' : ', or proxlb COMMAND --help'}`
  const unknownCommand = /^command (\S+) not found$/.exec(first)
  if (unknownCommand) {
    const hint = suggestCommand(unknownCommand[1], manifest, Object.keys(pjson.oclif.topics))
    const lines = [`error: proxlb ${unknownCommand[1].replaceAll(':', ' ')}: no such command${hint ? `; ${hint}` : ''}`, '       see proxlb --help for the commands']
    return {lines, code: 'unknown-command', where: unknownCommand[1].replaceAll(':', ' ')}
  }
  const flags = (error as Errors.CLIError & {flags?: unknown}).flags
  if (command && Array.isArray(flags) && flags.length > 0) {
    const lines = flags.map((flag: string) => {
      const hint = suggestFlag(flag, command, manifest)
      return `error: proxlb ${command.replaceAll(':', ' ')} ${flag}: no such flag${hint ? `; ${hint}` : ''}`
    })
    return {lines: [...lines, help], code: 'unknown-flag', where: String(flags[0])}
  }
  return {lines: [`error: ${first}`, help], code: 'usage', where: command ? `proxlb ${command.replaceAll(':', ' ')}` : null}
}
