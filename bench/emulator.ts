/**
 * The emulator's own overhead at scale, so that benchmarks of proxlb against it (snapshot,
 * apply) measure proxlb and not the emulator: for generated clusters of 8 nodes/200 guests,
 * 32/2,000 and 100/10,000 it times building /cluster/resources in-process, then over HTTPS
 * with keep-alive (gzip accepted, as real clients do) the first /cluster/resources after a
 * change (built, serialised, compressed), repeated ones (served from cache), and guest
 * config GETs at a collector's concurrency of 8.
 *
 * Run it with `npx tsx bench/emulator.ts` (or `npm run bench -- emulator`); `--write` also
 * puts the result into BENCHMARKS.md under "Emulator". It measures; it never decides
 * whether a figure is good enough. The machine is shared: compare figures of one run.
 */
import {Agent, request} from 'node:https'
import {availableParallelism, loadavg, release} from 'node:os'
import {performance} from 'node:perf_hooks'
import {gunzipSync} from 'node:zlib'
import {Cluster} from '../src/emulator/cluster.js'
import {type Emulator, startEmulator} from '../src/emulator/index.js'
import {clusterResources} from '../src/emulator/views.js'
import type {Snapshot} from '../src/model/snapshot.js'
import {generateCluster} from '../test/helpers/generate.js'
import {writeBenchmarkSection} from './sections.js'

const SIZES = [
  {nodes: 8, guests: 200},
  {nodes: 32, guests: 2000},
  {nodes: 100, guests: 10000},
]
const NODE_SIZES = [{cores: 128, memoryGiB: 2048}, {cores: 96, memoryGiB: 1536}, {cores: 64, memoryGiB: 1024}]
const CONFIG_REQUESTS = 1000
const CONCURRENCY = 8

interface Result {
  /** Median time the server spent per config GET (arrival to response written). */
  configServerMs: number
  nodes: number
  guests: number
  build: number
  cold: number
  warm: number
  warmPerSecond: number
  configPerSecond: number
  rawBytes: number
  gzBytes: number
}

