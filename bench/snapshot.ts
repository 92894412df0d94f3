/**
 * `proxlb snapshot` against the emulator with 5 ms added to every answer, on three
 * cluster sizes (8 nodes / 200 guests, 32 / 2,000, 100 / 10,000): wall time of the whole
 * command as a user runs it (a child process, `node bin/run.js snapshot`, HTTPS with a
 * pinned certificate and an API token), the CPU time of proxlb and of the emulator, and the
 * number of API requests the emulator answered. The goals it is read against: 10,000
 * guests in under 10 s, and requests growing by at most one per guest (plus one content
 * listing per storage per node, whatever the number of guests). Every snapshot is
 * checked against the emulator's cluster (nodes, guests, placement, migration facts): a
 * faster snapshot must be the same snapshot.
 *
 * Run it with `npm run bench -- snapshot` after `npm run build`; `npx tsx
 * bench/snapshot.ts --write` also puts the table into BENCHMARKS.md between its markers.
 * Options: `--runs N` (default 3; figures are medians), `--guests 10000` (only that size;
 * several comma-separated), `--baseline DIR` (also run the
 * proxlb built in DIR, e.g. an older revision, interleaved with this one, for ratios
 * measured in the same run), `--profile DIR` (CPU profiles of both sides at 10,000 guests).
 * The emulator runs in this process and the CLI in another, so the two share the
 * machine's cores as a client and a real cluster would not: wall times are upper bounds.
 */
import {spawn} from 'node:child_process'
import {Session} from 'node:inspector/promises'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, loadavg, release, tmpdir} from 'node:os'
import {basename, join, resolve} from 'node:path'
import {performance} from 'node:perf_hooks'
import {isDeepStrictEqual} from 'node:util'
import {startEmulator} from '../src/emulator/index.js'
import type {Snapshot} from '../src/model/snapshot.js'
import {DEFAULT_CONCURRENCY} from '../src/proxmox/limits.js'
import {clusterFacts} from '../test/helpers/facts.js'
import {generateCluster} from '../test/helpers/generate.js'
import {writeBenchmarkSection} from './sections.js'

const ROOT = join(__dirname, '..')
const LATENCY_MS = 5
const SIZES = [
  {nodes: 8, guests: 200},
  {nodes: 32, guests: 2_000},
  {nodes: 100, guests: 10_000},
]
/** The concurrency proxlb had before it became 32: run beside the default on the largest cluster. */
const OLD_CONCURRENCY = 16
const TOKEN = {tokenid: 'bench@pve!snapshot', secret: 'b3nch-0000-4000-8000-000000000000'}
const GNU_TIME = '/usr/bin/time'

/**
 * The benchmark's clusters: generated from a seed, nodes large enough for 100 guests each,
 * storage as PVE installs it (Ceph, `local` with images, local-lvm or local-zfs per node):
 * every node has two local guest storages to list.
 */
export function benchCluster(nodes: number, guests: number): Snapshot {
  return generateCluster({name: 'bench', nodes, guests, seed: 20261121, nodeSizes: [{cores: 128, memoryGiB: 4096}, {cores: 96, memoryGiB: 3072}], storage: 'pve'})
}

/** The requests a snapshot of the cluster takes: the privilege check, 8 cluster-wide, a status per node, a config per guest, a listing per node-local guest storage. */
function expectedRequests(seed: Snapshot): number {
  const listings = (seed.storages ?? []).filter((s) => !s.shared && s.content?.some((c) => c === 'images' || c === 'rootdir')).length
  return 1 + 8 + seed.nodes.length + seed.guests.length + listings
}

/** One way of running proxlb: this checkout or another build, with extra flags. */
interface Variant {
  label: string
  root: string
  args: string[]
}

interface Run {
  seconds: number
  requests: number
  /** CPU seconds (user + system) of the proxlb process, where /usr/bin/time can tell. */
  proxlbCpu?: number
  emulatorCpu: number
}

interface Row {
  nodes: number
  guests: number
  /** Requests the snapshot should take (expectedRequests). */
  expected: number
  variant: Variant
  runs: Run[]
}

interface Options {
  runs: number
  sizes: typeof SIZES
  baseline?: string
  profile?: string
}

