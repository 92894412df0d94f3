/**
 * `proxlb snapshot` against the emulator with 5 ms added to every answer, on three
 * cluster sizes (8 nodes / 200 guests, 32 / 2,000, 100 / 10,000): wall time of the whole
 * command as a user runs it (a child process, `node bin/run.js snapshot`, HTTPS with a
 * pinned certificate and an API token) and the number of API requests the emulator
 * answered. The goals it is read against: 10,000 guests in under 10 s, and requests
 * growing by at most one per guest.
 *
 * Run it with `npm run bench -- snapshot` after `npm run build`; `npx tsx
 * bench/snapshot.ts --write` also puts the table into BENCHMARKS.md between its markers.
 * The emulator runs in this process and the CLI in another, so the two share the
 * machine's cores as a client and a small cluster would not: figures are an upper bound.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, loadavg, release, tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {startEmulator} from '../src/emulator/index.js'
import type {Snapshot} from '../src/model/snapshot.js'
import {generateCluster} from '../test/helpers/generate.js'

const ROOT = join(__dirname, '..')
const LATENCY_MS = 5
const SIZES = [
  {nodes: 8, guests: 200},
  {nodes: 32, guests: 2_000},
  {nodes: 100, guests: 10_000},
]
const TOKEN = {tokenid: 'bench@pve!snapshot', secret: 'b3nch-0000-4000-8000-000000000000'}
const BENCHMARKS = join(ROOT, 'BENCHMARKS.md')
const GNU_TIME = '/usr/bin/time'
const BEGIN = '<!-- snapshot:begin (written by bench/snapshot.ts --write) -->'
const END = '<!-- snapshot:end -->'

/** The benchmark's clusters: generated from a seed (the same as the emulator's benchmark), nodes large enough for 100 guests each. */
export function benchCluster(nodes: number, guests: number): Snapshot {
  return generateCluster({name: 'bench', nodes, guests, seed: 20261121, nodeSizes: [{cores: 128, memoryGiB: 4096}, {cores: 96, memoryGiB: 3072}]})
}

interface Result {
  nodes: number
  guests: number
  seconds: number
  requests: number
  /** CPU seconds (user + system) of the proxlb process, where /usr/bin/time can tell. */
  cpuSeconds?: number
}

async function measure(nodes: number, guests: number, dir: string): Promise<Result> {
  const emulator = await startEmulator({snapshot: benchCluster(nodes, guests), port: 0, tokens: [TOKEN], migration: {instant: true}})
  try {
    emulator.faults.latency(LATENCY_MS)
    const out = join(dir, `snapshot-${guests}.json`)
    const started = performance.now()
    const timing = join(dir, `cpu-${guests}.txt`)
    const status = await runCli(['snapshot', '--host', emulator.url, '--fingerprint', emulator.fingerprint!, '--token-id', TOKEN.tokenid, '--out', out], {PROXLB_TOKEN_SECRET: TOKEN.secret}, timing)
    const seconds = (performance.now() - started) / 1000
    if (status !== 0) throw new Error(`proxlb snapshot exited with ${status}`)
    const cpu = existsSync(timing) ? readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number) : []
    const written = JSON.parse(readFileSync(out, 'utf8')) as Snapshot
    if (written.guests.length !== guests) throw new Error(`snapshot holds ${written.guests.length} guests, expected ${guests}`)
    return {nodes, guests, seconds, requests: emulator.calls().length, ...(cpu.length === 2 && cpu.every(Number.isFinite) ? {cpuSeconds: cpu[0] + cpu[1]} : {})}
  } finally {
    await emulator.close()
  }
}

/** Runs the CLI; with GNU time installed, its CPU seconds (user, system) go to `timing`. */
function runCli(args: string[], env: Record<string, string>, timing: string): Promise<number> {
  const command = [process.execPath, join(ROOT, 'bin', 'run.js'), ...args]
  const argv = existsSync(GNU_TIME) ? [GNU_TIME, '-f', '%U %S', '-o', timing, ...command] : command
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {cwd: ROOT, env: {...process.env, ...env, CI: '1'}, stdio: ['ignore', 'ignore', 'inherit']})
    child.on('error', reject)
    child.on('close', (code) => resolve(code ?? -1))
  })
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-bench-snapshot-'))
  const loadBefore = loadavg()[0]
  const results: Result[] = []
  for (const size of SIZES) {
    const result = await measure(size.nodes, size.guests, dir)
    results.push(result)
    console.log(`${size.nodes} nodes / ${size.guests} guests: ${result.seconds.toFixed(2)} s, ${result.requests} requests${result.cpuSeconds !== undefined ? `, proxlb CPU ${result.cpuSeconds.toFixed(2)} s` : ''}`)
  }
  const section = [
    BEGIN,
    '## Snapshot',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/snapshot.ts --write\` (also \`npm run bench -- snapshot\`) on ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Linux ${release()}, Node ${process.version}; load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after. ` +
      `\`node bin/run.js snapshot --out FILE\` (HTTPS, pinned certificate, API token, default concurrency 16) against the emulator in the benchmark's own process with ${LATENCY_MS} ms added to every answer; both share the machine, so wall times are upper bounds; the CPU time of the proxlb process alone (user + system, from GNU time) is what a client machine would spend. Wall time of the whole command, start-up included; one run each.`,
    '',
    '| nodes | guests | wall time | proxlb CPU time | API requests | requests per guest |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.nodes} | ${r.guests.toLocaleString('en')} | ${r.seconds.toFixed(2)} s | ${r.cpuSeconds !== undefined ? `${r.cpuSeconds.toFixed(2)} s` : 'n/a'} | ${r.requests.toLocaleString('en')} | ${(r.requests / r.guests).toFixed(3)} |`),
    '',
    `Requests: 7 cluster-wide reads, one status per node and one config per guest (${results.map((r) => `${r.requests} = 7 + ${r.nodes} + ${r.guests}`).join('; ')}${results.every((r) => r.requests === 7 + r.nodes + r.guests) ? '' : ' — the equation does not hold in this run: look into it'}).`,
    END,
  ].join('\n')
  console.log('\n' + section)
  if (process.argv.includes('--write')) writeSection(section)
}

function writeSection(section: string): void {
  const text = readFileSync(BENCHMARKS, 'utf8')
  const begin = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  const updated = begin >= 0 && end > begin ? text.slice(0, begin) + section + text.slice(end + END.length) : text.trimEnd() + '\n\n' + section + '\n'
  writeFileSync(BENCHMARKS, updated)
  console.log(`updated ${BENCHMARKS}`)
}

if (require.main === module) {
  run().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
