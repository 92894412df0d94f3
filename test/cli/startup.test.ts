/**
 * What a command loads is what it pays for at start-up: these tests run the compiled CLI
 * and list the modules it loaded. Help and --version load no command; a command loads its
 * own module and what that needs, not the HTTP client, the emulator or other commands'
 * code; nothing compiles a JSON Schema at run time. (The times are in BENCHMARKS.md,
 * measured by bench/startup.ts; tests only check what is loaded.) The pattern that keeps
 * it so is described in src/commands/index.ts.
 */
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {proxlb, ROOT} from '../helpers/cli.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxlb-startup-'))
})
afterAll(() => {
  if (dir) rmSync(dir, {recursive: true, force: true})
})

/** Runs the compiled CLI; returns the modules it loaded, relative to the repository. */
function modulesLoadedBy(args: string[]): string[] {
  const record = join(dir, `${args.join('_').replace(/\W+/g, '-')}.txt`)
  const r = proxlb(args, {env: {NODE_OPTIONS: `--require ${join(ROOT, 'test', 'helpers', 'record-modules.cjs')}`, PROXLB_RECORD_MODULES: record}})
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  return readFileSync(record, 'utf8').trim().split('\n').map((file) => relative(ROOT, file))
}

const COMMAND_MODULES = /^dist\/src\/commands\/(?!index\.js$)/
const HTTP_CLIENT = /^node_modules\/(undici|ofetch|node-fetch-native)\/|^dist\/src\/proxmox\/(client|collector|tls)\.js$/
const EMULATOR = /^dist\/src\/emulator\//
const SCHEMA_COMPILER = /^node_modules\/ajv\/dist\/(core|2020|compile\/)/
// oclif's index loads every part of oclif and checks the Node version with semver.
const OCLIF_INDEX = /^node_modules\/@oclif\/core\/lib\/index\.js$/

describe('start-up loads only what the command needs', () => {
  test.each([['--version'], ['--help'], ['simulate', '--help'], ['help', 'plan']])('proxlb %s %s loads no command module', (...args) => {
    const loaded = modulesLoadedBy(args.filter(Boolean))
    const offending = loaded.filter((file) => COMMAND_MODULES.test(file) && !(args[0] === 'help' && file === 'dist/src/commands/help.js'))
    expect(offending).toEqual([])
    expect(loaded.filter((file) => OCLIF_INDEX.test(file) || /^node_modules\/yaml\//.test(file))).toEqual([])
  })

  test('plan of the bundled demo loads no HTTP client, emulator, simulator, schema compiler or other command', () => {
    const loaded = modulesLoadedBy(['plan'])
    expect(loaded).toContain('dist/src/commands/plan.js')
    const offending = loaded.filter(
      (file) => HTTP_CLIENT.test(file) || EMULATOR.test(file) || SCHEMA_COMPILER.test(file) || OCLIF_INDEX.test(file) || /^dist\/src\/simulate\//.test(file) || (COMMAND_MODULES.test(file) && file !== 'dist/src/commands/plan.js'),
    )
    expect(offending).toEqual([])
  })

  test('simulate loads the simulator but no HTTP client or emulator', () => {
    const loaded = modulesLoadedBy(['simulate', '--fail', 'pve1'])
    expect(loaded).toContain('dist/src/simulate/index.js')
    expect(loaded.filter((file) => HTTP_CLIENT.test(file) || EMULATOR.test(file) || SCHEMA_COMPILER.test(file))).toEqual([])
  })
})

// `npm run bench` is not part of `npm test`: a broken benchmark module would go unnoticed.
test('bench/startup.ts, which times these commands, loads and offers run() to bench/run.ts', async () => {
  const bench = await import('../../bench/startup.js')
  expect(typeof bench.run).toBe('function')
})