async function measure(seed: Snapshot, variant: Variant, dir: string, profile: string | undefined): Promise<Run> {
  const guests = seed.guests.length
  const emulator = await startEmulator({snapshot: seed, port: 0, tokens: [TOKEN], migration: {instant: true}})
  const session = profile ? await startProfiling() : undefined
  try {
    emulator.faults.latency(LATENCY_MS)
    const out = join(dir, `snapshot-${guests}.json`)
    const timing = join(dir, `cpu-${guests}.txt`)
    const args = ['snapshot', '--host', emulator.url, '--fingerprint', emulator.fingerprint!, '--token-id', TOKEN.tokenid, '--out', out, ...variant.args]
    const node = profile ? ['--cpu-prof', '--cpu-prof-dir', profile, '--cpu-prof-name', 'proxlb.cpuprofile'] : []
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const status = await runCli(variant.root, node, args, {PROXLB_TOKEN_SECRET: TOKEN.secret}, timing)
    const seconds = (performance.now() - started) / 1000
    const emulatorCpu = process.cpuUsage(cpuBefore)
    if (session && profile) await stopProfiling(session, join(profile, 'emulator.cpuprofile'))
    if (status !== 0) throw new Error(`proxlb snapshot (${variant.label}) exited with ${status}`)
    const written = JSON.parse(readFileSync(out, 'utf8')) as Snapshot
    if (!isDeepStrictEqual(clusterFacts(written), clusterFacts(emulator.state()))) {
      throw new Error(`the snapshot of ${variant.label} at ${guests} guests differs from the emulator's cluster (nodes, guests, placement or migration facts)`)
    }
    const cpu = existsSync(timing) ? readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number) : []
    return {
      seconds,
      requests: emulator.calls().length,
      emulatorCpu: (emulatorCpu.user + emulatorCpu.system) / 1e6,
      ...(cpu.length === 2 && cpu.every(Number.isFinite) ? {proxlbCpu: cpu[0] + cpu[1]} : {}),
    }
  } finally {
    await emulator.close()
  }
}

/** Runs a proxlb CLI; with GNU time installed, its CPU seconds (user, system) go to `timing`. */
function runCli(root: string, nodeFlags: string[], args: string[], env: Record<string, string>, timing: string): Promise<number> {
  const command = [process.execPath, ...nodeFlags, join(root, 'bin', 'run.js'), ...args]
  const argv = existsSync(GNU_TIME) ? [GNU_TIME, '-f', '%U %S', '-o', timing, ...command] : command
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0], argv.slice(1), {cwd: root, env: {...process.env, ...env, CI: '1'}, stdio: ['ignore', 'ignore', 'inherit']})
    child.on('error', reject)
    child.on('close', (code) => resolvePromise(code ?? -1))
  })
}

async function startProfiling(): Promise<Session> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return session
}

