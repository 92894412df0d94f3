/**
 * Load that drifts over time, for replaying the balance service (`simulate --cycles`):
 * each running guest's measured memory and CPU become its snapshot figure times a factor
 * that changes from cycle to cycle. Three parts, each optional, written as a SPEC such as
 * `walk:5%,daily:20%,jitter:10%,seed:1`:
 *
 * - walk:N%   a seeded random walk: each cycle every guest's factor steps by up to ±N % of
 *             its snapshot figure (kept between 20 % and 300 % of it);
 * - daily:N%  a daily wave: ±N % along a sine over 24 hours of simulated time, each guest
 *             at its own phase (day and night load);
 * - jitter:N% noise: each cycle every guest is off by up to ±N % of its walked figure,
 *             independently, and back the next (the wobble of ZFS ARC, a CPU spike);
 * - seed:N    the seed of the random parts (default 1): the same SPEC, the same replay.
 *
 * Memory stays within the guest's configured size, CPU within its cores; a node's measured
 * use follows its guests (its host's own share stays). Pure: randomness is seeded.
 */
import {seededRandom} from '../model/prng.js'
import {isRunning, type Snapshot} from '../model/snapshot.js'
import {copySnapshot} from './edit.js'

export interface DriftSpec {
  /** Fractions (0.05 for 5 %). */
  walk: number
  daily: number
  jitter: number
  seed: number
}

export const DRIFT_FORM = 'walk:N%,daily:N%,jitter:N%,seed:N (each part optional), e.g. walk:5%,daily:20%,seed:1'

/** The spec, or the reason it is none (one line). */
export function parseDrift(text: string): DriftSpec | string {
  const spec: DriftSpec = {walk: 0, daily: 0, jitter: 0, seed: 1}
  const seen = new Set<string>()
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(walk|daily|jitter|seed)\s*:\s*([0-9]+(?:\.[0-9]+)?)\s*(%?)$/.exec(part)
    if (!m) return `${JSON.stringify(part)} is not a part of a drift (expected ${DRIFT_FORM})`
    const [, key, number, percent] = m
    if (seen.has(key)) return `${key} is given twice`
    seen.add(key)
    const value = Number(number)
    if (key === 'seed') {
      if (percent || !Number.isSafeInteger(value)) return `seed must be a whole number, got ${JSON.stringify(number + percent)}`
      spec.seed = value
    } else {
      if (!percent) return `${key} needs a percentage, such as ${key}:${number}%`
      if (value > 100) return `${key} must be at most 100%, got ${number}%`
      spec[key as 'walk' | 'daily' | 'jitter'] = value / 100
    }
  }
  return spec
}

const MIN_FACTOR = 0.2
const MAX_FACTOR = 3

/** The drift of every guest of a snapshot, advanced one cycle at a time. */
export class Drift {
  private readonly random: () => number
  /** Walked factor of each guest, by vmid. */
  private readonly walked = new Map<number, number>()
  private readonly phase = new Map<number, number>()
  private readonly vmids: number[]

  constructor(readonly spec: DriftSpec, base: Snapshot) {
    this.random = seededRandom(spec.seed)
    this.vmids = base.guests.map((g) => g.vmid).sort((a, b) => a - b)
    for (const vmid of this.vmids) {
      this.walked.set(vmid, 1)
      this.phase.set(vmid, this.random() * 2 * Math.PI)
    }
  }

  /** Each guest's factor for the cycle at `hours` of simulated time; the walk takes one step. */
  step(hours: number): Map<number, number> {
    const factors = new Map<number, number>()
    for (const vmid of this.vmids) {
      const walked = clamp(this.walked.get(vmid)! + this.spec.walk * (2 * this.random() - 1))
      this.walked.set(vmid, walked)
      const wave = 1 + this.spec.daily * Math.sin((2 * Math.PI * hours) / 24 + this.phase.get(vmid)!)
      const noise = 1 + this.spec.jitter * (2 * this.random() - 1)
      factors.set(vmid, clamp(walked * wave * noise))
    }
    return factors
  }
}

function clamp(factor: number): number {
  return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor))
}

/**
 * `current` (where guests are now) with each running guest's use set to its figure in
 * `base` times its factor; nodes' measured use moves with their guests' (the host's own
 * share stays as `current` has it).
 */
export function drifted(base: Snapshot, current: Snapshot, factors: ReadonlyMap<number, number>): Snapshot {
  return driftedOver(base, current, [{factors, weight: 1}])
}

/** A stretch of time with each guest's factor over it, and its share of a window. */
export interface Span {
  factors: ReadonlyMap<number, number>
  weight: number
}

/**
 * `current` with each running guest's use its average over `spans` (weights summing to 1),
 * each stretch's figure capped at the guest's size as `drifted` caps it: what an RRD
 * average over the window says of the guest, counted where it is now (as the collector
 * counts it). A guest without a factor in some span keeps its figure in `current`.
 */
export function driftedOver(base: Snapshot, current: Snapshot, spans: readonly Span[]): Snapshot {
  const baseUse = new Map(base.guests.map((g) => [g.vmid, {memory: g.memory.used, cpu: g.cpu.used}]))
  const next = copySnapshot(current)
  const nodes = new Map(next.nodes.map((n) => [n.name, n]))
  for (const guest of next.guests) {
    const use = baseUse.get(guest.vmid)
    if (!use || !isRunning(guest) || spans.some((s) => !s.factors.has(guest.vmid))) continue
    let memoryUse = 0
    let cpuUse = 0
    for (const {factors, weight} of spans) {
      const factor = factors.get(guest.vmid)!
      memoryUse += weight * Math.min(guest.memory.assigned || Infinity, use.memory * factor)
      cpuUse += weight * Math.min(guest.cpu.cores || Infinity, use.cpu * factor)
    }
    const memory = Math.round(memoryUse)
    const cpu = Math.round(cpuUse * 1000) / 1000
    const node = nodes.get(guest.node)
    if (node) {
      node.memory.used = Math.max(0, node.memory.used + memory - guest.memory.used)
      node.cpu.used = Math.max(0, Math.round((node.cpu.used + cpu - guest.cpu.used) * 1000) / 1000)
    }
    guest.memory.used = memory
    guest.cpu.used = cpu
  }
  delete next.fingerprint
  return next
}
