/**
 * The API the emulator serves: one entry per operation, each naming its method, path
 * template and handler. Permission checks and parameter validation come from the
 * operation's entry in pve-api.json (PVE's own schema), so each handler only turns valid
 * parameters into a response body or a state change.
 *
 * Endpoints whose permission is `user: all` filter what they list by the caller's
 * privileges, as PVE does (no VM.Audit, no guests). Operations proxlb does not need
 * (creating HA rules, bulk migrations ...) are absent: the server answers them 501
 * `Method '...' not implemented`, like a PVE node for any path it does not know.
 */
import type {Guest} from '../model/snapshot.js'
import {checkPrivileges, hasPrivilege, PRIVILEGES, type Authenticator, type Principal} from './auth.js'
import type {Cluster} from './cluster.js'
import {guestConfig} from './config.js'
import {parameterError, serverError} from './errors.js'
import {haGroups, haManagerStatus, haResource, haResources, haRules, haStatusCurrent} from './ha.js'
import {type Migrations, STORAGE_MAP_PARAMETER} from './migration.js'
import {operation, type Params, type PveOperation} from './pve-schema.js'
import type {Timeframe} from './rrd.js'
import type {Task, TaskRegistry} from './tasks.js'
import {
  clusterOptions,
  clusterResources,
  clusterStatus,
  guestList,
  guestRrd,
  guestStatus,
  nodeRrd,
  nodesList,
  nodeStatus,
  nodeStorages,
  pending,
  poolIds,
  poolMembers,
  pveManagerVersion,
  storageContent,
  storageIndex,
  storageStatus,
  type ViewContext,
} from './views.js'

export interface Services {
  cluster: Cluster
  tasks: TaskRegistry
  migrations: Migrations
  auth: Authenticator
  /** SHA-256 fingerprint of the served certificate (HTTPS). */
  fingerprint?: string
}

export interface Call {
  params: Params
  /** Undefined only on the endpoints that need no login (`/access/ticket`). */
  principal?: Principal
  services: Services
  view: ViewContext
}

/** A list with the `total` PVE adds beside `data` (task lists and logs). */
export class Paged {
  constructor(
    readonly data: unknown,
    readonly total: number,
  ) {}
}

interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  handle(call: Call): unknown
  /** Responses for the same key and cluster version are the same bytes: serve them from cache. */
  cacheKey?(call: Call): string | undefined
}

export interface Route extends RouteSpec {
  op: PveOperation
  segments: string[]
  /** A `/nodes/{node}/...` operation: the contacted node proxies it to {node}. */
  proxied: boolean
  /** No login needed. */
  open: boolean
}

const principalOf = (call: Call) => call.principal!

function guestOf(call: Call, type: Guest['type']): Guest {
  return call.services.cluster.guestOn(String(call.params.node), type, Number(call.params.vmid))
}

function visibleGuests(call: Call): boolean {
  return hasPrivilege(principalOf(call), 'VM.Audit')
}

/** The task a call names; others' tasks need `privilege` on their node (PVE's rule). */
function taskOf(call: Call, privilege: string): Task {
  const task = call.services.tasks.get(String(call.params.node), String(call.params.upid))
  if (task.user !== principalOf(call).id) checkPrivileges(principalOf(call), `/nodes/${task.node}`, [privilege])
  return task
}

function nodeOf(call: Call) {
  return call.services.cluster.node(String(call.params.node))!
}

