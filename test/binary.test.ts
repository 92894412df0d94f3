/**
 * Smoke test of the single executable, dist/proxlb: built by scripts/build-binary.js
 * unless it is up to date, then run the way someone with nothing installed runs it: a
 * copy far from node_modules, an empty working directory, an environment of PATH and
 * HOME only. A `node` placed first on PATH records any call, so the test fails if the
 * binary ever shells out to Node. Next to the copy lie a broken package.json, manifest
 * and tsconfig: oclif takes the executable's directory as its root and must read
 * nothing there.
 */
import {spawn, spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import pjson from '../package.json'
import planSchema from '../schemas/plan.v1.json'
import {type CliResult, ROOT} from './helpers/cli.js'
import {WebClient} from './web/helpers.js'

const BUILD_SCRIPT = join(ROOT, 'scripts', 'build-binary.js')
const BUILD_TIMEOUT = 5 * 60_000

let sandbox: string
let binary: string
let cwd: string
let nodeCalls: string

beforeAll(() => {
  const build = spawnSync(process.execPath, [BUILD_SCRIPT, '--if-stale'], {cwd: ROOT, encoding: 'utf8', timeout: BUILD_TIMEOUT})
  if (build.status !== 0) throw new Error(`building dist/proxlb failed:\n${build.stdout}${build.stderr}`)

  sandbox = mkdtempSync(join(tmpdir(), 'proxlb-binary-'))
  const bin = join(sandbox, 'bin')
  mkdirSync(bin)
  binary = join(bin, 'proxlb')
  copyFileSync(join(ROOT, 'dist', 'proxlb'), binary)
  chmodSync(binary, 0o755)
  for (const file of ['package.json', 'oclif.manifest.json', 'tsconfig.json']) writeFileSync(join(bin, file), '{ not json')

  const trap = join(sandbox, 'trap')
  mkdirSync(trap)
  nodeCalls = join(sandbox, 'node-calls')
  writeFileSync(join(trap, 'node'), `#!/bin/sh\necho "node $*" >> '${nodeCalls}'\nexit 97\n`, {mode: 0o755})

  cwd = join(sandbox, 'work')
  mkdirSync(cwd)
}, BUILD_TIMEOUT)

afterAll(() => {
  if (sandbox) rmSync(sandbox, {recursive: true, force: true})
})

function run(args: string[], extraEnv: Record<string, string> = {}): CliResult {
  const env = {PATH: `${join(sandbox, 'trap')}:/usr/bin:/bin`, HOME: cwd, ...extraEnv}
  const result = spawnSync(binary, args, {cwd, env, encoding: 'utf8', timeout: 30_000})
  return {status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

describe('the single executable', () => {
  it('reports its version, platform and the Node 24 it carries', () => {
    const result = run(['--version'])
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(result.stdout).toMatch(new RegExp(`^proxlb/${pjson.version.replaceAll('.', '\\.')} linux-x64 node-v24\\.\\d+\\.\\d+\\n$`))
  })

  it('lists the plan command in its help', () => {
    const result = run(['--help'])
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(result.stdout).toMatch(/^\s+plan\s+Plan the migrations that balance a cluster\.$/m)
  })

  it('plans the bundled demo cluster with the bundled default policy', () => {
    const result = run(['plan'])
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(result.stdout).toContain('proxlb plan for cluster demo')
    expect(result.stdout).toContain('bundled default policy (policies/default.yaml)')
  })

  it('runs from the code cache recorded at build time: V8 accepts it (PROXLB_DEBUG would say otherwise)', () => {
    const result = run(['plan'], {PROXLB_DEBUG: '1'})
    expect(result).toMatchObject({status: 0, stderr: ''})
    expect(result.stdout).toContain('proxlb plan for cluster demo')
  })

  it('leaves no file behind in its working directory and home', () => {
    expect(readdirSync(cwd)).toEqual([])
  })

  it('prints a plan that validates against schemas/plan.v1.json with --json', () => {
    const result = run(['plan', '--json'])
    expect(result).toMatchObject({status: 0, stderr: ''})
    const plan = JSON.parse(result.stdout)
    expectValidPlan(plan)
    expect(plan.moves.length).toBeGreaterThan(0)
  })

  it('exits 2 with --detailed-exitcode because the demo needs moves', () => {
    expect(run(['plan', '--detailed-exitcode']).status).toBe(2)
  })

  it('rejects a bad policy file with one line naming file:line:col and no stack trace', () => {
    writeFileSync(join(cwd, 'bad-policy.yaml'), 'apiVersion: proxlb/v1\nkind: Policy\nbalance:\n  method: memroy\n')
    const result = run(['plan', '--policy', 'bad-policy.yaml'])
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^error: bad-policy\.yaml:4:11: .*memory.*\n$/)
  })

  it('writes the plan to a file with --out', () => {
    const result = run(['plan', '--out', 'plan.json'])
    expect(result.status).toBe(0)
    expectValidPlan(JSON.parse(readFileSync(join(cwd, 'plan.json'), 'utf8')))
  })

  it('snapshots a cluster over HTTPS with a pinned certificate (the emulator, also run as the binary)', async () => {
    const env = {PATH: `${join(sandbox, 'trap')}:/usr/bin:/bin`, HOME: cwd}
    const emulator = spawn(binary, ['emulate', '--port', '0', '--token', 'ci@pve!t=smoke-secret'], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = ''
        emulator.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk
          if (out.includes('\n')) resolve(out)
        })
        emulator.on('exit', (code) => reject(new Error(`proxlb emulate exited with ${code}`)))
      })
      const url = /at (https:\/\/\S+?);/.exec(banner)?.[1]
      const fingerprint = /SHA-256 ([0-9A-F:]{95})/.exec(banner)?.[1]
      expect([url, fingerprint].every(Boolean)).toBe(true)
      const result = await new Promise<CliResult>((resolve) => {
        const child = spawn(binary, ['snapshot', '--host', url!, '--token-id', 'ci@pve!t', '--fingerprint', fingerprint!, '--out', 'live.json'], {cwd, env: {...env, PROXLB_TOKEN_SECRET: 'smoke-secret'}})
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
        child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr}))
      })
      expect(result).toMatchObject({status: 0, stderr: ''})
      expect(result.stdout).toMatch(/^Wrote live\.json: cluster demo read from https:/)
      expect(JSON.parse(readFileSync(join(cwd, 'live.json'), 'utf8')).guests).toHaveLength(38)
      expect(readFileSync(join(cwd, 'live.json'), 'utf8')).not.toContain('smoke-secret')
    } finally {
      emulator.kill('SIGTERM')
      rmSync(join(cwd, 'live.json'), {force: true})
    }
  })

  it('serves the web page, its style sheet and script from inside the binary, and logs in against the cluster', async () => {
    const env = {PATH: `${join(sandbox, 'trap')}:/usr/bin:/bin`, HOME: cwd, PROXLB_STATE_DIR: join(sandbox, 'state')}
    const started = (child: ReturnType<typeof spawn>, stream: 'stdout' | 'stderr', pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        let out = ''
        child[stream]!.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk
          const m = pattern.exec(out)
          if (m) resolve(m)
        })
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)))
      })
    const emulator = spawn(binary, ['emulate', '--port', '0', '--instant'], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
    let server: ReturnType<typeof spawn> | undefined
    try {
      const banner = (await started(emulator, 'stdout', /at (https:\/\/\S+?);[\s\S]*SHA-256 ([0-9A-F:]{95})/))
      server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--host', banner[1], '--fingerprint', banner[2]], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
      const url = (await started(server, 'stderr', /serving (https:\/\/\S+) /))[1]
      const web = new WebClient(url)
      const css = await web.get('/assets/app.css')
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
      expect(css.body).toContain('--accent')
      expect((await web.get('/assets/app.js')).body).toContain('EventSource')
      expect((await web.logIn('root@pam', 'proxlb')).status).toBe(303)
      expect((await web.get('/')).body).toContain('<h1>Cluster demo</h1>')
    } finally {
      server?.kill('SIGTERM')
      emulator.kill('SIGTERM')
    }
  })

  it('never runs a node from PATH', () => {
    expect(existsSync(nodeCalls) ? readFileSync(nodeCalls, 'utf8') : '').toBe('')
  })
})

