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
 * suggest.ts), anything else as a bug. Exit codes: 0 success, 1 error,
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
import {conflictSentence} from './flag-conflicts.js'
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
  if (error instanceof ProxlbError) {
    for (const line of error.lines()) stderr(`error: ${line}`)
    return error.exitCode
  }
  if (error instanceof Errors.ExitError) return error.oclif.exit ?? 0
  if (error instanceof Errors.CLIError) {
    // Flags that do not go together: one sentence naming them and what to do.
    const conflict = conflictSentence(error.message, commandOf(argv, manifest)?.replaceAll(':', ' '))
    if (conflict) {
      stderr(`error: ${conflict}`)
      return 1
    }
    // Other flag and argument errors from oclif: one line, the command or flag meant, the help to read.
    for (const line of usageError(error, argv)) stderr(line)
    return 1
  }
  const message = error instanceof Error ? error.message : String(error)
  stderr(`error: internal error, a bug in proxlb ${VERSION}; please report it with the command you ran: ${message}`)
  if (process.env.PROXLB_DEBUG && error instanceof Error && error.stack) stderr(error.stack)
  return 1
}

/** A usage error from oclif as proxlb's lines: what is wrong, what was probably meant, where to read more. */
function usageError(error: Errors.CLIError, argv: readonly string[]): string[] {
  const first = error.message.split('\n')[0].replace(/^\s*›?\s*/, '')
  const command = commandOf(argv, manifest)
  const help = `       see proxlb ${command ? `${command.replaceAll(':', ' ')} ` : ''}--help${command ? '' : ', or proxlb COMMAND --help'}`
  const unknownCommand = /^command (\S+) not found$/.exec(first)
  if (unknownCommand) {
    const hint = suggestCommand(unknownCommand[1], manifest, Object.keys(pjson.oclif.topics))
    return [`error: proxlb ${unknownCommand[1].replaceAll(':', ' ')}: no such command${hint ? `; ${hint}` : ''}`, '       see proxlb --help for the commands']
  }
  const flags = (error as Errors.CLIError & {flags?: unknown}).flags
  if (command && Array.isArray(flags) && flags.length > 0) {
    return [...flags.map((flag: string) => {
      const hint = suggestFlag(flag, command, manifest)
      return `error: proxlb ${command.replaceAll(':', ' ')} ${flag}: no such flag${hint ? `; ${hint}` : ''}`
    }), help]
  }
  return [`error: ${first}`, help]
}
