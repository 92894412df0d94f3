/**
 * Runs the compiled CLI (bin/run.js, built by `npm test` before vitest starts) as a
 * child process, the way a user or CI runs it: real argv, real exit code, real streams.
 */
import {spawn, spawnSync} from 'node:child_process'
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

/**
 * The same, without blocking: for tests that serve the CLI from this process (the
 * emulator), which a synchronous child would starve.
 */
export function proxlbAsync(args: string[], options: {cwd?: string; env?: NodeJS.ProcessEnv; input?: string} = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
      cwd: options.cwd ?? ROOT,
      env: {...process.env, NO_COLOR: '1', ...options.env},
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolvePromise({status: status ?? -1, stdout, stderr}))
    child.stdin.end(options.input ?? '')
  })
}
