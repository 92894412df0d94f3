/**
 * What proxlb needs of Proxmox VE's privileges, in one place: every call it makes with the
 * privilege PVE checks for it (the README's table), the two roles that grant exactly that
 * (the README's `pveum` commands), and the checks of a caller's effective privileges, read
 * once from `GET /access/permissions`, before a snapshot or a run. The least-privilege
 * test runs these roles against the emulator.
 *
 * The privilege map PVE answers lists the paths it knows of (the top-level ones, every
 * path an ACL names, every pool member's) where the caller holds anything; a path it does
 * not list holds what the listed paths above it pass down (privileges with propagate 1).
 * What the map cannot show (a NoAccess entry on a path it then leaves out, a token's
 * entries below its user's unpropagated ones) the server's 403 still says.
 *
 * Pure: the effectful reading of the map is ./access-check.ts.
 */

/** The resource pool proxlb creates as its cluster-wide lock while a run moves guests. */
export const LOCK_POOL = 'proxlb-lock'

/** Path -> privilege -> propagate (0/1), as `GET /access/permissions` answers. */
export type PermissionMap = Readonly<Record<string, Readonly<Record<string, number>>>>

/** One call proxlb makes and what Proxmox checks for it. */
export interface EndpointPrivilege {
  call: string
  /** `—` when any logged-in caller may. */
  privilege: string
  path: string
  /** Who makes the call, and what happens without the privilege. */
  note: string
  /** Where PVE checks it. */
  source: string
}

export const ENDPOINT_PRIVILEGES: readonly EndpointPrivilege[] = [
  {call: 'GET /access/permissions', privilege: '—', path: '', note: 'the privilege check before everything else', source: 'pve-access-control API2/AccessControl.pm'},
  {call: 'GET /version', privilege: '—', path: '', note: 'snapshot', source: 'pve-manager API2.pm'},
  {call: 'GET /cluster/resources', privilege: 'VM.Audit', path: '/vms/{vmid}', note: 'guests without it are left out (a pool ACL counts)', source: 'pve-manager API2/Cluster.pm'},
  {call: 'GET /cluster/resources', privilege: 'Sys.Audit', path: '/nodes/{node}', note: 'nodes without it are listed without usage', source: 'pve-manager API2/Cluster.pm'},
  {call: 'GET /cluster/resources', privilege: 'Datastore.Audit', path: '/storage/{storage}', note: 'storages without it are left out: local and shared disks cannot be told apart', source: 'pve-manager API2/Cluster.pm'},
  {call: 'GET /cluster/resources', privilege: 'Pool.Audit', path: '/pool/{pool}', note: "without it guests lose their pool (policy selectors by pool match nothing)", source: 'pve-manager API2/Cluster.pm'},
  {call: 'GET /cluster/status', privilege: 'Sys.Audit', path: '/', note: 'snapshot; apply before each migration (quorum, target online)', source: 'pve-manager API2/Cluster.pm'},
  {call: 'GET /nodes/{node}/storage/{storage}/status', privilege: 'Datastore.Audit', path: '/storage/{storage}', note: 'apply, drain, balance before each migration that copies local disks: room on the target storage now (Datastore.AllocateSpace does as well; without either that check is left out)', source: 'pve-storage API2/Storage/Status.pm'},
  {call: 'GET /cluster/options', privilege: 'Sys.Audit', path: '/', note: 'without it the CRS settings are not shown', source: 'pve-manager API2/Cluster.pm'},
  {call: 'GET /cluster/ha/resources, /cluster/ha/rules (/cluster/ha/groups before PVE 9), /cluster/ha/status/manager_status', privilege: 'Sys.Audit', path: '/', note: 'snapshot: HA-managed guests, HA rules, maintenance mode', source: 'pve-ha-manager API2/HA/*.pm'},
  {call: 'GET /nodes/{node}/status, /nodes/{node}/rrddata', privilege: 'Sys.Audit', path: '/nodes/{node}', note: 'snapshot (RRD data with --cpu-window)', source: 'pve-manager API2/Nodes.pm'},
  {call: 'GET /nodes/{node}/{qemu,lxc}/{vmid}/config, …/rrddata', privilege: 'VM.Audit', path: '/vms/{vmid}', note: 'snapshot: disks and devices (RRD data with --cpu-window)', source: 'qemu-server API2/Qemu.pm, pve-container API2/LXC.pm'},
  {call: 'POST /nodes/{node}/{qemu,lxc}/{vmid}/migrate', privilege: 'VM.Migrate', path: '/vms/{vmid}', note: 'apply, drain, balance; HA-managed guests too (Proxmox then asks the HA manager as root)', source: 'qemu-server API2/Qemu.pm, pve-container API2/LXC.pm'},
  {call: 'GET /nodes/{node}/tasks, …/tasks/{upid}/status, …/log', privilege: 'Sys.Audit', path: '/nodes/{node}', note: "only for others' tasks: the migration the HA manager runs (as root@pam) for an HA-managed guest", source: 'pve-manager API2/Tasks.pm'},
  {call: 'GET /cluster/tasks', privilege: 'Sys.Audit', path: '/nodes/{node}', note: "only for others' tasks: a migration someone else runs (apply), migrations within the window (--cpu-window, balance.window); without it, a guest migrated within the window counts on the node it left", source: 'pve-manager API2/Cluster.pm'},
  {call: 'DELETE /nodes/{node}/tasks/{upid}', privilege: 'Sys.Modify', path: '/nodes/{node}', note: "only for others' tasks: stopping an HA-managed guest's migration past --migration-timeout (not granted below: proxlb then reports the move unknown and stops waiting)", source: 'pve-manager API2/Tasks.pm'},
  {call: 'POST, PUT, DELETE /pools', privilege: 'Pool.Allocate', path: `/pool/${LOCK_POOL}`, note: 'apply, drain, balance: the cluster-wide lock (granted on /: Proxmox deletes a pool\'s own ACL entries with the pool)', source: 'pve-manager API2/Pool.pm'},
  {call: 'GET /pools', privilege: 'Pool.Audit', path: '/pool/{pool}', note: 'apply, drain, balance: who holds the lock', source: 'pve-manager API2/Pool.pm'},
]