async function stopProfiling(session: Session, file: string): Promise<void> {
  const {profile} = await session.post('Profiler.stop')
  writeFileSync(file, JSON.stringify(profile))
  session.disconnect()
  console.log(`profiles: ${file} and proxlb.cpuprofile beside it`)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function optionValue(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

function parseOptions(): Options {
  const runs = Number(optionValue('--runs') ?? 3)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number ≥ 1, got ${optionValue('--runs')}`)
  const baseline = optionValue('--baseline')
  if (baseline && !existsSync(join(baseline, 'bin', 'run.js'))) throw new Error(`--baseline ${baseline}: no bin/run.js there (a built proxlb checkout is needed)`)
  const profile = optionValue('--profile')
  const guests = optionValue('--guests')?.split(',').map(Number)
  const sizes = guests ? SIZES.filter((size) => guests.includes(size.guests)) : SIZES
  if (sizes.length === 0) throw new Error(`--guests ${optionValue('--guests')}: the sizes are ${SIZES.map((size) => size.guests).join(', ')}`)
  return {runs, sizes, ...(baseline ? {baseline: resolve(baseline)} : {}), ...(profile ? {profile: resolve(profile)} : {})}
}

/** What runs at each size: this checkout, the old concurrency on the largest cluster, the baseline build if given. */
function variantsFor(size: (typeof SIZES)[number], options: Options): Variant[] {
  const current: Variant = {label: `this checkout, default concurrency (${DEFAULT_CONCURRENCY})`, root: ROOT, args: []}
  const variants = [current]
  if (size === SIZES.at(-1)) variants.push({label: `this checkout, --concurrency ${OLD_CONCURRENCY}`, root: ROOT, args: ['--concurrency', String(OLD_CONCURRENCY)]})
  if (options.baseline) variants.push({label: `baseline ${basename(options.baseline)}, its default concurrency`, root: options.baseline, args: []})
  return variants
}

export async function run(): Promise<void> {
  const options = parseOptions()
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-bench-snapshot-'))
  if (options.profile) mkdirSync(options.profile, {recursive: true})
  const loadBefore = loadavg()[0]
  const rows: Row[] = []
  try {
    await measureAll(options, dir, rows)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  const section = render(rows, options, loadBefore, loadavg()[0])
  console.log('\n' + section)
  if (process.argv.includes('--write')) writeBenchmarkSection('snapshot', 'bench/snapshot.ts --write', section)
}

async function measureAll(options: Options, dir: string, rows: Row[]): Promise<void> {
  for (const size of options.sizes) {
    const seed = benchCluster(size.nodes, size.guests)
    const sized = variantsFor(size, options).map((variant): Row => ({...size, expected: expectedRequests(seed), variant, runs: []}))
    // Variants take turns, run after run, so that a change in the machine's load falls on all of them.
    for (let i = 0; i < options.runs; i++) {
      for (const row of sized) {
        const profile = options.profile && size === SIZES.at(-1) && row === sized[0] && i === 0 ? options.profile : undefined
        const result = await measure(seed, row.variant, dir, profile)
        row.runs.push(result)
        console.log(`${size.nodes} nodes / ${size.guests} guests, ${row.variant.label}: ${result.seconds.toFixed(2)} s, ${result.requests} requests, proxlb CPU ${result.proxlbCpu?.toFixed(2) ?? 'n/a'} s, emulator CPU ${result.emulatorCpu.toFixed(2)} s`)
      }
    }
    rows.push(...sized)
  }
}

function render(rows: Row[], options: Options, loadBefore: number, loadAfter: number): string {
  const seconds = (value: number | undefined) => (value === undefined ? 'n/a' : `${value.toFixed(2)} s`)
  const stat = (row: Row, pick: (run: Run) => number | undefined) => {
    const values = row.runs.map(pick).filter((v): v is number => v !== undefined)
    return values.length ? median(values) : undefined
  }
  const table = rows.map((row) => {
    const requests = row.runs[0].requests
    const steady = row.runs.every((r) => r.requests === requests) ? '' : ' (varied)'
    return `| ${row.nodes} | ${row.guests.toLocaleString('en')} | ${row.variant.label} | ${seconds(stat(row, (r) => r.seconds))} | ${seconds(stat(row, (r) => r.proxlbCpu))} | ${seconds(stat(row, (r) => r.emulatorCpu))} | ${requests.toLocaleString('en')}${steady} | ${(requests / row.guests).toFixed(3)} |`
  })
  const current = rows.filter((r) => r.variant.root === ROOT && r.variant.args.length === 0)
  const ratios = rows
    .filter((r) => r.variant !== current.find((c) => c.guests === r.guests)?.variant)
    .map((other) => {
      const mine = current.find((c) => c.guests === other.guests)!
      const ratio = (pick: (run: Run) => number | undefined) => {
        const a = stat(mine, pick)
        const b = stat(other, pick)
        return a !== undefined && b !== undefined ? `${(a / b).toFixed(2)}×` : 'n/a'
      }
      return `- ${other.guests.toLocaleString('en')} guests, the default against ${other.variant.label}: wall time ${ratio((r) => r.seconds)}, proxlb CPU ${ratio((r) => r.proxlbCpu)}, emulator CPU ${ratio((r) => r.emulatorCpu)}.`
    })
  const equation = current.map((r) => `${r.runs[0].requests} = 1 + 8 + ${r.nodes} + ${r.guests} + ${r.expected - 9 - r.nodes - r.guests}`).join('; ')
  const holds = current.every((r) => r.runs[0].requests === r.expected)
  return [
    '## Snapshot',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/snapshot.ts ${commandLine()}\` (also \`npm run bench -- snapshot\`) on ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Linux ${release()}, Node ${process.version}; load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after. ` +
      `\`node bin/run.js snapshot --out FILE\` (HTTPS, pinned certificate, API token) against the emulator in the benchmark's own process with ${LATENCY_MS} ms added to every answer. Wall time of the whole command, start-up included; CPU time of the proxlb process (user + system, from GNU time) and of the emulator. Medians of ${options.runs} run${options.runs === 1 ? '' : 's'}, the variants of a size taking turns. Both sides share the machine (and it is shared with other work), so wall times are upper bounds; compare rows of one run. Every snapshot was checked against the emulator's cluster: same nodes, guests, placement and migration facts.`,
    '',
    '| nodes | guests | proxlb | wall time | proxlb CPU | emulator CPU | API requests | per guest |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...table,
    '',
    ...(ratios.length ? ['Ratios in this run (below 1: the default is faster or cheaper):', ...ratios, ''] : []),
    `Requests: the privilege check, 8 cluster-wide reads (the storage configuration among them), one status per node, one config per guest and one content listing per node-local guest storage, two per node here (${equation}${holds ? '' : ' — the equation does not hold in this run: look into it'}).`,
  ].join('\n')
}

/** The options this run was given, a baseline's directory shown as DIR. */
function commandLine(): string {
  const args = process.argv.slice(2).filter((arg) => arg !== 'snapshot')
  return args.map((arg, i) => (args[i - 1] === '--baseline' || args[i - 1] === '--profile' ? 'DIR' : arg)).join(' ')
}

if (require.main === module) {
  run().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
