/**
 * `simulate --cycles N --drift SPEC`: the balance service replayed on a snapshot whose
 * load drifts (drift.ts), cycle after cycle, each cycle's plan carried out at once and
 * remembered the way the service remembers it (calm.ts: persistence, cooldown). The
 * same drift is replayed a second time with the greedy balancer (greedy.ts), which
 * moves whenever the spread exceeds the threshold, so the two can be compared: moves
 * per cycle, guests moved more than once, moves back to a node left within the
 * cooldown, and the spread over time. Cycles outside the policy's `balance.during`
 * windows do not run, for either. With `balance.window` proxlb plans, as the service
 * does, from the load averaged over the RRD window before each cycle (driftedOver), the
 * greedy from the sample. Pure: the start time is the snapshot's.
 */
import {FORMATS} from '../model/formats.js'
import type {NormalizedPolicy} from '../model/policy.js'
import {type Snapshot, snapshotFingerprint} from '../model/snapshot.js'
import {TimeWindows} from '../model/cron.js'
import {type CalmMemory, clusterSpread, cooldownSeconds, cycleInput, EMPTY_MEMORY, remember, withServiceDefaults} from '../planner/calm.js'
import {planRebalance} from '../planner/index.js'
import {compilePolicy} from '../policy/compile.js'
import {Drift, drifted, driftedOver, type DriftSpec, type Span} from './drift.js'
import {guestsByVmid, moveGuest} from './edit.js'
import {greedyMoves} from './greedy.js'

export type Strategy = 'proxlb' | 'greedy'

export interface ReplayMove {
  vmid: number
  name: string
  from: string
  to: string
  reason: string
}

export interface ReplayCycle {
  cycle: number
  at: string
  /** false: outside every balance.during window, no cycle ran. */
  ran: boolean
  spreadBefore: number
  spreadAfter: number
  moves: ReplayMove[]
  /** Why proxlb's balancing held back (plan balance.held). */
  held?: string
  /** proxlb's plan said a second pass may move more (a guest would have had to migrate twice). */
  secondPass?: true
  /** proxlb's plan left a strict rule or a preference broken, or a node in maintenance or above its memory limit. */
  unsatisfied?: true
}

export interface ReplayTotals {
  moves: number
  /** Moves after the first cycle that ran: the churn once the cluster was balanced. */
  movesAfterFirst: number
  cyclesWithMoves: number
  /** Guests that moved more than once over the replay, most moves first. */
  movedMoreThanOnce: {vmid: number; name: string; moves: number}[]
  /** Moves of a guest within the cooldown of its previous move. */
  movedAgainWithinCooldown: number
  /** Moves back to the node the guest left within the cooldown. */
  movedBackWithinCooldown: number
  /** The spread each cycle found, before it moved anything. */
  spread: {mean: number; max: number; last: number}
}

export interface StrategyRun {
  strategy: Strategy
  cycles: ReplayCycle[]
  totals: ReplayTotals
}

export interface Replay {
  format: typeof FORMATS.replay
  cluster: string
  snapshot: {label: string; takenAt: string}
  /** The policy with the service's calm defaults filled in (what proxlb replayed with). */
  policy: {label: string; name?: string; threshold: number; margin: number; minGain: number; persistence: number; window?: 'hour' | 'day'}
  drift: DriftSpec
  cycles: number
  everySeconds: number
  cooldownSeconds: number
  runs: StrategyRun[]
}

export interface ReplayInput {
  snapshot: Snapshot
  snapshotLabel: string
  policy: NormalizedPolicy
  policyLabel: string
  cycles: number
  everySeconds: number
  drift: DriftSpec
  toolVersion: string
  /** Default both. */
  strategies?: readonly Strategy[]
}

export function replay(given: ReplayInput): Replay {
  const input = {...given, policy: withServiceDefaults(given.policy, given.snapshot)}
  const start = Date.parse(input.snapshot.takenAt)
  const times = Array.from({length: input.cycles}, (_, c) => new Date(start + c * input.everySeconds * 1000))
  const drift = new Drift(input.drift, input.snapshot)
  const factors = times.map((at) => drift.step(at.getTime() / 3_600_000))
  const windows = new TimeWindows(input.policy.balance.during ?? [])
  const cooldown = cooldownSeconds(input.policy)
  const runs = (input.strategies ?? ['proxlb', 'greedy']).map((strategy) => {
    const cycles = runCycles(strategy, input, times, factors, windows)
    return {strategy, cycles, totals: totals(cycles, cooldown)}
  })
  return {
    format: FORMATS.replay,
    cluster: input.snapshot.cluster.name,
    snapshot: {label: input.snapshotLabel, takenAt: input.snapshot.takenAt},
    policy: {label: input.policyLabel, ...(input.policy.name ? {name: input.policy.name} : {}), threshold: input.policy.balance.threshold, margin: input.policy.balance.margin!, minGain: input.policy.balance.minGain!, persistence: input.policy.balance.persistence!, ...(input.policy.balance.window && input.policy.balance.window !== 'off' ? {window: input.policy.balance.window} : {})},
    drift: input.drift,
    cycles: input.cycles,
    everySeconds: input.everySeconds,
    cooldownSeconds: cooldown,
    runs,
  }
}

