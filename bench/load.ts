/**
 * `npm run bench -- load`: how long proxlb takes to load a big snapshot, as a command
 * does it once in a fresh process: a generated cluster of 100 nodes and 12,000 guests
 * (9–10 MB of JSON, every guest with its volumes), read through readInputFile, decoded,
 * parsed, validated against the schema, checked and fingerprinted. Each phase is timed
 * in a new Node process (cold, like the CLI; median of the runs), beside plain
 * `JSON.parse` of the same file, and end to end: `node bin/run.js plan big.json --json`
 * from process start to exit (the planner is part of that figure, not of this benchmark);
 * also with a larger young generation (YOUNG_GENERATION), which only start-up options set.
 *
 * `npx tsx bench/load.ts [--runs N] [--baseline REV] [--write]`, after `npm run build`:
 * `--baseline REV` also measures REV (a `git archive` built in a temporary directory with
 * this checkout's node_modules), interleaved run by run, for before/after figures measured
 * in the same session; `--write` puts the table into BENCHMARKS.md between its markers.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {prettyJson} from '../src/model/canonical.js'
import {snapshotFingerprint, type Snapshot} from '../src/model/snapshot.js'
import {generateCluster} from '../test/helpers/generate.js'
import {builtRevision} from './baseline.js'
import {writeBenchmarkSection} from './sections.js'

const ROOT = join(__dirname, '..')
const PHASES = ['read', 'decode', 'parse', 'validate', 'check', 'fingerprint'] as const

/** 100 nodes, 12,000 guests, each guest with one or two volumes on shared storage, as the collector records them. */
export function bigSnapshot(): Snapshot {
  const snapshot = generateCluster({
    name: 'big',
    nodes: 100,
    guests: 12_000,
    seed: 20261201,
    nodeSizes: [{cores: 64, memoryGiB: 3072}, {cores: 48, memoryGiB: 2048}, {cores: 32, memoryGiB: 1536}],
  })
  for (const guest of snapshot.guests) {
    const disks = [{key: guest.type === 'lxc' ? 'rootfs' : 'scsi0', volid: `ceph:vm-${guest.vmid}-disk-0`, storage: 'ceph', size: guest.disk.assigned}]
    if (guest.vmid % 3 === 0) disks.push({key: 'scsi1', volid: `ceph:vm-${guest.vmid}-disk-1`, storage: 'ceph', size: 16 * 2 ** 30})
    guest.migration = {...guest.migration, sharedDisks: disks}
  }
  snapshot.fingerprint = snapshotFingerprint(snapshot)
  return snapshot
}

/** The script one measuring process runs: each phase with the modules of `tree` (this one, or a baseline). */
function phaseScript(tree: string, file: string): string {
  const dist = (module: string) => JSON.stringify(join(tree, 'dist', 'src', module))
  return `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const t = [performance.now()], c = [cpu()]
const lap = () => { t.push(performance.now()); c.push(cpu()) }
const {readInputFile} = require(${dist('cli/files.js')})
const {decodeUtf8, parseJson} = require(${dist('model/text.js')})
const {validateAgainst} = require(${dist('model/schemas.js')})
const {consistencyProblems, snapshotFingerprint} = require(${dist('model/snapshot.js')})
t[0] = performance.now(); c[0] = cpu()
const bytes = readInputFile(${JSON.stringify(file)}, 'snapshot', 64 * 2 ** 20); lap()
const text = decodeUtf8(bytes, 'f'); lap()
const parsed = parseJson(text.value, 'f'); lap()
if (validateAgainst('snapshot', parsed.value, 'f', () => '').length) throw new Error('invalid'); lap()
if (consistencyProblems(parsed.value, 'f').length) throw new Error('inconsistent'); lap()
snapshotFingerprint(parsed.value, {valid: true}); lap()
process.stdout.write(JSON.stringify({wall: t.slice(1).map((x, i) => x - t[i]), cpu: c.slice(1).map((x, i) => x - c[i])}))
`
}

const JSON_PARSE_ONLY = (file: string) => `const s = performance.now(); JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8')); process.stdout.write(String(performance.now() - s))`