describe('the ncc chunk folding of scripts/build-binary.js', () => {
  const {foldChunks} = createRequire(__filename)(BUILD_SCRIPT)

  it('fails loudly when the chunk loader of ncc is not the one it knows', () => {
    const chunk = {source: 'exports.id = 7;\nexports.ids = [7];\nexports.modules = {};\n'}
    const changedRuntime = '__nccwpck_require__.e(/* import() */ 7); loadChunk(require("./" + chunkId + ".js"))'
    expect(() => foldChunks(changedRuntime, {'7.index.js': chunk})).toThrow(/chunk loader changed/)
  })

  it('refuses files ncc emits that are not chunks', () => {
    expect(() => foldChunks('', {'prebuilt.node': {source: Buffer.alloc(1)}})).toThrow(/cannot load: prebuilt\.node/)
  })
})

describe('the module wrapping of scripts/build-binary.js', () => {
  const {compileModulesOnDemand} = createRequire(__filename)(BUILD_SCRIPT)
  const bundle = (modules: string[]) => `var __webpack_modules__ = ({\n${modules.join(',\n')}\n});\n`

  it('takes the parentheses off every module, so V8 compiles each on first use', () => {
    const code = bundle(['/***/ 12:\n/***/ ((module) => {\nmodule.exports = 1\n/***/ })', '/***/ 34:\n/***/ (function(module) {\nmodule.exports = (function () { return 2 })()\n/***/ })'])
    const {code: result, modules} = compileModulesOnDemand(code)
    expect(modules).toBe(2)
    expect(result).toBe(bundle(['/***/ 12:\n/***/ (module) => {\nmodule.exports = 1\n/***/ }', '/***/ 34:\n/***/ function(module) {\nmodule.exports = (function () { return 2 })()\n/***/ }']))
    const loaded = new Function(`${result} return __webpack_modules__`)() as Record<string, (module: {exports: unknown}) => void>
    const exports = Object.values(loaded).map((factory) => {
      const module = {exports: undefined as unknown}
      factory(module)
      return module.exports
    })
    expect(exports).toEqual([1, 2])
  })

  it('fails loudly when the module markers of ncc are not the ones it knows', () => {
    expect(() => compileModulesOnDemand(bundle(['/***/ 12:\n/***/ (module) => {\n}']))).toThrow(/module markers changed/)
    expect(() => compileModulesOnDemand('module.exports = 1\n')).toThrow(/module markers changed/)
  })
})

const validatePlan = addFormats(new Ajv2020({allErrors: true, strict: true, allowUnionTypes: true})).compile(planSchema)

function expectValidPlan(plan: unknown): void {
  validatePlan(plan)
  expect(validatePlan.errors ?? []).toEqual([])
}
