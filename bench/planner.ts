/**
 * `npm run bench -- planner`: the planner on generated clusters of four sizes (skewed
 * load, mixed node sizes, rules of every kind, maintenance and ignored nodes, guests
 * that cannot move), against the classic greedy balancer (test/helpers/greedy.ts), and on
 * tiny clusters against exhaustive search.
 *
 * Per scenario: planning time (median of several runs, compile and plan document
 * included), spread before and after, the highest utilisation after against its lower
 * bound (the mean: total load over total capacity), moves and the fewest any plan
 * needs (bench/bound.ts), GiB moved, strict rules broken after the plan and nodes over
 * their memory limit; then the baseline's moves, spread and broken rules, our moves and
 * spread as ratios to the baseline's, and the moves we need for the baseline's balance
 * (planning with its spread as the threshold) as a ratio to the baseline's moves, with
 * and without our rule repairs, beside the fewest possible; then the same summed over
 * several clusters of each shape, so that one lucky or unlucky cluster does not decide.
 * Then the plans as move digests, and the 100-node, 12,000-guest shapes of
 * bench/shapes.ts (skewed, mixed sizes, many rules, maintenance, blocked) planned in
 * process and end to end through the CLI (`node bin/run.js plan`; needs `npm run
 * build`). `npx tsx bench/run.ts planner --shapes` runs only those two parts; `--full-pools`
 * only the local-storage clusters with full pools (bench/shapes.ts, fullPoolShapes), once each;
 * `--tenants` only a hosting provider's clusters (tenantShapes), once each.
 * Timings on a shared machine are noisy; compare ratios measured in the same run.
 */
import {planRebalance} from '../src/planner/index.js'
import {searchMoves} from '../src/planner/search.js'
import {compilePolicy, type PlacementModel} from '../src/policy/compile.js'
import type {Plan} from '../src/model/plan.js'
import {finalPlacement, memoryLoads, utilisations} from '../test/helpers/check.js'
import {buildCluster, type Cluster, type ClusterShape, clusterRecipe, sampleCluster} from '../test/helpers/clusters.js'
import {betterOutcome, exhaustiveBest, outcomeOf} from '../test/helpers/oracle.js'
import fc from 'fast-check'
import {greedyBaseline} from '../test/helpers/greedy.js'
import {fewestMovesBound} from './bound.js'
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {prettyJson} from '../src/model/canonical.js'
import type {Policy} from '../src/model/policy.js'
import type {Snapshot} from '../src/model/snapshot.js'
import {fullPoolShapes, type Shape, shapes, tenantShapes} from './shapes.js'
import {normalizePolicy} from '../src/model/policy.js'
import {median, table} from './tables.js'

const POLICY = {method: 'memory', mode: 'used', threshold: 10, headroom: 0, parallel: 2, perNode: 1, withLocalDisks: false} as const

/** `runs`: timed plans; `seeds`: clusters of the shape compared with the greedy (the first is the table's). */
const SCENARIOS: {name: string; shape: ClusterShape; runs: number; seeds: number}[] = [
  {name: '3 nodes / 12 guests', shape: {nodes: [3, 3], guests: [12, 12], skew: 2.5, fill: 0.5, policy: POLICY}, runs: 21, seeds: 16},
  {name: '8 nodes / 200 guests', shape: {nodes: [8, 8], guests: [200, 200], skew: 2.5, fill: 0.5, policy: POLICY}, runs: 11, seeds: 16},
  {name: '32 nodes / 2,000 guests', shape: {nodes: [32, 32], guests: [2000, 2000], skew: 2.5, fill: 0.5, policy: POLICY}, runs: 7, seeds: 8},
  {name: '100 nodes / 10,000 guests', shape: {nodes: [100, 100], guests: [10000, 10000], skew: 2.5, fill: 0.5, policy: POLICY}, runs: 5, seeds: 4},
]

const SEED = 20261121
const GiB = 2 ** 30

