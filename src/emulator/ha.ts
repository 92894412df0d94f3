/**
 * The HA stack's endpoints: resources (`/cluster/ha/resources`), rules (PVE 9,
 * `/cluster/ha/rules`), groups (deprecated: answered only while a seed guest still names
 * one), and status (`/cluster/ha/status/current`, `/manager_status`) with each node's state
 * (`online`, `maintenance` from the snapshot's node.maintenance, `unknown` when down).
 */
import {serverError} from './errors.js'
import {type Cluster, haSid, stableHex} from './cluster.js'
import {haNodeState, type ViewContext} from './views.js'

type Json = Record<string, unknown>

function digest(cluster: Cluster, what: string): string {
  return stableHex(`${what} ${cluster.version}`, 40)
}

export function haResources(ctx: ViewContext, type?: string): Json[] {
  const c = ctx.cluster
  return [...c.ha.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, s]) => haResource(c, s.sid))
    .filter((r) => !type || r.type === type)
}

/** One resource by sid (`vm:100`, `ct:101`, or just `100`). */
export function haResource(cluster: Cluster, sid: string): Json {
  const vmid = Number(/^(?:(?:vm|ct):)?(\d+)$/.exec(sid)?.[1])
  const service = cluster.ha.get(vmid)
  if (!service || (sid.includes(':') && sid !== service.sid)) throw serverError(`no such resource '${sid}'`)
  return {
    sid: service.sid,
    type: service.sid.slice(0, 2),
    state: service.state,
    ...(service.group ? {group: service.group} : {}),
    failback: 1,
    max_restart: 1,
    max_relocate: 1,
    digest: digest(cluster, 'resources'),
  }
}

/** `GET /cluster/ha/rules`, PVE 9 format: resources `vm:100,ct:101`, nodes `n1:2,n2`. */
export function haRules(ctx: ViewContext, filter: {type?: string; resource?: string}): Json[] {
  const c = ctx.cluster
  const sidOf = (vmid: number) => (c.guests.get(vmid) ? haSid(c.guests.get(vmid)!) : `vm:${vmid}`)
  return c
    .haRules()
    .map((rule, order) => {
      const resources = rule.resources.map(sidOf)
      return {
        rule: rule.id,
        type: rule.type,
        resources: resources.join(','),
        ...(rule.type === 'node-affinity'
          ? {nodes: (rule.nodes ?? []).map((n) => (n.priority !== undefined ? `${n.node}:${n.priority}` : n.node)).join(','), strict: rule.strict ? 1 : 0}
          : {affinity: rule.affinity ?? 'negative'}),
        ...(rule.disabled ? {disable: 1} : {}),
        digest: digest(c, 'rules'),
        order: order + 1,
        sids: resources,
      }
    })
    .filter((r) => !filter.type || r.type === filter.type)
    .filter((r) => !filter.resource || r.sids.includes(filter.resource) || r.sids.includes(`vm:${filter.resource}`) || r.sids.includes(`ct:${filter.resource}`))
    .map(({sids: _sids, ...rule}) => rule)
}

export function haGroups(ctx: ViewContext): Json[] {
  const groups = ctx.cluster.haGroups()
  if (groups.length === 0) throw serverError('ha groups have been migrated to rules')
  return groups.map((group) => ({group, type: 'group', nodes: ctx.cluster.nodeNames.join(','), restricted: 0, nofailback: 0, digest: digest(ctx.cluster, 'groups')}))
}

function managerStatus(ctx: ViewContext): Json {
  const c = ctx.cluster
  const serviceStatus: Record<string, Json> = {}
  for (const [vmid, s] of [...c.ha.entries()].sort((a, b) => a[0] - b[0])) {
    if (s.state === 'ignored') continue
    const guest = c.guests.get(vmid)!
    serviceStatus[s.sid] = {node: guest.node, state: s.crmState, uid: stableHex(`uid ${s.sid}`, 22), ...(s.target ? {target: s.target} : {})}
  }
  return {
    master_node: c.localNode(),
    node_status: Object.fromEntries(c.nodeNames.map((n) => [n, haNodeState(c.nodes.get(n)!)])),
    service_status: serviceStatus,
    timestamp: ctx.now,
  }
}

/** `GET /cluster/ha/status/manager_status`. */
export function haManagerStatus(ctx: ViewContext): Json {
  const c = ctx.cluster
  const manager = managerStatus(ctx)
  const lrm: Record<string, Json> = {}
  for (const name of c.nodeNames) {
    const node = c.nodes.get(name)!
    lrm[name] = node.status === 'online'
      ? {mode: node.maintenance ? 'maintenance' : 'active', state: c.ha.size > 0 ? 'active' : 'wait_for_agent_lock', timestamp: ctx.now, results: {}}
      : {mode: 'active', state: 'unknown', timestamp: ctx.now - 120, results: {}}
  }
  return {manager_status: manager, quorum: {node: c.localNode(), quorate: c.quorate() ? 1 : 0}, lrm_status: lrm}
}

/** `GET /cluster/ha/status/current`. */
export function haStatusCurrent(ctx: ViewContext): Json[] {
  const c = ctx.cluster
  const manager = managerStatus(ctx)
  const local = c.localNode()
  const time = new Date(ctx.now * 1000).toUTCString()
  const out: Json[] = [
    {id: 'quorum', type: 'quorum', node: local, status: c.quorate() ? 'OK' : `No quorum on node '${local}'!`, quorate: c.quorate() ? 1 : 0},
    {id: 'master', type: 'master', node: local, status: `${local} (active, ${time})`, timestamp: ctx.now},
  ]
  for (const name of c.nodeNames) {
    const node = c.nodes.get(name)!
    const state = node.status !== 'online' ? 'old timestamp - dead?' : node.maintenance ? 'maintenance mode' : c.ha.size > 0 ? 'active' : 'idle'
    out.push({id: `lrm:${name}`, type: 'lrm', node: name, status: `${name} (${state}, ${time})`, timestamp: node.status === 'online' ? ctx.now : ctx.now - 120})
  }
  for (const [vmid, s] of [...c.ha.entries()].sort((a, b) => a[0] - b[0])) {
    const node = c.guests.get(vmid)!.node
    const known = (manager.service_status as Record<string, Json>)[s.sid]
    out.push({
      id: `service:${s.sid}`,
      type: 'service',
      sid: s.sid,
      node,
      ...(known ? {crm_state: s.crmState} : {}),
      state: s.crmState,
      status: `${s.sid} (${node}, ${s.crmState})`,
      request_state: s.state,
      ...(s.group ? {group: s.group} : {}),
      max_restart: 1,
      max_relocate: 1,
      failback: 1,
    })
  }
  return out
}
