/**
 * The cluster a plan predicts: every move applied to the snapshot, nodes' measured usage
 * following the guests that leave and arrive. For planning again on a plan's result.
 */
import type {Plan} from '../../src/model/plan.js'
import {snapshotFingerprint, type Snapshot} from '../../src/model/snapshot.js'

export function applyPlan(snapshot: Snapshot, plan: Plan): Snapshot {
  const nodes = new Map(snapshot.nodes.map((n) => [n.name, {...n, cpu: {...n.cpu}, memory: {...n.memory}, disk: {...n.disk}}]))
  const guests = snapshot.guests.map((g) => ({...g}))
  const byVmid = new Map(guests.map((g) => [g.vmid, g]))
  for (const move of plan.moves) {
    const guest = byVmid.get(move.vmid)!
    const from = nodes.get(guest.node)!
    const to = nodes.get(move.to)!
    const running = guest.status === 'running' || guest.status === 'paused'
    const memory = running ? guest.memory.used : 0
    const cpu = running ? guest.cpu.used : 0
    const disk = (guest.migration?.localDisks ?? []).reduce((s, d) => s + (d.cdrom ? 0 : d.size), 0)
    from.memory.used -= memory
    to.memory.used += memory
    from.cpu.used = Math.max(0, from.cpu.used - cpu)
    to.cpu.used += cpu
    from.disk.used -= disk
    to.disk.used += disk
    guest.node = move.to
  }
  const predicted: Snapshot = {...snapshot, source: {kind: 'simulated'}, nodes: [...nodes.values()], guests}
  predicted.fingerprint = snapshotFingerprint(predicted)
  return predicted
}
