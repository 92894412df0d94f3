/**
 * The search: which guests move where.
 *
 * First every movable guest leaves nodes in maintenance (largest first, each to the
 * least utilised node that takes it). Then, while the spread between the most and the
 * least utilised active node exceeds the threshold, the single move that narrows the
 * cluster most is taken: it must not widen the spread and must lower the sum of squared
 * utilisations, so the search always ends. Each guest moves at most once; the move and
 * byte budgets are never exceeded. Guests bound together by a strict together rule move
 * only with their whole group.
 */
import type {ModelGuest} from '../policy/compile.js'
import {formatBytes, formatPercent} from '../model/units.js'
import {Constraints} from './constraints.js'
import type {ClusterState} from './state.js'

export type MoveReason = 'balance' | 'maintenance' | 'apart' | 'together' | 'pin' | 'preference'

export interface PlannedMove {
  guest: number
  from: number
  to: number
  reason: MoveReason
  detail: string
  rule?: string
}

export interface SearchResult {
  moves: PlannedMove[]
  /** A budget (moves or bytes) stopped the search. */
  budgetHit: boolean
  /** Guests that had to leave a maintenance node but fit nowhere. */
  stranded: number[]
}

export function searchMoves(state: ClusterState): SearchResult {
  const search = new Search(state)
  if (state.model.quorate) {
    search.evacuateMaintenance()
    search.balance()
  }
  return {moves: search.moves, budgetHit: search.budgetHit, stranded: search.stranded}
}

class Search {
  readonly moves: PlannedMove[] = []
  budgetHit = false
  readonly stranded: number[] = []
  private readonly state: ClusterState
  private readonly constraints: Constraints
  private readonly moved = new Set<number>()
  private readonly active: number[]
  /** Guests tied by strict together rules (including themselves), by guest index. */
  private readonly unitOf: number[][]
  private bytesMoved = 0

  constructor(state: ClusterState) {
    this.state = state
    this.constraints = new Constraints(state)
    this.active = state.model.nodes.filter((n) => n.role === 'active').map((n) => n.index)
    this.unitOf = togetherUnits(state)
  }

  evacuateMaintenance(): void {
    const {model} = this.state
    for (const node of model.nodes) {
      if (node.role !== 'maintenance') continue
      const leaving = this.state
        .guestsOn(node.index)
        .filter((g) => model.guests[g].movable)
        .sort((a, b) => unitMemory(this.unit(b), model.guests) - unitMemory(this.unit(a), model.guests) || model.guests[a].vmid - model.guests[b].vmid)
      for (const guest of leaving) {
        if (this.moved.has(guest)) continue
        const unit = this.unit(guest)
        if (!this.withinBudget(unit)) {
          this.budgetHit = true
          this.stranded.push(...unit)
          continue
        }
        let target: number | undefined
        let lowest = Infinity
        for (const candidate of this.active) {
          if (!this.unitFits(unit, candidate)) continue
          const after = this.utilisationAfter(unit, candidate)
          if (after < lowest - 1e-9) [target, lowest] = [candidate, after]
        }
        if (target === undefined) {
          this.stranded.push(...unit)
          unit.forEach((g) => this.moved.add(g))
          continue
        }
        for (const g of unit) {
          this.record(g, target, 'maintenance', `${node.name} is in maintenance: ${model.guests[g].name} moves to ${model.nodes[target].name}, the least utilised node with room`)
        }
      }
    }
  }

  balance(): void {
    const {model} = this.state
    for (;;) {
      const spread = this.state.spread(this.active)
      if (spread <= model.threshold + 1e-9) return
      if (this.moves.length >= model.maxMoves) {
        this.budgetHit = true
        return
      }
      const best = this.bestBalancingMove(spread)
      if (!best) return
      const from = this.state.nodeOf(best.guest)
      const before = this.state.utilisation(from)
      const targetBefore = this.state.utilisation(best.target)
      const g = model.guests[best.guest]
      const detail = `${model.nodes[from].name} is at ${formatPercent(before)} and ${model.nodes[best.target].name} at ${formatPercent(targetBefore)}: moving ${g.name} (${formatBytes(g.load.memory)} memory) narrows the spread from ${spread.toFixed(1)} to ${best.spread.toFixed(1)} points`
      this.record(best.guest, best.target, 'balance', detail)
    }
  }

