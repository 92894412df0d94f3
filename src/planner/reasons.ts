/**
 * Why each move of a plan is made, told about the cluster as it is when that move's
 * turn comes: the moves are replayed in plan order on a copy of the snapshot's state,
 * and each is explained against the state just before it. So a move never repairs a
 * rule an earlier move already repaired, and the figures a balance move quotes are the
 * ones the nodes have at that point of the plan.
 * Presentation of the search's result only: it decides nothing, and it never moves the
 * draft's own state.
 */
import type {Move} from '../model/plan.js'
import {formatBytes, formatPercent} from '../model/units.js'
import type {PlacementModel} from '../policy/compile.js'
import type {Draft} from './draft.js'
import {loadOf} from './objective.js'
import {describeNodes, nodesOf} from './rules/explain.js'
import type {RuleKind, Violation} from './rules/rule.js'
import type {ClusterState} from './state.js'

export interface MoveStep {
  guest: number
  from: number
  to: number
}

export interface ExplainedMove extends MoveStep {
  reason: MoveReason
  rule?: string
  detail: string
}

type MoveReason = Move['reason']

const REASONS: Partial<Record<RuleKind, MoveReason>> = {together: 'together', maintenance: 'maintenance', pin: 'pin', apart: 'apart', capacity: 'capacity'}

/**
 * Each move with why it is made: the first strict rule, then preference, its guest breaks
 * where it is at its turn (or its node breaks, for rules about nodes), in the order rules
 * are repaired; balance when none.
 */
export function explainMoves(draft: Draft, steps: readonly MoveStep[]): ExplainedMove[] {
  const state = draft.initial.clone()
  const final = draft.state
  const out: ExplainedMove[] = new Array(steps.length)
  const position = new Map(steps.map((s, i) => [s.guest, i]))
  steps.forEach((step, i) => {
    if (!out[i]) {
      // A together group's guests that leave one node for another move as one unit: all
      // of them are explained against the state before the first of them goes.
      const unit = [i]
      const group = draft.groups.group(step.guest, 'soft')
      for (const other of group.length > 1 ? group : []) {
        const j = position.get(other)
        if (j !== undefined && j > i && steps[j].from === step.from && steps[j].to === step.to) unit.push(j)
      }
      unit.sort((a, b) => a - b)
      const guests = unit.map((k) => steps[k].guest)
      const broken = [true, false].flatMap((strict) => draft.rules.flatMap((rule) => rule.violations(state, strict, guests)))
      for (const k of unit) {
        const m = steps[k]
        const v = broken.find((x) => (!x.strict || REASONS[x.kind]) && repairs(x, m, state, final))
        const reason: MoveReason = !v ? 'balance' : v.strict ? REASONS[v.kind]! : 'preference'
        const detail = reason === 'balance' ? balanceDetail(draft, state, m, unit.map((u) => steps[u].guest)) : explain(draft, state, final, m, reason, v)
        out[k] = {...m, reason, ...(v?.rule ? {rule: v.rule.name} : {}), detail}
      }
    }
    state.move(step.guest, step.to)
  })
  return out
}

/** The move puts (its part of) the violation right: a guest broken where it is goes where it is not. */
function repairs(v: Violation, m: MoveStep, state: ClusterState, final: ClusterState): boolean {
  switch (v.kind) {
    case 'capacity':
      return v.nodes.includes(m.from)
    case 'maintenance':
      return v.guests.includes(m.guest)
    case 'pin':
      return v.guests.includes(m.guest) && ((v.strict ? state.model.guests[m.guest].pinned : v.rule?.nodes) ?? []).includes(m.to)
    case 'apart':
      return v.guests.includes(m.guest) && !v.rule!.members.some((o) => o !== m.guest && state.nodeOf(o) === m.to)
    case 'together':
      // Joining a guest that the plan later moves on gathers nothing.
      return v.guests.includes(m.guest) && v.rule!.members.some((o) => o !== m.guest && final.nodeOf(o) === m.to)
    default:
      return false
  }
}