/** Runs node; `ms` is wall time, `cpuMs` user + system time of the process (through /usr/bin/time). */
function node(args: string[], timesFile: string): {ms: number; cpuMs: number; stdout: string} {
  const start = performance.now()
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timesFile, process.execPath, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, maxBuffer: 64 * 2 ** 20})
  const ms = performance.now() - start
  if (result.status !== 0) throw new Error(`node ${args.slice(0, 3).join(' ')} failed: ${result.stderr}`)
  const [user, system] = readFileSync(timesFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number)
  return {ms, cpuMs: (user + system) * 1000, stdout: result.stdout}
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

interface Tree {
  label: string
  root: string
  /** Node options the processes start with. */
  flags: string[]
  phases: {wall: number[]; cpu: number[]}[]
  plan: {ms: number; cpuMs: number}[]
}

/**
 * A larger young generation from the start: JSON.parse of a big file then copies its
 * objects through fewer scavenges. Measured beside the default, as a binary could set it
 * (SEA execArgv); only a process's start-up options can.
 */
const YOUNG_GENERATION = ['--max-semi-space-size=32', '--min-semi-space-size=32']

export async function run(): Promise<void> {
  const argv = process.argv.slice(2)
  const option = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const runs = Number(option('--runs') ?? 7)
  const rev = option('--baseline')
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-load-'))
  const file = join(dir, 'big.json')
  const snapshot = bigSnapshot()
  writeFileSync(file, prettyJson(snapshot))
  const size = statSync(file).size
  const baseline = rev ? builtRevision(rev, 'build') : undefined
  const trees: Tree[] = [
    {label: 'this tree', root: ROOT, flags: [], phases: [], plan: []},
    {label: `this tree, node ${YOUNG_GENERATION.join(' ')}`, root: ROOT, flags: YOUNG_GENERATION, phases: [], plan: []},
    ...(baseline ? [{label: rev!, root: baseline.dir, flags: [], phases: [], plan: []}] : []),
  ]
  const jsonParse: number[] = []
  const times = join(dir, 'times')
  const loadBefore = loadavg()[0]
  try {
    for (let i = 0; i < runs; i++) {
      jsonParse.push(Number(node(['-e', JSON_PARSE_ONLY(file)], times).stdout))
      for (const tree of trees) {
        tree.phases.push(JSON.parse(node([...tree.flags, '-e', phaseScript(tree.root, file)], times).stdout))
        tree.plan.push(node([...tree.flags, join(tree.root, 'bin', 'run.js'), 'plan', file, '--json'], times))
      }
    }
  } finally {
    baseline?.cleanUp()
    rmSync(dir, {recursive: true, force: true})
  }

  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
  const rows = trees.map((tree) => {
    const phase = PHASES.map((_, p) => median(tree.phases.map((r) => r.cpu[p])))
    const load = `${median(tree.phases.map((r) => sum(r.cpu))).toFixed(0)} (${median(tree.phases.map((r) => sum(r.wall))).toFixed(0)})`
    const plan = `${median(tree.plan.map((r) => r.cpuMs)).toFixed(0)} (${median(tree.plan.map((r) => r.ms)).toFixed(0)})`
    return [tree.label, ...phase.map((ms) => ms.toFixed(0)), load, plan]
  })
  const header = ['tree', ...PHASES.map((p) => `${p}`), 'load, CPU (wall) ms', '`plan --json`, CPU (wall) ms']
  const table = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
  const machine = `${availableParallelism()} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average (1 min) ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after`
  const lines = [
    '## Loading a snapshot',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npx tsx bench/load.ts --runs ${runs}${rev ? ` --baseline ${rev}` : ''} --write\` (\`bench/load.ts\`).`,
    `Snapshot of 100 nodes and ${snapshot.guests.length.toLocaleString('en-US')} guests, ${(size / 1e6).toFixed(1)} MB; medians of ${runs} fresh processes each; ${machine}.`,
    `Phases in CPU ms (user + system, GC threads included: less disturbed by other work on the machine than wall time); the load and the whole command also in wall ms. Plain \`JSON.parse\` of the same file (read as UTF-8, then parsed) in a fresh process: ${median(jsonParse).toFixed(0)} ms wall.`,
    '',
    ...table,
  ]
  console.log(lines.join('\n'))
  if (argv.includes('--write')) writeBenchmarkSection('load', 'npx tsx bench/load.ts --write', lines.join('\n'))
}

if (require.main === module) {
  run().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
