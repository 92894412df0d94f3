/**
 * The proxlb entry point, shared by `bin/run.js`, `bin/dev.js` and the single binary.
 *
 * oclif normally discovers the package at run time (reads package.json, requires the
 * command target). A single executable cannot require files, so the configuration is
 * built here from the inlined package.json and the imported COMMANDS: one code path for
 * every way proxlb is started. It relies on a private field of oclif's Plugin
 * (`commandCache`); @oclif/core is pinned to an exact version and the binary smoke test
 * covers this.
 *
 * Every error is reported here, once: expected ones (ProxlbError) as their lines, usage
 * errors as one line with a hint, anything else as a bug. Exit codes: 0 success, 1 error,
 * 2 changes planned (plan --detailed-exitcode); see the README's table.
 */
import {Config, Errors, flush, Plugin, run} from '@oclif/core'
import pjson from '../../package.json'
import {COMMANDS} from '../commands/index.js'
import {ProxlbError} from '../model/problems.js'
import {VERSION} from './version.js'



/** Runs proxlb with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], packageRoot: string, stderr: (line: string) => void = (line) => process.stderr.write(line + '\n')): Promise<number> {
  try {
    const config = await loadConfig(packageRoot)
    await run(argv, config)
    await flush()
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    await flush().catch(() => {})
    return report(error, stderr)
  }
}

async function loadConfig(root: string): Promise<Config> {
  const manifest = {...pjson, oclif: {...pjson.oclif}}
  const plugin = new Plugin({root, pjson: manifest as never, isRoot: true, ignoreManifest: true})
  ;(plugin as unknown as {commandCache: typeof COMMANDS}).commandCache = COMMANDS
  await plugin.load()
  return Config.load({root, pjson: manifest as never, plugins: new Map([[plugin.name, plugin]])})
}

function report(error: unknown, stderr: (line: string) => void): number {
  if (error instanceof ProxlbError) {
    for (const line of error.lines()) stderr(`error: ${line}`)
    return error.exitCode
  }
  if (error instanceof Errors.ExitError) return error.oclif.exit ?? 0
  if (error instanceof Errors.CLIError) {
    // Flag and argument errors from oclif: keep their first line, point at the help.
    const first = error.message.split('\n')[0].replace(/^\s*›?\s*/, '')
    stderr(`error: ${first}`)
    stderr('       see proxlb --help, or proxlb COMMAND --help')
    return 1
  }
  const message = error instanceof Error ? error.message : String(error)
  stderr(`error: internal error, a bug in proxlb ${VERSION}; please report it with the command you ran: ${message}`)
  if (process.env.PROXLB_DEBUG && error instanceof Error && error.stack) stderr(error.stack)
  return 1
}
