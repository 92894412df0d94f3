/**
 * Runs the compiled CLI (bin/run.js, built by `npm test` before vitest starts) as a
 * child process, the way a user or CI runs it: real argv, real exit code, real streams.
 */
import {spawnSync} from 'node:child_process'
import {join, resolve} from 'node:path'

export const ROOT = resolve(__dirname, '..', '..')

export interface CliResult {
  status: number
  stdout: string
  stderr: string
}

export function proxlb(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: {...process.env, NO_COLOR: '1', ...options.env},
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}
