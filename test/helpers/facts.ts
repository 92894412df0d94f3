/**
 * What a snapshot read through the API must carry over from the cluster it was read from:
 * per node its name, status, maintenance, cores and memory; per guest where it runs and
 * everything that decides whether and how it can move (type, status, template, lock, tags,
 * pool, HA, assigned memory, cores, local disks, local devices). Loads and timestamps are
 * left out: they move between two reads. Used by the integration tests and by
 * bench/snapshot.ts to check that a faster snapshot is still the same snapshot.
 */
import type {Snapshot} from '../../src/model/snapshot.js'

export function clusterFacts(snapshot: Snapshot) {
  return {
    nodes: snapshot.nodes
      .map((n) => ({name: n.name, status: n.status, maintenance: n.maintenance, cores: n.cpu.cores, memory: n.memory.total}))
      .sort((a, b) => a.name.localeCompare(b.name)),
    guests: snapshot.guests
      .map((g) => ({
        vmid: g.vmid, name: g.name, node: g.node, type: g.type, status: g.status, template: g.template ?? false, lock: g.lock, tags: g.tags, pool: g.pool,
        ha: g.ha?.managed ?? false, assigned: g.memory.assigned, cores: g.cpu.cores,
        localDisks: (g.migration?.localDisks ?? []).map((d) => [d.key, d.storage, d.size]), localResources: g.migration?.localResources ?? [],
      }))
      .sort((a, b) => a.vmid - b.vmid),
  }
}