  private bestBalancingMove(spread: number): {guest: number; target: number; spread: number} | undefined {
    const {model} = this.state
    const squares = this.sumOfSquares()
    let best: {guest: number; target: number; spread: number; squares: number; bytes: number} | undefined
    // Candidates leave the more utilised half of the cluster for the less utilised half.
    const ranked = [...this.active].sort((a, b) => this.state.utilisation(b) - this.state.utilisation(a) || a - b)
    const half = Math.max(1, Math.ceil(ranked.length / 2))
    const sources = ranked.slice(0, half)
    const targets = ranked.slice(ranked.length - half)
    for (const source of sources) {
      for (const guest of this.state.guestsOn(source)) {
        const g = model.guests[guest]
        if (!g.movable || this.moved.has(guest) || this.unit(guest).length > 1) continue
        if (this.bytesMoved + g.bytes > model.maxBytesMoved) {
          this.budgetHit = true
          continue
        }
        for (const target of targets) {
          if (target === source || !this.constraints.canPlace(guest, target)) continue
          const after = this.evaluate(guest, source, target, squares)
          if (after.spread > spread + 1e-9 || after.squares >= squares - 1e-9) continue
          if (!best || after.spread < best.spread - 1e-9 || (Math.abs(after.spread - best.spread) <= 1e-9 && (after.squares < best.squares - 1e-9 || (Math.abs(after.squares - best.squares) <= 1e-9 && g.bytes < best.bytes)))) {
            best = {guest, target, spread: after.spread, squares: after.squares, bytes: g.bytes}
          }
        }
      }
    }
    return best
  }

  private evaluate(guest: number, source: number, target: number, squares: number): {spread: number; squares: number} {
    const load = this.state.model.guests[guest].load
    const newSource = this.state.utilisationWith(source, load, -1)
    const newTarget = this.state.utilisationWith(target, load, 1)
    let max = Math.max(newSource, newTarget)
    let min = Math.min(newSource, newTarget)
    for (const n of this.active) {
      if (n === source || n === target) continue
      const u = this.state.utilisation(n)
      if (u > max) max = u
      if (u < min) min = u
    }
    const oldSource = this.state.utilisation(source)
    const oldTarget = this.state.utilisation(target)
    return {spread: max - min, squares: squares - oldSource ** 2 - oldTarget ** 2 + newSource ** 2 + newTarget ** 2}
  }

  private sumOfSquares(): number {
    return this.active.reduce((sum, n) => sum + this.state.utilisation(n) ** 2, 0)
  }

  private unit(guest: number): number[] {
    return this.unitOf[guest]
  }

  private unitFits(unit: number[], target: number): boolean {
    if (unit.length === 1) return this.constraints.canPlace(unit[0], target)
    // Place members one by one on a scratch copy so their memory adds up.
    const scratch = this.state.clone()
    const check = new Constraints(scratch)
    for (const g of unit) {
      if (!check.canPlace(g, target)) return false
      scratch.move(g, target)
    }
    return true
  }

  private utilisationAfter(unit: number[], target: number): number {
    const total = unit.reduce(
      (sum, g) => {
        const l = this.state.model.guests[g].load
        return {memory: sum.memory + l.memory, cpu: sum.cpu + l.cpu, disk: sum.disk + l.disk}
      },
      {memory: 0, cpu: 0, disk: 0},
    )
    return this.state.utilisationWith(target, total, 1)
  }

  private withinBudget(unit: number[]): boolean {
    const {model} = this.state
    const bytes = unit.reduce((sum, g) => sum + model.guests[g].bytes, 0)
    return this.moves.length + unit.length <= model.maxMoves && this.bytesMoved + bytes <= model.maxBytesMoved
  }

  private record(guest: number, to: number, reason: MoveReason, detail: string): void {
    const from = this.state.nodeOf(guest)
    this.state.move(guest, to)
    this.moved.add(guest)
    this.bytesMoved += this.state.model.guests[guest].bytes
    this.moves.push({guest, from, to, reason, detail})
  }
}

/** Members of strict together rules that share a node move as one unit. */
function togetherUnits(state: ClusterState): number[][] {
  const units = state.model.guests.map((g) => [g.index])
  for (const rule of state.model.rules) {
    if (rule.kind !== 'together' || !rule.strict) continue
    const byNode = new Map<number, number[]>()
    for (const m of rule.members) byNode.set(state.nodeOf(m), [...(byNode.get(state.nodeOf(m)) ?? []), m])
    for (const members of byNode.values()) {
      const merged = [...new Set(members.flatMap((m) => units[m]))].sort((a, b) => a - b)
      for (const m of merged) units[m] = merged
    }
  }
  return units
}

function unitMemory(unit: number[], guests: ModelGuest[]): number {
  return unit.reduce((sum, g) => sum + guests[g].load.memory, 0)
}
