/**
 * The cluster a plan leads to: its moves applied to the snapshot it was made from. A plan
 * whose guests are no longer where it expects them is refused (it would be refused by
 * apply too); a plan made from another snapshot that still fits is applied with a
 * warning. Pure.
 */
import type {Plan} from '../model/plan.js'
import {InvalidInputError, type Problem} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import {copySnapshot, guestsByVmid, moveGuest, nodeByName} from './edit.js'

export interface PlannedCluster {
  snapshot: Snapshot
  warnings: string[]
}

export function applyPlan(snapshot: Snapshot, fingerprint: string, plan: Plan, planFile: string): PlannedCluster {
  const problems: Problem[] = []
  const next = copySnapshot(snapshot)
  const guests = guestsByVmid(next)
  plan.moves.forEach((move, i) => {
    const location = `/moves/${i}`
    const guest = guests.get(move.vmid)
    if (!guest) problems.push({file: planFile, location, message: `guest ${move.vmid} (${move.name}) is not in the snapshot: the plan was made for another cluster state; make it again with proxlb plan`})
    else if (guest.node !== move.from) problems.push({file: planFile, location, message: `guest ${move.vmid} (${move.name}) is on ${guest.node}, but the plan moves it from ${move.from}: the plan is stale; make it again with proxlb plan`})
    else if (!nodeByName(next, move.to)) problems.push({file: planFile, location: `${location}/to`, message: `node ${move.to} is not in the snapshot`})
    else moveGuest(next, guest, move.to, move.disks)
  })
  if (problems.length > 0) throw new InvalidInputError(problems)
  const warnings = plan.snapshot.fingerprint === fingerprint ? [] : [`${planFile}: the plan was made from another snapshot (${plan.snapshot.fingerprint.slice(7, 19)}, this one is ${fingerprint.slice(7, 19)}); its moves still apply`]
  return {snapshot: next, warnings}
}
