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
import {normalizePath} from './access.js'
import {checkPrivileges, hasAnyPrivilege, hasPrivilege, type Authenticator, type Principal} from './auth.js'
import type {Cluster} from './cluster.js'
import {guestConfig} from './config.js'
import {ApiError, parameterError, serverError} from './errors.js'
import {haGroups, haManagerStatus, haResource, haResources, haRules, haStatusCurrent} from './ha.js'
import {type Migrations, STORAGE_MAP_PARAMETER} from './migration.js'
import {createPool, deletePool, poolIds, type PoolUpdate, updatePool} from './pools.js'
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
  poolView,
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

/** What a caller may see of guests, nodes and storages, as the listing endpoints filter them. */
const mayAuditGuest = (call: Call, vmid: unknown) => hasPrivilege(principalOf(call), `/vms/${vmid}`, 'VM.Audit')
const mayAuditNode = (call: Call, node: unknown) => hasPrivilege(principalOf(call), `/nodes/${node}`, 'Sys.Audit')
/** Storage listings (/storage, /nodes/{node}/storage) show what the caller may audit or allocate space on. */
const maySeeStorage = (call: Call, storage: unknown) => hasAnyPrivilege(principalOf(call), `/storage/${storage}`, ['Datastore.Audit', 'Datastore.AllocateSpace'])

/** pve-manager's check_task_user: a user sees its own and its tokens' tasks, a token only its own. */
function ownsTask(principal: Principal, taskUser: string): boolean {
  return taskUser === principal.id || (!principal.token && tokenOwnerOf(taskUser) === principal.id)
}

function tokenOwnerOf(authid: string): string | undefined {
  const bang = authid.indexOf('!')
  return bang < 0 ? undefined : authid.slice(0, bang)
}

/** The task a call names; others' tasks need `privilege` on their node (PVE's rule). */
function taskOf(call: Call, privilege: string): Task {
  const task = call.services.tasks.get(String(call.params.node), String(call.params.upid))
  if (!ownsTask(principalOf(call), task.user)) checkPrivileges(principalOf(call), `/nodes/${task.node}`, [privilege])
  return task
}

function nodeOf(call: Call) {
  return call.services.cluster.node(String(call.params.node))!
}

function poolUpdate(p: Params): PoolUpdate {
  return {
    ...(typeof p.comment === 'string' ? {comment: p.comment} : {}),
    ...(typeof p.vms === 'string' ? {vms: p.vms} : {}),
    ...(typeof p.storage === 'string' ? {storage: p.storage} : {}),
    delete: p.delete === true,
    allowMove: p['allow-move'] === true,
  }
}