function explain(draft: Draft, state: ClusterState, final: ClusterState, m: MoveStep, reason: MoveReason, v: Violation | undefined): string {
  const {model} = draft
  const g = model.guests[m.guest]
  const from = model.nodes[m.from]
  const to = model.nodes[m.to]
  const rule = v?.rule
  switch (reason) {
    case 'maintenance':
      return `${from.name} is in maintenance: every guest that can move leaves it`
    case 'pin':
      return `${g.name} may only run on ${describeNodes(model, g.pinned ?? [])}${rule ? ` (${rule.name})` : ''}`
    case 'apart': {
      const peers = peersOn(model, state, rule?.members ?? [], m.guest, m.from)
      return `apart rule ${rule?.name}: ${peers.join(', ') || 'another guest of the group'} also ${peers.length === 1 ? 'runs' : 'run'} on ${from.name}`
    }
    case 'together': {
      const members = rule?.members ?? []
      const waiting = peersOn(model, state, members.filter((o) => final.nodeOf(o) === m.to), m.guest, m.to)
      if (waiting.length) return `together rule ${rule?.name}: ${g.name} joins ${waiting.join(', ')} on ${to.name}`
      const gathered = members.every((o) => final.nodeOf(o) === m.to)
      return `together rule ${rule?.name}: the group is split over ${describeNodes(model, nodesOf(state, members))}; ${g.name} goes first to ${to.name}, where ${gathered ? 'the plan gathers it' : 'the plan gathers as much of it as fits'}`
    }
    case 'capacity':
      return `${from.name} holds ${formatBytes(state.loads[m.from].memory)} of memory, above its limit of ${formatBytes(from.memoryLimit)}`
    case 'preference':
      return `preference ${rule?.name} is honoured`
    default:
      return balanceDetail(draft, state, m, [m.guest])
  }
}

/** The two nodes' utilisations before the unit moves, and what moving it does to them. */
function balanceDetail(draft: Draft, state: ClusterState, m: MoveStep, unit: readonly number[]): string {
  const {model} = draft
  const from = model.nodes[m.from].name
  const to = model.nodes[m.to].name
  const load = loadOf(state, unit)
  const uFrom = state.utilisation(m.from)
  const uTo = state.utilisation(m.to)
  const afterFrom = state.utilisationWith(m.from, load, -1)
  const afterTo = state.utilisationWith(m.to, load, 1)
  const [pFrom, pTo] = distinctPercents(uFrom, uTo)
  const figures = `${from} is at ${pFrom} and ${to} at ${pTo} (cluster mean ${formatPercent(draft.objective.mean)})`
  const names = unit.map((g) => model.guests[g].name)
  const what = unit.length === 1 ? `${names[0]} (${formatBytes(load.memory)} memory)` : `${names.join(' with ')} (kept together, ${formatBytes(load.memory)} memory)`
  if (uFrom > uTo && Math.abs(afterFrom - afterTo) < uFrom - uTo) return `${figures}: moving ${what} evens them out`
  return `${figures}: moving ${what} leaves them at ${formatPercent(afterFrom)} and ${formatPercent(afterTo)}, one step of the plan's rebalancing`
}

/**
 * Two utilisations as percentages, with as many decimals as tell them apart (one to
 * four): a move that evens out 30.62% and 30.58% must not read as between two nodes at 30.6%.
 */
function distinctPercents(a: number, b: number): [string, string] {
  for (let digits = 1; digits < 4; digits++) {
    if (a.toFixed(digits) !== b.toFixed(digits)) return [`${a.toFixed(digits)}%`, `${b.toFixed(digits)}%`]
  }
  return [`${a.toFixed(4)}%`, `${b.toFixed(4)}%`]
}

/** Names of the other members of a group on `node` in `state`. */
function peersOn(model: PlacementModel, state: ClusterState, members: readonly number[], guest: number, node: number): string[] {
  return [...new Set(members.filter((o) => o !== guest && state.nodeOf(o) === node).map((o) => model.guests[o].name))]
}