/** The roles proxlb needs, smallest first: each holds exactly these privileges, granted on `/`. */
export const PROXLB_ROLES = {
  /** snapshot, plan, simulate and the web page's views of a live cluster. */
  reader: {name: 'ProxlbReader', privileges: ['Datastore.Audit', 'Pool.Audit', 'Sys.Audit', 'VM.Audit']},
  /** apply, drain, balance: the reader's privileges, migrations and the cluster-wide lock. */
  operator: {name: 'ProxlbOperator', privileges: ['Datastore.Audit', 'Pool.Allocate', 'Pool.Audit', 'Sys.Audit', 'VM.Audit', 'VM.Migrate']},
} as const

/** The user and tokens the README's guide creates. */
export const PROXLB_USER = 'proxlb@pve'
export const PROXLB_TOKENS = {reader: 'readonly', operator: 'balancer'} as const

/**
 * The `pveum` commands that set up least privilege on a cluster: both roles, a user
 * without password holding the operator role, and two tokens with privilege separation,
 * one for reading and one for moving guests.
 */
export function leastPrivilegeCommands(): string[] {
  const {reader, operator} = PROXLB_ROLES
  return [
    `pveum role add ${reader.name} --privs "${reader.privileges.join(',')}"`,
    `pveum role add ${operator.name} --privs "${operator.privileges.join(',')}"`,
    `pveum user add ${PROXLB_USER} --comment "proxlb"`,
    `pveum acl modify / --users ${PROXLB_USER} --roles ${operator.name}`,
    `pveum user token add ${PROXLB_USER} ${PROXLB_TOKENS.reader} --privsep 1`,
    `pveum acl modify / --tokens '${PROXLB_USER}!${PROXLB_TOKENS.reader}' --roles ${reader.name}`,
    `pveum user token add ${PROXLB_USER} ${PROXLB_TOKENS.operator} --privsep 1`,
    `pveum acl modify / --tokens '${PROXLB_USER}!${PROXLB_TOKENS.operator}' --roles ${operator.name}`,
  ]
}

/** A privilege missing on some paths. */
export interface Missing {
  privilege: string
  paths: string[]
  /** What goes wrong without it. */
  consequence: string
}

/** What a snapshot cannot do without (refused) and what it goes on without (warned). */
export interface ReadCheck {
  refused: Missing[]
  warnings: string[]
}

/** Paths PVE always answers for: one of them missing from the map means nothing is held there. */
const TOP_PATHS = new Set(['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms'])

/** Whether `privilege` holds on `path`: listed there, or passed down from the nearest listed path above. */
export function holds(map: PermissionMap, path: string, privilege: string): boolean {
  const entry = map[path]
  if (entry) return privilege in entry
  return !TOP_PATHS.has(path) && passedDown(map, parentPath(path), privilege)
}

/**
 * Whether `privilege` reaches the (unlisted) paths below `path`. A listed path passes down
 * what it holds with propagate 1; one holding only unpropagated privileges got them from
 * an entry of its own that does not propagate, so below it counts what came from above.
 */
