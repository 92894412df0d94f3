/**
 * Pruning: drops moves the plan does not need.
 *
 * A greedy search commits to early moves that later ones can make unnecessary. Each
 * moved unit is tried back on its own node, the ones moving the most bytes first; it
 * stays home when every rule (preferences too) allows it there and the plan still
 * reaches the threshold, or, when the threshold is out of reach, the spread gets no
 * wider. Moves that repair a rule never go: their home breaks the rule.
 */
import type {Draft} from './draft.js'
import {EPSILON, loadOf} from './objective.js'

export function prune(draft: Draft): void {
  const {state, model, objective} = draft
  const moved = [...draft.order].sort((a, b) => model.guests[b].bytes - model.guests[a].bytes || a - b)
  for (const g of moved) {
    if (!draft.moved(g)) continue
    const home = state.origin[g]
    const unit = draft.unit(g, 'soft')
    if (unit.some((m) => state.origin[m] !== home) || draft.refusal(unit, home, 'soft', true)) continue
    const after = objective.evaluate(loadOf(state, unit), state.nodeOf(g), home)
    if (after.spread <= Math.max(objective.threshold, objective.spread) + EPSILON) draft.place(unit, home)
  }
}