const guestRoutes = (type: Guest['type']): RouteSpec[] => [
  {
    method: 'GET',
    path: `/nodes/{node}/${type}`,
    handle: (call) => guestList(call.view, String(call.params.node), type).filter((g) => mayAuditGuest(call, g.vmid)),
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
      if (type === 'qemu' && p.force === true && principalOf(call).id !== 'root@pam') throw parameterError({force: 'Only root may use this option.'})
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
      // PVE::API2::AccessControl `permissions`: one's own, one's tokens', or anyone's with Sys.Audit on /access.
      const principal = principalOf(call)
      const userid = (call.params.userid as string | undefined) ?? principal.id
      if (userid !== principal.id && tokenOwnerOf(userid) !== principal.id) checkPrivileges(principal, '/access', ['Sys.Audit'])
      const path = call.params.path as string | undefined
      return path ? {[path]: principal.access.permissions(userid, path)} : principal.access.effectivePermissions(userid)
    },
  },
  {
    method: 'GET',
    path: '/cluster/resources',
    handle: (call) => {
      const principal = principalOf(call)
      return clusterResources(call.view, call.params.type as string | undefined).flatMap((r) => visibleResource(principal, r))
    },
    cacheKey: (call) => `resources ${principalOf(call).id} ${call.params.type ?? ''}`,
  },
  {method: 'GET', path: '/cluster/status', handle: (call) => clusterStatus(call.view)},
  {method: 'GET', path: '/cluster/options', handle: (call) => clusterOptions(call.view, hasPrivilege(principalOf(call), '/', 'Sys.Audit'))},
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
      // As pve-manager compares them: the task's user (its token split off) against the caller's id.
      return hasPrivilege(principal, '/', 'Sys.Audit') ? tasks : tasks.filter((t) => t.user === principal.id)
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
      const {cluster} = call.services
      const poolid = call.params.poolid as string | undefined
      // With a poolid, pve-manager asks for Pool.Audit but ignores the answer: anyone sees the pool.
      if (poolid) return [{poolid, ...poolView(call.view, poolid, call.params.type as string | undefined)}]
      const principal = principalOf(call)
      return poolIds(cluster)
        .filter((id) => hasPrivilege(principal, `/pool/${id}`, 'Pool.Audit'))
        .map((id) => {
          const comment = cluster.pools.get(id)!.comment
          return {poolid: id, ...(comment !== undefined ? {comment} : {})}
        })
    },
  },
  {method: 'GET', path: '/pools/{poolid}', handle: (call) => poolView(call.view, String(call.params.poolid), call.params.type as string | undefined)},
  {method: 'POST', path: '/pools', handle: (call) => createPool(call.services.cluster, String(call.params.poolid), call.params.comment as string | undefined)},
  ...(['/pools', '/pools/{poolid}'] as const).flatMap((path): RouteSpec[] => [
    {method: 'PUT', path, handle: (call) => updatePool(call.services.cluster, String(call.params.poolid), poolUpdate(call.params))},
    {
      method: 'DELETE',
      path,
      handle: (call) => {
        const poolid = String(call.params.poolid)
        const done = deletePool(call.services.cluster, poolid)
        // PVE deletes a pool's own ACL entries with the pool (delete_pool_acl).
        call.services.auth.access.forgetPool(poolid)
        return done
      },
    },
  ]),
  {method: 'GET', path: '/storage', handle: (call) => storageIndex(call.view, call.params.type as string | undefined).filter((s) => maySeeStorage(call, s.storage))},
  {method: 'GET', path: '/nodes', handle: (call) => nodesList(call.view, call.services.fingerprint).map((n) => (mayAuditNode(call, n.node) ? n : withoutStats(n)))},
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
      const p = call.params
      return nodeStorages(call.view, String(p.node), {
        content: p.content as string | undefined,
        storage: p.storage as string | undefined,
        enabled: p.enabled as boolean | undefined,
        target: p.target as string | undefined,
      }).filter((s) => maySeeStorage(call, s.storage))
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
      const auditor = hasPrivilege(principal, `/nodes/${p.node}`, 'Sys.Audit')
      const {tasks, total} = call.services.tasks.list(String(p.node), {
        start: p.start as number | undefined,
        limit: p.limit as number | undefined,
        since: p.since as number | undefined,
        until: p.until as number | undefined,
        typefilter: p.typefilter as string | undefined,
        userfilter: p.userfilter as string | undefined,
        ...(auditor ? {} : {visible: (user: string) => ownsTask(principal, user)}),
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

/**
 * The permission an operation declares, checked as RPCEnvironment::check_api2_permissions
 * does: root@pam passes, `user: all` lets every caller in (the handler filters what it
 * shows), else the `check`: `['perm', PATH, PRIVILEGES, any => 1]` on the path with the
 * request's parameters filled in, `['and' | 'or', CHECK...]` of such checks.
 */
export function checkOperationPermission(op: PveOperation, principal: Principal, params: Params): void {
  if (principal.id === 'root@pam' || op.permissions.user === 'all') return
  const check = op.permissions.check
  if (!Array.isArray(check)) throw new ApiError(403, 'Permission check failed')
  permissionCheck(check, principal, params, false)
}

function permissionCheck(check: unknown[], principal: Principal, params: Params, noerr: boolean): boolean {
  const [test, ...rest] = check
  if (test === 'and') return rest.every((sub) => permissionCheck(sub as unknown[], principal, params, noerr))
  if (test === 'or') {
    if (rest.some((sub) => permissionCheck(sub as unknown[], principal, params, true))) return true
    if (noerr) return false
    throw new ApiError(403, 'Permission check failed')
  }
  if (test !== 'perm') throw new Error(`permission test ${String(test)} is not emulated`)
  const [template, privileges, ...options] = rest as [string, string[], ...unknown[]]
  const option = (name: string) => options[options.indexOf(name) + 1]
  const required = options.includes('require_param') ? String(option('require_param')) : undefined
  if (required && params[required] === undefined) {
    if (noerr) return false
    throw new ApiError(403, 'Permission check failed')
  }
  const path = normalizePath(template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))) ?? template
  const any = options.includes('any') && Boolean(option('any'))
  if (noerr) return any ? hasAnyPrivilege(principal, path, privileges) : privileges.every((p) => hasPrivilege(principal, path, p))
  checkPrivileges(principal, path, privileges, any)
  return true
}

/**
 * A `/cluster/resources` entry as pve-manager shows it to this caller, or nothing: guests
 * with VM.Audit (their pool only with Pool.Audit on it), pools with Pool.Audit, storages
 * with Datastore.Audit, SDN zones with SDN.Audit, and every node, its usage only with
 * Sys.Audit on it.
 */
function visibleResource(principal: Principal, r: Record<string, unknown>): Record<string, unknown>[] {
  switch (r.type) {
    case 'qemu':
    case 'lxc': {
      if (!hasPrivilege(principal, `/vms/${r.vmid}`, 'VM.Audit')) return []
      if (r.pool === undefined || hasPrivilege(principal, `/pool/${r.pool}`, 'Pool.Audit')) return [r]
      const {pool: _hidden, ...rest} = r
      return [rest]
    }
    case 'pool':
      return hasPrivilege(principal, `/pool/${r.pool}`, 'Pool.Audit') ? [r] : []
    case 'node':
      return [hasPrivilege(principal, `/nodes/${r.node}`, 'Sys.Audit') ? r : withoutStats(r)]
    case 'storage':
      return hasPrivilege(principal, `/storage/${r.storage}`, 'Datastore.Audit') ? [r] : []
    case 'sdn':
      return hasPrivilege(principal, `/sdn/zones/${r.sdn}`, 'SDN.Audit') ? [r] : []
    default:
      return [r]
  }
}

/** A node entry without usage figures (API2Tools::extract_node_stats with exclude_stats), for callers without Sys.Audit on it. */
function withoutStats<T extends Record<string, unknown>>(node: T): T {
  const {cpu: _cpu, maxcpu: _maxcpu, mem: _mem, maxmem: _maxmem, disk: _disk, maxdisk: _maxdisk, uptime: _uptime, ...rest} = node
  return rest as T
}
