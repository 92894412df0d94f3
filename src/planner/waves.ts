/**
 * Waves: moves grouped for parallel execution.
 *
 * A wave holds at most `parallel` moves and at most `perNode` moves touching any one
 * node. While a wave runs, a guest's memory (and copied local disks) is assumed to arrive
 * on its target before it leaves its source, so a node's peak during a wave is its load
 * at the start of the wave plus everything arriving in it; that peak must stay within
 * the node's memory limit, and each storage's within its capacity less reserve (volumes
 * counted as the storage rule counts them, src/policy/storage.ts). A guest joining a node that an apart
 * peer leaves goes in a later wave than the peer, never beside it.
 * Moves are taken in execution order (each is possible at its turn) and each goes to the
 * earliest wave where it fits and after what it waits for; a fresh last wave always
 * fits, so every move finds one.
 * Pure.
 */
import type {ModelRule, PlacementModel} from '../policy/compile.js'
import {counted, storageOn, volumeNeed} from '../policy/storage.js'
import type {PlannedMove} from './search.js'

interface Wave {
  /** Amount of each limited quantity when the wave starts. */
  start: Float64Array
  /** Amount arriving during the wave. */
  arriving: Float64Array
  /** Amount leaving when the wave ends. */
  leaving: Float64Array
  /** Moves touching each node (as source or target). */
  touching: Int32Array
  size: number
}

/**
 * What must stay within a limit at every moment, by quantity: index n < nodes is node n's
 * memory, nodes + s is storage s.
 */
type Amounts = Map<number, number>

/** Wave number (from 1) of each move, in the order of `moves`. */
export function assignWaves(model: PlacementModel, moves: readonly PlannedMove[]): number[] {
  const nodes = model.nodes.length
  const storages = model.storage?.storages ?? []
  const initial = new Float64Array(nodes + storages.length)
  const limit = new Float64Array(nodes + storages.length)
  model.nodes.forEach((n) => {
    initial[n.index] = n.base.memory
    limit[n.index] = n.memoryLimit
  })
  for (const g of model.guests) initial[g.node] += g.load.memory
  storages.forEach((s) => {
    initial[nodes + s.index] = s.used
    limit[nodes + s.index] = counted(s) ? s.limit : Number.POSITIVE_INFINITY
  })
  const apartOf: ModelRule[][] = model.guests.map(() => [])
  for (const rule of model.rules) if (rule.kind === 'apart' && rule.strict) for (const m of rule.members) apartOf[m].push(rule)

  const waves: Wave[] = []
  const openWave = (): void => {
    const last = waves.at(-1)
    // A loop, not `map`: a plan of thousands of moves opens a wave for every few.
    const start = last ? new Float64Array(initial.length) : Float64Array.from(initial)
    if (last) for (let i = 0; i < start.length; i++) start[i] = last.start[i] + last.arriving[i] - last.leaving[i]
    waves.push({start, arriving: new Float64Array(initial.length), leaving: new Float64Array(initial.length), touching: new Int32Array(nodes), size: 0})
  }
  // A node over its memory limit receives nothing, not even a guest that adds no memory.
  const fitsFrom = (w: number, arriving: Amounts) => {
    for (const [i, amount] of arriving) {
      if (i >= nodes && amount === 0) continue
      for (let v = w; v < waves.length; v++) if (waves[v].start[i] + waves[v].arriving[i] + amount > limit[i] + 1e-6) return false
    }
    return true
  }

  const waveOf = new Map<number, number>()
  // Waves before this one are full (a wave only gains moves): the search for a wave starts here.
  let open = 0
  return moves.map((move) => {
    const {arriving, leaving} = amountsOf(model, move)
    // An apart peer leaving the target must be gone before this guest arrives.
    let earliest = 0
    for (const rule of apartOf[move.guest]) {
      for (const peer of rule.members) {
        if (peer !== move.guest && model.guests[peer].node === move.to && waveOf.has(peer)) earliest = Math.max(earliest, waveOf.get(peer)! + 1)
      }
    }
    let chosen = -1
    for (let w = Math.max(earliest, open); w < waves.length && chosen < 0; w++) {
      const wave = waves[w]
      if (wave.size < model.parallel && wave.touching[move.from] < model.perNode && wave.touching[move.to] < model.perNode && fitsFrom(w, arriving)) chosen = w
    }
    if (chosen < 0) {
      // Peers leave in existing waves, so a fresh wave comes after them.
      openWave()
      chosen = waves.length - 1
    }
    const wave = waves[chosen]
    wave.size++
    while (open < waves.length && waves[open].size >= model.parallel) open++
    wave.touching[move.from]++
    wave.touching[move.to]++
    const shift = (amounts: Amounts, sign: 1 | -1, during: Float64Array) => {
      for (const [i, amount] of amounts) {
        during[i] += amount
        // From the next wave on, the guest is on its target and gone from its source.
        for (let v = chosen + 1; v < waves.length; v++) waves[v].start[i] += sign * amount
      }
    }
    shift(arriving, 1, wave.arriving)
    shift(leaving, -1, wave.leaving)
    waveOf.set(move.guest, chosen)
    return chosen + 1
  })
}

/** What a move brings to its target (memory, bytes per counted storage) and takes from its source. */
function amountsOf(model: PlacementModel, move: PlannedMove): {arriving: Amounts; leaving: Amounts} {
  const guest = model.guests[move.guest]
  const arriving: Amounts = new Map([[move.to, guest.load.memory]])
  const leaving: Amounts = new Map([[move.from, guest.load.memory]])
  const storage = model.storage
  if (!storage) return {arriving, leaving}
  const nodes = model.nodes.length
  for (const v of storage.volumes[move.guest]) {
    const on = storageOn(storage, move.to, v)
    if (on >= 0 && counted(storage.storages[on])) arriving.set(nodes + on, (arriving.get(nodes + on) ?? 0) + volumeNeed(v, storage.storages[on]))
    if (v.source >= 0 && counted(storage.storages[v.source])) leaving.set(nodes + v.source, (leaving.get(nodes + v.source) ?? 0) + v.frees)
  }
  return {arriving, leaving}
}