function runCycles(strategy: Strategy, input: ReplayInput, times: Date[], factors: Map<number, number>[], windows: TimeWindows): ReplayCycle[] {
  const {policy} = input
  const windowSeconds = RRD_WINDOW_SECONDS[policy.balance.window ?? 'off']
  const unit = new Map(input.snapshot.guests.map((g) => [g.vmid, 1]))
  const fingerprint = input.snapshot.fingerprint ?? snapshotFingerprint(input.snapshot)
  let current = input.snapshot
  let memory: CalmMemory = EMPTY_MEMORY
  return times.map((at, c) => {
    const snapshot = drifted(input.snapshot, current, factors[c])
    const spreadBefore = round2(clusterSpread(snapshot, policy))
    const iso = at.toISOString().replace(/\.000Z$/, 'Z')
    current = snapshot
    if (!windows.contains(at)) return {cycle: c + 1, at: iso, ran: false, spreadBefore, spreadAfter: spreadBefore, moves: []}
    // With balance.window the service plans from the RRD averages of the window before the
    // cycle, each guest counted where it is now.
    const seen = strategy === 'proxlb' && windowSeconds > 0 ? driftedOver(input.snapshot, snapshot, spansBefore(times, factors, c, windowSeconds, unit)) : snapshot
    let moves: ReplayMove[]
    let held: string | undefined
    let secondPass = false
    let unsatisfied = false
    if (strategy === 'proxlb') {
      const cycle = cycleInput(memory, policy, seen === snapshot ? spreadBefore : round2(clusterSpread(seen, policy)), at)
      const plan = planRebalance(seen, policy, {
        createdAt: iso,
        toolVersion: input.toolVersion,
        snapshot: {fingerprint, takenAt: iso, cluster: snapshot.cluster.name},
        policy: {document: policy, hash: 'sha256:' + '0'.repeat(64)},
      }, undefined, cycle.calm)
      moves = plan.moves.map((m) => ({vmid: m.vmid, name: m.name, from: m.from, to: m.to, reason: m.reason}))
      held = plan.balance.held
      secondPass = plan.warnings.some((w) => w.code === 'second-pass')
      // A strict rule left broken, or a node left in maintenance or above its memory limit.
      unsatisfied = plan.warnings.some((w) => w.code === 'unsatisfiable' || w.code === 'no-room')
      memory = remember(cycle.memory, moves.map((m) => ({vmid: m.vmid, from: m.from, to: m.to, at: iso})))
    } else {
      const model = compilePolicy(snapshot, policy)
      moves = greedyMoves(model).map((m) => ({vmid: model.guests[m.guest].vmid, name: model.guests[m.guest].name, from: model.nodes[m.from].name, to: model.nodes[m.to].name, reason: 'balance'}))
    }
    if (moves.length > 0) {
      const guests = guestsByVmid(snapshot)
      for (const m of moves) moveGuest(snapshot, guests.get(m.vmid)!, m.to)
    }
    const spreadAfter = moves.length ? round2(clusterSpread(snapshot, policy)) : spreadBefore
    return {cycle: c + 1, at: iso, ran: true, spreadBefore, spreadAfter, moves, ...(held ? {held} : {}), ...(secondPass ? {secondPass: true as const} : {}), ...(unsatisfied ? {unsatisfied: true as const} : {})}
  })
}

/** What an RRD timeframe's 70 rows cover: an hour's are a minute each, a day's half an hour. */
const RRD_WINDOW_SECONDS = {off: 0, hour: 70 * 60, day: 70 * 1800} as const

/**
 * The load over the window before cycle `c`: each earlier cycle's factors for the part of
 * the window its stretch (until the next cycle) covers, and before the first cycle the
 * snapshot's own figures (`unit`, every factor 1).
 */
function spansBefore(times: readonly Date[], factors: readonly ReadonlyMap<number, number>[], c: number, window: number, unit: ReadonlyMap<number, number>): Span[] {
  const end = times[c].getTime() / 1000
  const start = end - window
  const spans: Span[] = []
  const first = times[0].getTime() / 1000
  if (start < first) spans.push({factors: unit, weight: (Math.min(first, end) - start) / window})
  for (let k = 0; k < c; k++) {
    const from = Math.max(start, times[k].getTime() / 1000)
    const to = Math.min(end, times[k + 1].getTime() / 1000)
    if (to > from) spans.push({factors: factors[k], weight: (to - from) / window})
  }
  return spans
}

function totals(cycles: ReplayCycle[], cooldown: number): ReplayTotals {
  const first = cycles.findIndex((c) => c.ran)
  const count = new Map<number, {name: string; moves: number}>()
  const last = new Map<number, {at: number; from: string}>()
  let again = 0
  let back = 0
  for (const cycle of cycles) {
    const at = Date.parse(cycle.at)
    for (const m of cycle.moves) {
      const entry = count.get(m.vmid) ?? {name: m.name, moves: 0}
      entry.moves++
      count.set(m.vmid, entry)
      const previous = last.get(m.vmid)
      if (previous && at - previous.at < cooldown * 1000) {
        again++
        if (m.to === previous.from) back++
      }
      last.set(m.vmid, {at, from: m.from})
    }
  }
  const spreads = cycles.map((c) => c.spreadBefore)
  return {
    moves: cycles.reduce((s, c) => s + c.moves.length, 0),
    movesAfterFirst: cycles.slice(first + 1).reduce((s, c) => s + c.moves.length, 0),
    cyclesWithMoves: cycles.filter((c) => c.moves.length > 0).length,
    movedMoreThanOnce: [...count].filter(([, e]) => e.moves > 1).map(([vmid, e]) => ({vmid, name: e.name, moves: e.moves})).sort((a, b) => b.moves - a.moves || a.vmid - b.vmid),
    movedAgainWithinCooldown: again,
    movedBackWithinCooldown: back,
    spread: {
      mean: spreads.length ? round2(spreads.reduce((s, v) => s + v, 0) / spreads.length) : 0,
      max: spreads.length ? Math.max(...spreads) : 0,
      last: cycles.length ? cycles[cycles.length - 1].spreadAfter : 0,
    },
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