const guestRoutes = (type: Guest['type']): RouteSpec[] => [
  {
    method: 'GET',
    path: `/nodes/{node}/${type}`,
    handle: (call) => (visibleGuests(call) ? guestList(call.view, String(call.params.node), type) : []),
  },
  {method: 'GET', path: `/nodes/{node}/${type}/{vmid}/status/current`, handle: (call) => guestStatus(call.view, guestOf(call, type))},
  {
    method: 'GET',
    path: `/nodes/{node}/${type}/{vmid}/config`,
    handle: (call) => {
      const guest = guestOf(call, type)
      if (call.params.snapshot !== undefined) throw serverError(`snapshot '${call.params.snapshot}' does not exist`)
      return guestConfig(guest, call.services.cluster.volumesOf(guest.vmid))
    },
  },
  {
    method: 'GET',
    path: `/nodes/{node}/${type}/{vmid}/rrddata`,
    handle: (call) => {
      // Both paths read pve-vm-9.0/<vmid> (PVE::RRD::create_rrd_data in qemu-server API2/Qemu.pm and pve-container API2/LXC.pm), whatever the guest's type.
      const guest = call.services.cluster.guests.get(Number(call.params.vmid))
      if (!guest) throw serverError(`RRD error: mmaping file '/var/lib/rrdcached/db/pve-vm-9.0/${call.params.vmid}': No such file or directory`)
      return guestRrd(call.view, guest, call.params.timeframe as Timeframe, (call.params.cf as 'AVERAGE' | 'MAX') ?? 'AVERAGE')
    },
  },
  {method: 'GET', path: `/nodes/{node}/${type}/{vmid}/migrate`, handle: (call) => call.services.migrations.precondition(String(call.params.node), type, Number(call.params.vmid))},
  {
    method: 'POST',
    path: `/nodes/{node}/${type}/{vmid}/migrate`,
    handle: (call) => {
      const p = call.params
      return call.services.migrations.request(String(p.node), type, Number(p.vmid), {
        target: String(p.target),
        online: p.online === true,
        restart: p.restart === true,
        force: p.force === true,
        withLocalDisks: p['with-local-disks'] === true,
        ...(typeof p.bwlimit === 'number' ? {bwlimit: p.bwlimit} : {}),
        ...(typeof p[STORAGE_MAP_PARAMETER[type]] === 'string' ? {targetStorage: p[STORAGE_MAP_PARAMETER[type]] as string} : {}),
      }, principalOf(call).id)
    },
  },
]

