/**
 * Pins: a guest runs only on the nodes its pins name (policy `pin` rules, ProxLB's
 * `plb_pin_<node>` tags, strict Proxmox HA node affinity), and migrates only to nodes
 * Proxmox allows. A non-strict pin is a preference for its nodes.
 *
 * Checks: a pinned guest on a node its pins do not name.
 * Forbids: a move to a node the guest may not run on; with preferences, a move that takes
 * a guest away from its preferred nodes.
 * Repairs: moves just the pinned guest (with what moves as one with it) to the allowed
 * node that leaves the cluster best balanced.
 */
import type {ModelRule, PlacementModel} from '../../policy/compile.js'
import {ruleHolds, RulesByGuest} from '../../policy/rules.js'
import {describeGuests, describeNodes, toWarning} from './explain.js'
import {type PlacementRule, REFUSED, REFUSED_LASTING, type Violation} from './rule.js'

export function pinRule(model: PlacementModel): PlacementRule {
  const strictPins = model.rules.filter((r) => r.kind === 'pin' && r.strict)
  const preferences = model.rules.filter((r) => r.kind === 'pin' && !r.strict)
  const preferred = new RulesByGuest(preferences, model.guests.length)
  const onNodes = (rule: ModelRule, node: number) => (rule.nodes ?? []).includes(node)
  // Only pinned guests can break a strict pin: the plan's explanation asks after every move.
  const pinnedGuests = model.guests.filter((g) => g.pinned)

  return {
    kind: 'pin',
    perMigration: true,
    local: true,

    refuse(state, unit, target, level, quiet) {
      for (const m of unit) {
        const guest = model.guests[m]
        if (guest.allowed && !guest.allowed.includes(target)) return quiet ? REFUSED_LASTING : `${model.nodes[target].name} is not among the nodes ${guest.name} may run on`
        if (level === 'soft') {
          const kept = preferred.of(m).find((rule) => onNodes(rule, state.nodeOf(m)) && !onNodes(rule, target))
          if (kept) return quiet ? REFUSED : `pin preference ${kept.name} keeps ${guest.name} on ${describeNodes(model, kept.nodes ?? [])}`
        }
      }
      return undefined
    },

    violations(state, strict, guests) {
      if (strict) {
        const pinned = guests ? guests.map((g) => model.guests[g]).filter((g) => g.pinned).sort((a, b) => a.index - b.index) : pinnedGuests
        return pinned.flatMap<Violation>((g) => {
          const node = state.nodeOf(g.index)
          if (!g.pinned || g.pinned.includes(node)) return []
          const rule = strictPins.find((r) => ruleHolds(r, g.index) && !onNodes(r, node))
          return [{kind: 'pin', rule, strict, guests: [g.index], nodes: [node], size: 1}]
        })
      }
      return preferred.holding(guests).flatMap((rule) =>
        rule.members
          .filter((m) => (!guests || guests.includes(m)) && !onNodes(rule, state.nodeOf(m)))
          .map<Violation>((m) => ({kind: 'pin', rule, strict, guests: [m], nodes: [state.nodeOf(m)], size: 1})),
      )
    },

    repair(draft, strict) {
      for (const v of this.violations(draft.state, strict)) {
        const [g] = v.guests
        if (!model.guests[g].movable) continue
        if (strict) draft.relocate(g, true)
        else if (!onNodes(v.rule!, draft.state.nodeOf(g))) draft.relocate(g, false, (t) => onNodes(v.rule!, t))
      }
    },

    explain(draft, v) {
      const [g] = v.guests
      const guest = model.guests[g]
      const allowedNodes = v.strict ? guest.pinned ?? [] : v.rule?.nodes ?? []
      const label = v.strict ? 'pin rule' : 'pin preference'
      const name = v.rule ? `${label} ${v.rule.name}` : 'its pins'
      const unknown = v.rule?.unknownNodes?.length ? ` (not in the cluster: ${v.rule.unknownNodes.join(', ')})` : ''
      const allows = allowedNodes.length ? `allows only ${describeNodes(model, allowedNodes)}${unknown}` : `allows no node of the cluster${unknown}`
      const usable = allowedNodes.filter((n) => model.nodes[n].role === 'active')
      const why = !guest.movable
        ? `it cannot move: ${guest.blockers[0]}`
        : usable.length === 0
          ? 'none of them can receive guests (ignored, in maintenance or offline)'
          : `none of them has room for it within the other rules${draft.budgetHit ? ' and the budget' : ''}`
      return toWarning(model, 'unsatisfiable', v, `${describeGuests(model, [g])} runs on ${model.nodes[v.nodes[0]].name} but ${name} ${allows}; ${why}`)
    },
  }
}
