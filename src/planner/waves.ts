/**
 * Waves: moves grouped for parallel execution.
 *
 * A wave holds at most `parallel` moves and at most `perNode` moves touching any one
 * node. While a wave runs, a guest's memory (and copied local disks) is assumed to arrive
 * on its target before it leaves its source, so a node's peak during a wave is its load
 * at the start of the wave plus everything arriving in it; that peak must stay within
 * the node's memory limit (and local storage). A guest joining a node that an apart
 * peer leaves goes in a later wave than the peer, never beside it.
 * Moves are taken in execution order (each is possible at its turn) and each goes to the
 * earliest wave where it fits and after what it waits for; a fresh last wave always
 * fits, so every move finds one.
 * Pure.
 */
import type {ModelRule, PlacementModel} from '../policy/compile.js'
import type {PlannedMove} from './search.js'

interface Wave {
  /** Load of each node when the wave starts. */
  start: {memory: number[]; disk: number[]}
  /** Load arriving on each node during the wave. */
  arriving: {memory: number[]; disk: number[]}
  /** Load leaving each node when the wave ends. */
  leaving: {memory: number[]; disk: number[]}
  /** Moves touching each node (as source or target). */
  touching: number[]
  size: number
}

type Resource = 'memory' | 'disk'
/** Resources with a hard limit a node must keep at every moment. */
const LIMITED: readonly Resource[] = ['memory', 'disk']

/** Wave number (from 1) of each move, in the order of `moves`. */
export function assignWaves(model: PlacementModel, moves: readonly PlannedMove[]): number[] {
  const initial = {memory: model.nodes.map((n) => n.base.memory), disk: model.nodes.map((n) => n.base.disk)}
  for (const g of model.guests) {
    initial.memory[g.node] += g.load.memory
    initial.disk[g.node] += g.load.disk
  }
  const limit = {memory: model.nodes.map((n) => n.memoryLimit), disk: model.nodes.map((n) => n.capacity.disk)}
  const apartOf: ModelRule[][] = model.guests.map(() => [])
  for (const rule of model.rules) if (rule.kind === 'apart' && rule.strict) for (const m of rule.members) apartOf[m].push(rule)

  const waves: Wave[] = []
  const zeros = () => new Array<number>(model.nodes.length).fill(0)
  const openWave = (): void => {
    const last = waves.at(-1)
    const startOf = (r: Resource) => (last ? last.start[r].map((v, n) => v + last.arriving[r][n] - last.leaving[r][n]) : [...initial[r]])
    waves.push({
      start: {memory: startOf('memory'), disk: startOf('disk')},
      arriving: {memory: zeros(), disk: zeros()},
      leaving: {memory: zeros(), disk: zeros()},
      touching: zeros(),
      size: 0,
    })
  }
  // A node over its memory limit receives nothing, not even a guest that adds no memory.
  const fitsFrom = (w: number, node: number, load: Record<Resource, number>) =>
    LIMITED.every((r) => (r === 'disk' && load[r] === 0) || waves.slice(w).every((wave) => wave.start[r][node] + wave.arriving[r][node] + load[r] <= limit[r][node] + 1e-6))

  const waveOf = new Map<number, number>()
  return moves.map((move) => {
    const guest = model.guests[move.guest]
    const load = {memory: guest.load.memory, disk: guest.withLocalDisks ? guest.load.disk : 0}
    // An apart peer leaving the target must be gone before this guest arrives.
    let earliest = 0
    for (const rule of apartOf[move.guest]) {
      for (const peer of rule.members) {
        if (peer !== move.guest && model.guests[peer].node === move.to && waveOf.has(peer)) earliest = Math.max(earliest, waveOf.get(peer)! + 1)
      }
    }
    let chosen = waves.findIndex(
      (wave, w) =>
        w >= earliest &&
        wave.size < model.parallel &&
        wave.touching[move.from] < model.perNode &&
        wave.touching[move.to] < model.perNode &&
        fitsFrom(w, move.to, load),
    )
    if (chosen < 0) {
      // Peers leave in existing waves, so a fresh wave comes after them.
      openWave()
      chosen = waves.length - 1
    }
    const wave = waves[chosen]
    wave.size++
    wave.touching[move.from]++
    wave.touching[move.to]++
    for (const r of LIMITED) {
      wave.arriving[r][move.to] += load[r]
      wave.leaving[r][move.from] += load[r]
      // From the next wave on, the guest is on its target and gone from its source.
      for (let v = chosen + 1; v < waves.length; v++) {
        waves[v].start[r][move.to] += load[r]
        waves[v].start[r][move.from] -= load[r]
      }
    }
    waveOf.set(move.guest, chosen)
    return chosen + 1
  })
}