function get(emu: Emulator, agent: Agent, path: string, cookie: string): Promise<{status: number; body: Buffer}> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(`/api2/json${path}`, emu.url), {agent, ca: emu.certificatePem, headers: {Cookie: cookie, 'Accept-Encoding': 'gzip'}}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({status: res.statusCode ?? 0, body: Buffer.concat(chunks)}))
    })
    req.on('error', reject)
    req.end()
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function measure(seed: Snapshot): Promise<Result> {
  const builds: number[] = []
  const cluster = new Cluster(seed)
  for (let i = 0; i < 7; i++) {
    const t = performance.now()
    clusterResources({cluster, now: 1_800_000_000 + i})
    builds.push(performance.now() - t)
  }

  const serverMs: number[] = []
  const emu = await startEmulator({snapshot: seed, port: 0, migration: {instant: true}, onCall: (c) => c.path.endsWith('/config') && serverMs.push(c.ms)})
  const agent = new Agent({keepAlive: true, maxSockets: CONCURRENCY})
  try {
    const login = await new Promise<string>((resolve, reject) => {
      const req = request(new URL('/api2/json/access/ticket', emu.url), {method: 'POST', agent, ca: emu.certificatePem, headers: {'Content-Type': 'application/x-www-form-urlencoded'}}, (res) => {
        let text = ''
        res.on('data', (d: Buffer) => (text += d))
        res.on('end', () => resolve(JSON.parse(text).data.ticket))
      })
      req.on('error', reject)
      req.end('username=root%40pam&password=proxlb')
    })
    const cookie = `PVEAuthCookie=${encodeURIComponent(login)}`
    const node = seed.nodes[0].name

    // Cold: a state change (a node down and up) before each request defeats the cache.
    const colds: number[] = []
    let body = Buffer.alloc(0)
    for (let i = 0; i < 5; i++) {
      emu.faults.nodeDown(node)
      emu.faults.nodeUp(node)
      const t = performance.now()
      body = (await get(emu, agent, '/cluster/resources', cookie)).body
      colds.push(performance.now() - t)
    }
    const raw = gunzipSync(body)
    if (JSON.parse(raw.toString()).data.length < seed.guests.length) throw new Error('cluster/resources lacks guests')

    const warms: number[] = []
    const warmStart = performance.now()
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      await get(emu, agent, '/cluster/resources', cookie)
      warms.push(performance.now() - t)
    }
    const warmPerSecond = 30 / ((performance.now() - warmStart) / 1000)

    const guests = seed.guests
    let next = 0
    const configStart = performance.now()
    await Promise.all(
      Array.from({length: CONCURRENCY}, async () => {
        while (next < CONFIG_REQUESTS) {
          const g = guests[(next++ * 7919) % guests.length]
          const r = await get(emu, agent, `/nodes/${g.node}/${g.type}/${g.vmid}/config`, cookie)
          if (r.status !== 200) throw new Error(`config of ${g.vmid}: ${r.status}`)
        }
      }),
    )
    const configPerSecond = CONFIG_REQUESTS / ((performance.now() - configStart) / 1000)
    return {configServerMs: median(serverMs), nodes: seed.nodes.length, guests: seed.guests.length, build: median(builds), cold: median(colds), warm: median(warms), warmPerSecond, configPerSecond, rawBytes: raw.length, gzBytes: body.length}
  } finally {
    agent.destroy()
    await emu.close()
  }
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString())
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`

async function main(): Promise<void> {
  const load = loadavg()[0]
  const results: Result[] = []
  for (const size of SIZES) {
    results.push(await measure(generateCluster({name: 'bench', ...size, seed: 4, nodeSizes: NODE_SIZES})))
  }
  const lines = [
    '## Emulator',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npx tsx bench/emulator.ts --write\` on ${availableParallelism()} cores, Linux ${release()}, Node ${process.version}; load average (1 min) ${load.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after. The machine is shared: read the figures of one run against each other. HTTPS with keep-alive, gzip accepted, no added latency; clusters from test/helpers/generate.ts (seed 4).`,
    '',
    '| nodes / guests | build /cluster/resources in-process | /cluster/resources after a change | repeated /cluster/resources | body (JSON / gzip) | guest config GETs, 8 at a time (server time each) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.nodes} / ${r.guests.toLocaleString('en')} | ${fmt(r.build)} ms | ${fmt(r.cold)} ms | ${fmt(r.warm)} ms (${Math.round(r.warmPerSecond)}/s) | ${mb(r.rawBytes)} / ${mb(r.gzBytes)} | ${Math.round(r.configPerSecond).toLocaleString('en')}/s (${r.configServerMs.toFixed(2)} ms) |`),
    '',
    'Latencies are medians (5 runs after a change, 30 repeated), measured by a client in the same process (it shares the 2 cores); "server time" is what the emulator handler spends per request, from the parsed request to the response written (TLS and HTTP parsing, done by Node before, come on top). A change (here a node down and up) makes the next /cluster/resources build, serialise and compress the list again; repeats within a 10 s window (PVE\'s own status interval) of an unchanged cluster are served from cache. ' +
      `Rough cost of a 10,000-guest snapshot in the emulator's handlers: one /cluster/resources plus 10,000 config GETs ≈ ${fmt(results.at(-1)!.cold + results.at(-1)!.guests * results.at(-1)!.configServerMs)} ms; the 5 ms latency fault adds 5 ms of waiting (not CPU) to each request.`,
  ]
  const section = lines.join('\n')
  console.log(section)
  if (process.argv.includes('--write')) writeBenchmarkSection('emulator', 'bench/emulator.ts --write', section)
}

/** Entry for `npm run bench` (bench/run.ts). */
export const run = async (): Promise<void> => main()

if (require.main === module) void main()
