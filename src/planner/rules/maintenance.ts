/**
 * Node roles: only active nodes receive guests; nodes in maintenance (by policy or HA
 * maintenance mode) are emptied; ignored and offline nodes neither give nor receive.
 *
 * Checks: a movable guest on a maintenance node is out of place.
 * Forbids: any move onto a node that is not active.
 * Repairs: moves every movable guest off maintenance nodes, largest unit first (the
 * hardest to place goes while there is most room), each to the node that leaves the
 * cluster best balanced. Guests that cannot move stay and are reported as unmovable.
 */
import {formatBytes} from '../../model/units.js'
import type {PlacementModel} from '../../policy/compile.js'
import {describeGuests, toWarning, whyNowhere} from './explain.js'
import {type PlacementRule, REFUSED} from './rule.js'

export function maintenanceRule(model: PlacementModel): PlacementRule {
  const draining = model.nodes.filter((n) => n.role === 'maintenance').map((n) => n.index)

  return {
    kind: 'maintenance',
    perMigration: true,
    local: true,

    refuse(_state, _unit, target, _level, quiet) {
      const node = model.nodes[target]
      return node.role === 'active' ? undefined : quiet ? REFUSED : `${node.name} does not receive guests (${node.role})`
    },

    violations(state, strict, guests) {
      if (!strict) return []
      const nodes = guests ? draining.filter((node) => guests.some((g) => state.nodeOf(g) === node)) : draining
      return nodes.flatMap((node) => {
        const guests = state.guestsOn(node).filter((g) => model.guests[g].movable).sort((a, b) => a - b)
        return guests.length ? [{kind: 'maintenance' as const, strict: true, guests, nodes: [node], size: guests.length}] : []
      })
    },

    repair(draft, strict) {
      if (!strict) return
      for (const node of draining) {
        const leaving = draft.state
          .guestsOn(node)
          .filter((g) => model.guests[g].movable)
          .map((g) => ({g, memory: draft.unit(g, 'soft').reduce((sum, m) => sum + model.guests[m].load.memory, 0)}))
          .sort((a, b) => b.memory - a.memory || a.g - b.g)
        for (const {g} of leaving) {
          if (draft.state.nodeOf(g) === node) draft.relocate(g, true)
        }
      }
    },

    explain(draft, v) {
      const node = model.nodes[v.nodes[0]]
      const memory = v.guests.reduce((sum, g) => sum + model.guests[g].load.memory, 0)
      const cause = draft.budgetHit ? 'the budget (limits.maxMoves / limits.maxBytesMoved) ran out or no node has room for them' : 'no node has room for them within the rules'
      const why = whyNowhere(draft, v.guests[0])
      return toWarning(model, 'no-room', v, `${v.guests.length} ${v.guests.length === 1 ? 'guest' : 'guests'} must leave ${node.name} (maintenance) but ${cause}: ${describeGuests(model, v.guests)} (${formatBytes(memory)} of memory)${why ? `; for ${model.guests[v.guests[0]].name}: ${why}` : ''}`)
    },
  }
}