const SPECS: RouteSpec[] = [
  {method: 'GET', path: '/version', handle: (call) => pveManagerVersion(call.view)},
  {method: 'GET', path: '/access/ticket', handle: () => null},
  {
    method: 'POST',
    path: '/access/ticket',
    handle: (call) => {
      const {auth, cluster} = call.services
      const result = auth.login(String(call.params.username), String(call.params.password), call.params.realm as string | undefined)
      return {...result, clustername: cluster.name, cap: auth.capabilities(result.username)}
    },
  },
  {
    method: 'GET',
    path: '/access/permissions',
    handle: (call) => {
      const principal = principalOf(call)
      const userid = call.params.userid as string | undefined
      if (userid && userid !== principal.id && userid !== principal.userid) checkPrivileges(principal, '/access', ['Sys.Audit'])
      const held = principal.privileges === 'all' ? PRIVILEGES : PRIVILEGES.filter((p) => hasPrivilege(principal, p))
      const path = (call.params.path as string | undefined) ?? '/'
      return {[path]: Object.fromEntries(held.map((p) => [p, 1]))}
    },
  },
  {
    method: 'GET',
    path: '/cluster/resources',
    handle: (call) => {
      const all = clusterResources(call.view, call.params.type as string | undefined)
      const principal = principalOf(call)
      if (principal.privileges === 'all') return all
      return all.filter((r) => {
        if (r.type === 'qemu' || r.type === 'lxc') return hasPrivilege(principal, 'VM.Audit')
        if (r.type === 'node' || r.type === 'sdn') return hasPrivilege(principal, 'Sys.Audit')
        if (r.type === 'storage') return hasPrivilege(principal, 'Datastore.Audit')
        return hasPrivilege(principal, 'Pool.Audit')
      })
    },
    cacheKey: (call) => (principalOf(call).privileges === 'all' ? `resources ${call.params.type ?? ''}` : undefined),
  },
  {method: 'GET', path: '/cluster/status', handle: (call) => clusterStatus(call.view)},
  {method: 'GET', path: '/cluster/options', handle: (call) => clusterOptions(call.view, hasPrivilege(principalOf(call), 'Sys.Audit'))},
  {
    method: 'GET',
    path: '/cluster/nextid',
    handle: (call) => {
      const guests = call.services.cluster.guests
      if (call.params.vmid !== undefined) {
        if (guests.has(Number(call.params.vmid))) throw parameterError({vmid: `VM ${call.params.vmid} already exists`})
        return String(call.params.vmid)
      }
      let id = 100
      while (guests.has(id)) id++
      return id
    },
  },
  {
    method: 'GET',
    path: '/cluster/tasks',
    handle: (call) => {
      const principal = principalOf(call)
      // Token tasks name the user and the token apart here (user root@pam, tokenid proxlb).
      const tasks = call.services.tasks.recent().map((t) => {
        const [user, tokenid] = String(t.user).split('!')
        return tokenid ? {...t, user, tokenid} : t
      })
      return hasPrivilege(principal, 'Sys.Audit') ? tasks : tasks.filter((t) => t.user === principal.userid)
    },
  },
  {method: 'GET', path: '/cluster/ha/resources', handle: (call) => haResources(call.view, call.params.type as string | undefined)},
  {method: 'GET', path: '/cluster/ha/resources/{sid}', handle: (call) => haResource(call.services.cluster, String(call.params.sid))},
  {method: 'POST', path: '/cluster/ha/resources/{sid}/migrate', handle: (call) => call.services.migrations.haCommand(String(call.params.sid), String(call.params.node), false)},
  {method: 'POST', path: '/cluster/ha/resources/{sid}/relocate', handle: (call) => call.services.migrations.haCommand(String(call.params.sid), String(call.params.node), true)},
  {method: 'GET', path: '/cluster/ha/groups', handle: (call) => haGroups(call.view)},
  {method: 'GET', path: '/cluster/ha/rules', handle: (call) => haRules(call.view, {type: call.params.type as string | undefined, resource: call.params.resource as string | undefined})},
  {method: 'GET', path: '/cluster/ha/status/current', handle: (call) => haStatusCurrent(call.view)},
  {method: 'GET', path: '/cluster/ha/status/manager_status', handle: (call) => haManagerStatus(call.view)},
  {
    method: 'GET',
    path: '/pools',
    handle: (call) => {
      const principal = principalOf(call)
      const poolid = call.params.poolid as string | undefined
      const ids = poolIds(call.view).filter((id) => hasPrivilege(principal, 'Pool.Audit') && (!poolid || id === poolid))
      if (poolid && ids.length === 0) throw serverError(`pool '${poolid}' does not exist`)
      return ids.map((id) => (poolid ? {poolid: id, comment: '', members: poolMembers(call.view, id, call.params.type as string | undefined)} : {poolid: id, comment: ''}))
    },
  },
  {
    method: 'GET',
    path: '/pools/{poolid}',
    handle: (call) => {
      const poolid = String(call.params.poolid)
      if (!poolIds(call.view).includes(poolid)) throw serverError(`pool '${poolid}' does not exist`)
      return {comment: '', members: poolMembers(call.view, poolid, call.params.type as string | undefined)}
    },
  },
  {method: 'GET', path: '/storage', handle: (call) => (hasPrivilege(principalOf(call), 'Datastore.Audit') ? storageIndex(call.view, call.params.type as string | undefined) : [])},
  {method: 'GET', path: '/nodes', handle: (call) => nodesList(call.view, call.services.fingerprint)},
  {method: 'GET', path: '/nodes/{node}/status', handle: (call) => nodeStatus(call.view, nodeOf(call))},
  {method: 'GET', path: '/nodes/{node}/version', handle: (call) => pveManagerVersion(call.view)},
  {
    method: 'GET',
    path: '/nodes/{node}/rrddata',
    handle: (call) => nodeRrd(call.view, nodeOf(call), call.params.timeframe as Timeframe, (call.params.cf as 'AVERAGE' | 'MAX') ?? 'AVERAGE'),
  },
  {
    method: 'GET',
    path: '/nodes/{node}/storage',
    handle: (call) => {
      if (!hasPrivilege(principalOf(call), 'Datastore.Audit')) return []
      const p = call.params
      return nodeStorages(call.view, String(p.node), {
        content: p.content as string | undefined,
        storage: p.storage as string | undefined,
        enabled: p.enabled as boolean | undefined,
        target: p.target as string | undefined,
      })
    },
  },
  {method: 'GET', path: '/nodes/{node}/storage/{storage}/status', handle: (call) => storageStatus(call.view, String(call.params.node), String(call.params.storage))},
  {
    method: 'GET',
    path: '/nodes/{node}/storage/{storage}/content',
    handle: (call) => {
      const p = call.params
      return storageContent(call.view, String(p.node), String(p.storage), {content: p.content as string | undefined, vmid: p.vmid as number | undefined})
    },
  },
  ...guestRoutes('qemu'),
  ...guestRoutes('lxc'),
  {
    method: 'GET',
    path: '/nodes/{node}/qemu/{vmid}/pending',
    handle: (call) => {
      const guest = guestOf(call, 'qemu')
      return pending(guestConfig(guest, call.services.cluster.volumesOf(guest.vmid)))
    },
  },
  {
    method: 'GET',
    path: '/nodes/{node}/tasks',
    handle: (call) => {
      const p = call.params
      const principal = principalOf(call)
      const auditor = hasPrivilege(principal, 'Sys.Audit')
      const {tasks, total} = call.services.tasks.list(String(p.node), {
        start: p.start as number | undefined,
        limit: p.limit as number | undefined,
        since: p.since as number | undefined,
        until: p.until as number | undefined,
        typefilter: p.typefilter as string | undefined,
        userfilter: auditor ? (p.userfilter as string | undefined) : principal.id,
        statusfilter: p.statusfilter as string | undefined,
        vmid: p.vmid as number | undefined,
        errors: p.errors as boolean | undefined,
        source: p.source as 'archive' | 'active' | 'all' | undefined,
      })
      return new Paged(tasks, total)
    },
  },
  {method: 'GET', path: '/nodes/{node}/tasks/{upid}/status', handle: (call) => call.services.tasks.status(taskOf(call, 'Sys.Audit'))},
  {
    method: 'GET',
    path: '/nodes/{node}/tasks/{upid}/log',
    handle: (call) => {
      const {lines, total} = call.services.tasks.logLines(taskOf(call, 'Sys.Audit'), call.params.start as number | undefined, call.params.limit as number | undefined)
      return new Paged(lines, total)
    },
  },
  {
    method: 'DELETE',
    path: '/nodes/{node}/tasks/{upid}',
    handle: (call) => {
      const task = taskOf(call, 'Sys.Modify')
      if (task.status === 'running') call.services.migrations.stop(task)
      return null
    },
  },
]

