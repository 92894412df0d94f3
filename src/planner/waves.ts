/**
 * Waves: moves grouped for parallel execution.
 *
 * A wave holds at most `parallel` moves and at most `perNode` moves touching any one
 * node. While a wave runs, a guest's memory is assumed to arrive on its target before it
 * leaves its source, so a node's peak during a wave is its load at the start of the wave
 * plus everything arriving in it; that peak must stay within the node's memory limit.
 * Moves are taken in the order the search made them (each was feasible at its turn) and
 * each goes to the earliest wave where it fits; a fresh last wave always fits, so every
 * move finds one.
 */
import type {PlacementModel} from '../policy/compile.js'
import type {PlannedMove} from './search.js'

interface Wave {
  /** Memory of each node when the wave starts. */
  start: number[]
  /** Memory arriving on each node during the wave. */
  arriving: number[]
  /** Memory leaving each node when the wave ends. */
  leaving: number[]
  /** Moves touching each node (as source or target). */
  touching: number[]
  size: number
}

/** Wave number (from 1) of each move, in the order of `moves`. */
export function assignWaves(model: PlacementModel, moves: readonly PlannedMove[]): number[] {
  const initial = model.nodes.map((n) => n.base.memory)
  for (const g of model.guests) initial[g.node] += g.load.memory
  const waves: Wave[] = []
  const zeros = () => new Array<number>(model.nodes.length).fill(0)
  const openWave = (): Wave => {
    const last = waves.at(-1)
    const start = last ? last.start.map((m, n) => m + last.arriving[n] - last.leaving[n]) : [...initial]
    const wave = {start, arriving: zeros(), leaving: zeros(), touching: zeros(), size: 0}
    waves.push(wave)
    return wave
  }

  const fitsFrom = (w: number, node: number, memory: number) => {
    for (let v = w; v < waves.length; v++) {
      if (waves[v].start[node] + waves[v].arriving[node] + memory > model.nodes[node].memoryLimit + 1e-6) return false
    }
    return true
  }

  return moves.map((move) => {
    const memory = model.guests[move.guest].load.memory
    let chosen = waves.findIndex(
      (wave, w) =>
        wave.size < model.parallel &&
        wave.touching[move.from] < model.perNode &&
        wave.touching[move.to] < model.perNode &&
        fitsFrom(w, move.to, memory),
    )
    if (chosen < 0) {
      openWave()
      chosen = waves.length - 1
    }
    const wave = waves[chosen]
    wave.size++
    wave.touching[move.from]++
    wave.touching[move.to]++
    wave.arriving[move.to] += memory
    wave.leaving[move.from] += memory
    // From the next wave on, the guest is on its target and gone from its source.
    for (let v = chosen + 1; v < waves.length; v++) {
      waves[v].start[move.to] += memory
      waves[v].start[move.from] -= memory
    }
    return chosen + 1
  })
}