function passedDown(map: PermissionMap, path: string, privilege: string): boolean {
  for (let p = path; ; p = parentPath(p)) {
    const entry = map[p]
    if (entry && Object.values(entry).some((propagate) => propagate === 1)) return entry[privilege] === 1
    if (!entry && TOP_PATHS.has(p)) return false
    if (p === '/') return false
  }
}

/**
 * How far `privilege` reaches below `area` (`/vms`, `/nodes`, `/storage`, `/pool`): to
 * everything (passed down from the area, and no listed path below takes it away), to some
 * of it (listed paths below, such as a pool's guests), or to nothing.
 */
export function coverage(map: PermissionMap, area: string, privilege: string): {scope: 'all' | 'some' | 'none'; lacking: string[]} {
  const below = Object.keys(map).filter((p) => p.startsWith(`${area}/`)).sort()
  const lacking = below.filter((p) => !(privilege in map[p]))
  const inherited = passedDown(map, area, privilege)
  if (inherited && lacking.length === 0) return {scope: 'all', lacking}
  return {scope: inherited || below.some((p) => privilege in map[p]) ? 'some' : 'none', lacking}
}

/** The checks before a snapshot, for `identity` (`root@pam`, `API token proxlb@pve!ro`). */
export function checkRead(map: PermissionMap, identity: string): ReadCheck {
  const refused: Missing[] = []
  const warnings: string[] = []
  if (!holds(map, '/', 'Sys.Audit')) refused.push({privilege: 'Sys.Audit', paths: ['/'], consequence: 'the cluster status and HA state cannot be read'})
  const nodes = coverage(map, '/nodes', 'Sys.Audit')
  if (nodes.scope !== 'all') refused.push({privilege: 'Sys.Audit', paths: nodes.scope === 'none' ? ['/nodes'] : nodes.lacking, consequence: 'nodes would show no memory or CPU use'})
  const guests = coverage(map, '/vms', 'VM.Audit')
  if (guests.scope === 'none') refused.push({privilege: 'VM.Audit', paths: ['/vms'], consequence: 'the snapshot would hold no guests'})
  else if (guests.scope === 'some') warnings.push(`${identity} has VM.Audit on some guests only (not on /vms): the others are left out of the snapshot, and plans cannot move them`)
  // Storage the caller cannot see is said by the collector, which knows which volumes it concerns.
  const pools = coverage(map, '/pool', 'Pool.Audit')
  if (pools.scope !== 'all') warnings.push(`${identity} lacks Pool.Audit on /pool${pools.scope === 'some' ? ' (it has it on some pools)' : ''}: guests in pools it cannot audit show no pool, and policy rules that select guests by pool do not match them`)
  return {refused, warnings}
}

/** What a run that migrates `vmids` and takes the cluster-wide lock lacks. */
export function missingForRun(map: PermissionMap, vmids: Iterable<number>): Missing[] {
  const missing: Missing[] = []
  const guests = [...new Set(vmids)].sort((a, b) => a - b).filter((vmid) => !holds(map, `/vms/${vmid}`, 'VM.Migrate')).map((vmid) => `/vms/${vmid}`)
  if (guests.length) missing.push({privilege: 'VM.Migrate', paths: guests, consequence: 'Proxmox refuses the migrations'})
  if (!holds(map, `/pool/${LOCK_POOL}`, 'Pool.Allocate')) missing.push({privilege: 'Pool.Allocate', paths: [`/pool/${LOCK_POOL}`], consequence: 'the cluster-wide lock cannot be taken'})
  return missing
}

/** `VM.Migrate on /vms/100, /vms/101, /vms/102 and 3 more; Pool.Allocate on /pool/proxlb-lock`, one privilege once. */
export function describeMissing(missing: readonly Missing[]): string {
  const byPrivilege = new Map<string, string[]>()
  for (const m of missing) byPrivilege.set(m.privilege, [...(byPrivilege.get(m.privilege) ?? []), ...m.paths])
  return [...byPrivilege].map(([privilege, paths]) => `${privilege} on ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''}`).join('; ')
}

/** How to grant the role that holds what is missing, for this identity (its ACL path is /). */
export function grantHint(identity: string, role: 'reader' | 'operator'): string {
  const token = /^API token (\S+)$/.exec(identity)?.[1]
  const who = token ? `--tokens '${token}'` : `--users ${identity}`
  return `to grant what proxlb needs: pveum acl modify / ${who} --roles ${PROXLB_ROLES[role].name} (README, "Least privilege")${token ? '; a token with privilege separation needs an ACL entry of its own' : ''}`
}

function parentPath(path: string): string {
  const cut = path.lastIndexOf('/')
  return cut <= 0 ? '/' : path.slice(0, cut)
}