export const ROUTES: readonly Route[] = SPECS.map((spec) => {
  const op = operation(spec.method, spec.path)
  if (!op) throw new Error(`emulator route ${spec.method} ${spec.path} is not in pve-api.json`)
  return {
    ...spec,
    op,
    segments: spec.path.split('/').slice(1),
    proxied: spec.path.startsWith('/nodes/{node}'),
    open: op.permissions.user === 'world',
  }
})

/** The route for a method and path relative to /api2/json, with the path's parameters. */
export function findRoute(method: string, path: string): {route: Route; pathParams: Params} | undefined {
  const parts = path.split('/').slice(1)
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue
    const pathParams: Params = {}
    const matches = route.segments.every((segment, i) => {
      if (!segment.startsWith('{')) return segment === parts[i]
      pathParams[segment.slice(1, -1)] = safeDecode(parts[i])
      return parts[i] !== ''
    })
    if (matches) return {route, pathParams}
  }
  return undefined
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The privilege check an operation declares (`check: ['perm', '/vms/{vmid}', ['VM.Audit']]`). */
export function checkOperationPermission(op: PveOperation, principal: Principal, params: Params): void {
  const check = op.permissions.check
  // `user: all` lets every authenticated caller in (the handler filters what it shows), as
  // RPCEnvironment::check_api2_permissions does before looking at `check`.
  if (principal.privileges === 'all' || op.permissions.user === 'all' || !Array.isArray(check) || check[0] !== 'perm') return
  const path = String(check[1]).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
  const privileges = check[2] as string[]
  const any = check.includes('any')
  checkPrivileges(principal, path, privileges, any)
}