export async function run(): Promise<void> {
  // `--shapes`: only the moves of the four scenarios and the 100-node shapes of bench/shapes.ts (quick).
  if (process.argv.includes('--shapes')) {
    movesOfScenarios()
    otherShapes(shapes(), '100 nodes, other generator (bench/shapes.ts)')
    return
  }
  // `--full-pools`: only the local-storage clusters with full pools (bench/shapes.ts, fullPoolShapes), once each.
  if (process.argv.includes('--full-pools')) {
    otherShapes(fullPoolShapes(), '100 nodes, local storage with full pools (bench/shapes.ts, fullPoolShapes)', 1)
    return
  }
  // `--tenants`: only a hosting provider's clusters, rules carried by tags (bench/shapes.ts, tenantShapes), once each.
  if (process.argv.includes('--tenants')) {
    otherShapes(tenantShapes(), '100 nodes, tenants (bench/shapes.ts, tenantShapes)', 1)
    return
  }
  // `--digests`: only the moves of the four scenarios (seconds: to check a change keeps the plans).
  if (process.argv.includes('--digests')) {
    movesOfScenarios()
    return
  }
  const ours: string[][] = [['scenario', 'plan ms', 'spread before → after', 'max util / bound', 'moves (repairs)', 'fewest possible', 'GiB moved', 'broken after', 'overfull']]
  const versus: string[][] = [['scenario', 'greedy moves', 'greedy spread', 'greedy broken', 'moves ratio', 'spread ratio', 'for the greedy spread: moves (repairs)', 'ratio', 'balance moves ratio', 'fewest possible']]
  const seeds: string[][] = [['scenario', 'seeds reached', 'greedy moves', 'ours (repairs)', 'ratio', 'balance moves ratio', 'fewest possible', 'balancing fewer / same / more']]
  for (const scenario of SCENARIOS) {
    const cluster = sampleCluster(scenario.shape, SEED)
    const model = compilePolicy(cluster.snapshot, cluster.policy)
    const times: number[] = []
    let plan: Plan | undefined
    for (let i = 0; i < scenario.runs; i++) {
      const start = performance.now()
      plan = planOf(cluster)
      times.push(performance.now() - start)
    }
    const result = measure(model, finalPlacement(model, plan!))
    const greedy = measure(model, greedyBaseline(model))
    const same = atGreedySpread(cluster, model, greedy.spread)
    ours.push([
      scenario.name,
      median(times).toFixed(1),
      `${plan!.balance.spreadBefore.toFixed(1)} → ${plan!.balance.spreadAfter.toFixed(1)}`,
      `${result.maxUtil.toFixed(1)}% / ${result.bound.toFixed(1)}%`,
      `${result.moves} (${plan!.balance.rulesRepaired})`,
      String(fewestMovesBound(model, model.threshold)),
      (result.bytes / GiB).toFixed(0),
      String(result.broken),
      String(result.overfull),
    ])
    versus.push([
      scenario.name,
      String(greedy.moves),
      greedy.spread.toFixed(2),
      String(greedy.broken),
      ratio(result.moves, greedy.moves),
      ratio(result.spread, greedy.spread),
      `${same.moves} (${same.repairs}), spread ${same.spread.toFixed(2)}`,
      ratio(same.moves, greedy.moves),
      ratio(same.moves - same.repairs, greedy.moves),
      String(same.fewest),
    ])
    seeds.push(acrossSeeds(scenario))
  }
  console.log(`seed ${SEED}; memory (used), threshold 10 points; plan ms: median of several runs (compile, search, waves, plan document)`)
  console.log('"broken": strict rules broken after the plan; "overfull": nodes over their memory limit that received guests;')
  console.log('"fewest possible": the fewest moves any plan needs for that spread, rules ignored (bench/bound.ts)\n')
  console.log(table(ours))
  console.log('\nagainst the classic greedy (largest guest of the most utilised node to the least utilised node, no rules):')
  console.log('ratios are ours / greedy; "for the greedy spread": our plan with the greedy\'s final spread as the threshold;')
  console.log('"balance moves ratio" leaves out our rule repairs, which the greedy never makes\n')
  console.log(table(versus))
  console.log(`\nthe same at the greedy's spread, over clusters of each shape from seeds ${SEED} on: sums over the seeds where`)
  console.log('our plan reaches that spread (elsewhere the rules keep it out of reach); balancing moves fewer / as many / more than the greedy\'s\n')
  console.log(table(seeds))
  console.log()
  movesOfScenarios()
  otherShapes(shapes(), '100 nodes, other generator (bench/shapes.ts)')
  console.log()
  tinyAgainstExhaustive()
}

/** The plans' moves as a short digest (vmid and target, in order): the planner is deterministic, so equal digests are equal plans. */
function movesDigest(plan: Plan): string {
  return createHash('sha256').update(JSON.stringify(plan.moves.map((m) => [m.vmid, m.to]))).digest('hex').slice(0, 12)
}

function movesOfScenarios(): void {
  const rows: string[][] = [['scenario', 'moves (repairs)', 'spread after', 'moves digest']]
  for (const scenario of SCENARIOS) {
    const cluster = sampleCluster(scenario.shape, SEED)
    const plan = planOf(cluster)
    rows.push([scenario.name, `${plan.moves.length} (${plan.balance.rulesRepaired ?? 0})`, plan.balance.spreadAfter.toFixed(2), movesDigest(plan)])
  }
  console.log('\nthe plans above, move for move:\n')
  console.log(table(rows))
}

/**
 * Clusters of 100 nodes (bench/shapes.ts): planRebalance in this process (median of
 * `runs`, after the clusters are built), and the whole command as a user runs it, `node
 * bin/run.js plan FILE --policy FILE --json` from process start to exit (median of
 * `runs`; needs `npm run build`), with its peak memory (GNU time).
 */
function otherShapes(list: Shape[], title: string, runs = 3): void {
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-shapes-'))
  // The executable as shipped (npm run binary), when it was built: what an operator runs.
  const binary = join(__dirname, '..', 'dist', 'proxlb')
  const withBinary = existsSync(binary)
  const rows: string[][] = [['shape', 'guests', 'plan ms', 'CLI ms', 'CLI max RSS MB', ...(withBinary ? ['dist/proxlb ms', 'dist/proxlb max RSS MB'] : []), 'spread before → after', 'moves (repairs)', 'reached', 'moves digest']]
  try {
    for (const shape of list) {
      const times: number[] = []
      let plan: Plan | undefined
      for (let i = 0; i < runs; i++) {
        const start = performance.now()
        plan = planOf({snapshot: shape.snapshot, policy: normalizePolicy(shape.policy, (path, message) => { throw new Error(`${shape.name}: policy invalid at ${path.join('.')}: ${message}`) }, () => {})})
        times.push(performance.now() - start)
      }
      const cli = cliPlan(dir, shape.snapshot, shape.policy, [process.execPath, join(__dirname, '..', 'bin', 'run.js')], runs)
      if (cli.digest !== movesDigest(plan!)) throw new Error(`${shape.name}: the CLI planned other moves than planRebalance`)
      const exe = withBinary ? cliPlan(dir, shape.snapshot, shape.policy, [binary], runs) : undefined
      if (exe && exe.digest !== cli.digest) throw new Error(`${shape.name}: dist/proxlb planned other moves than bin/run.js`)
      rows.push([
        shape.name,
        String(shape.snapshot.guests.length),
        median(times).toFixed(0),
        cli.ms.toFixed(0),
        cli.rssMb.toFixed(0),
        ...(exe ? [exe.ms.toFixed(0), exe.rssMb.toFixed(0)] : []),
        `${plan!.balance.spreadBefore.toFixed(1)} → ${plan!.balance.spreadAfter.toFixed(1)}`,
        `${plan!.moves.length} (${plan!.balance.rulesRepaired ?? 0})`,
        plan!.balance.reached ? 'yes' : 'no',
        movesDigest(plan!),
      ])
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
  const of = runs === 1 ? 'one run' : `median of ${runs}`
  const exeNote = withBinary ? `; dist/proxlb ms: the executable (\`npm run binary\`), the same command, wall time, ${of}` : ' (build dist/proxlb with `npm run binary` to time the executable too)'
  console.log(`\n${title}; plan ms: planRebalance, ${of}; CLI ms: \`${process.execPath} bin/run.js plan FILE --policy FILE --json\`, wall time, ${of}${exeNote}\n`)
  console.log(table(rows))
}

function cliPlan(dir: string, snapshot: Snapshot, policy: Policy, command: readonly string[], runs: number): {ms: number; rssMb: number; digest: string} {
  const snapshotFile = join(dir, 'snapshot.json')
  const policyFile = join(dir, 'policy.yaml')
  const timesFile = join(dir, 'time.txt')
  writeFileSync(snapshotFile, prettyJson(snapshot))
  writeFileSync(policyFile, JSON.stringify(policy))
  const times: number[] = []
  const rss: number[] = []
  let out = ''
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', timesFile, ...command, 'plan', snapshotFile, '--policy', policyFile, '--json'], {encoding: 'utf8', maxBuffer: 256 * 2 ** 20})
    times.push(performance.now() - start)
    if (result.status !== 0) throw new Error(`proxlb plan failed: ${result.stderr}`)
    rss.push(Number(readFileSync(timesFile, 'utf8').trim().split(/\s+/).pop()) / 1024)
    out = result.stdout
  }
  return {ms: median(times), rssMb: median(rss), digest: movesDigest(JSON.parse(out) as Plan)}
}

/** Our plan asked for the greedy's balance (its spread, rounded up to a plan's 0.01 points), and the fewest moves possible for it. */
function atGreedySpread(cluster: Cluster, model: PlacementModel, spread: number) {
  const threshold = Math.ceil(spread * 100) / 100
  const plan = planOf({...cluster, policy: {...cluster.policy, balance: {...cluster.policy.balance, threshold}}})
  return {moves: plan.moves.length, repairs: plan.balance.rulesRepaired ?? 0, spread: plan.balance.spreadAfter, reached: plan.balance.reached, fewest: fewestMovesBound(model, threshold)}
}

/**
 * Sums over `scenario.seeds` clusters of the shape, at the greedy's spread, where our plan
 * reaches it: where it does not, the rules keep it out of reach (the greedy gets there
 * by breaking them) and moves compare nothing.
 */
function acrossSeeds(scenario: (typeof SCENARIOS)[number]): string[] {
  const sum = {greedy: 0, moves: 0, repairs: 0, fewest: 0, reached: 0}
  const balancing = {fewer: 0, same: 0, more: 0}
  for (let k = 0; k < scenario.seeds; k++) {
    const cluster = sampleCluster(scenario.shape, SEED + k)
    const model = compilePolicy(cluster.snapshot, cluster.policy)
    const greedy = outcomeOf(model, greedyBaseline(model))
    const same = atGreedySpread(cluster, model, greedy.spread)
    if (!same.reached) continue
    sum.reached++
    sum.greedy += greedy.moves
    sum.moves += same.moves
    sum.repairs += same.repairs
    sum.fewest += same.fewest
    const ours = same.moves - same.repairs
    balancing[ours < greedy.moves ? 'fewer' : ours === greedy.moves ? 'same' : 'more']++
  }
  return [
    scenario.name,
    `${sum.reached} of ${scenario.seeds}`,
    String(sum.greedy),
    `${sum.moves} (${sum.repairs})`,
    ratio(sum.moves, sum.greedy),
    ratio(sum.moves - sum.repairs, sum.greedy),
    String(sum.fewest),
    `${balancing.fewer} / ${balancing.same} / ${balancing.more}`,
  ]
}

function ratio(a: number, b: number): string {
  return b ? (a / b).toFixed(2) : '-'
}

function planOf(cluster: Pick<Cluster, 'snapshot' | 'policy'>): Plan {
  return planRebalance(cluster.snapshot, cluster.policy, {
    createdAt: '2026-11-21T10:00:00Z',
    toolVersion: 'bench',
    snapshot: {fingerprint: cluster.snapshot.fingerprint!, takenAt: cluster.snapshot.takenAt, cluster: cluster.snapshot.cluster.name},
    policy: {document: cluster.policy, hash: 'sha256:' + '0'.repeat(64)},
  })
}

function measure(model: PlacementModel, placement: Int32Array) {
  const u = [...utilisations(model, placement).values()]
  const active = model.nodes.filter((n) => n.role === 'active')
  const memory = memoryLoads(model, placement)
  const bound = (100 * active.reduce((s, n) => s + memory[n.index], 0)) / active.reduce((s, n) => s + n.capacity.memory, 0)
  const overfull = memory.filter((m, n) => model.nodes[n].role === 'active' && m > model.nodes[n].memoryLimit && placement.some((p, g) => p === n && model.guests[g].node !== n)).length
  return {...outcomeOf(model, placement), maxUtil: Math.max(...u), bound, overfull}
}

/** How often the plan is as good as the best of every placement, on clusters of at most 4 nodes and 8 guests. */
function tinyAgainstExhaustive(): void {
  const recipes = fc.sample(clusterRecipe({nodes: [2, 4], guests: [2, 8], budgets: true, overfull: true}), {seed: SEED, numRuns: 1000})
  let cases = 0
  let full = 0
  let greedy = 0
  for (const recipe of recipes) {
    const cluster = buildCluster(recipe)
    const best = exhaustiveBest(cluster.snapshot, cluster.policy)
    if (best.moves === 0 && best.broken === 0 && best.unpreferred === 0) continue
    cases++
    const model = compilePolicy(cluster.snapshot, cluster.policy)
    if (!betterOutcome(best, outcomeOf(model, finalPlacement(model, planOf(cluster))))) full++
    if (!betterOutcome(best, outcomeOf(model, searchMoves(model, {exhaustive: false}).draft.state.placement))) greedy++
  }
  console.log(`tiny clusters (2-4 nodes, 2-8 guests, random rules and budgets), ${cases} of 1000 needing moves:`)
  console.log(`  planner as good as exhaustive search: ${full}/${cases} (${((100 * full) / cases).toFixed(1)}%)`)
  console.log(`  greedy search alone (without the exhaustive step): ${greedy}/${cases} (${((100 * greedy) / cases).toFixed(1)}%)`)
}
