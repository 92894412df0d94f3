/**
 * Proxmox VE's privilege model, as pve-access-control computes it: privileges grouped
 * into roles, roles granted to users, API tokens and groups on ACL paths (`/`, `/vms/100`,
 * `/nodes/pve1`, `/storage/local`, `/pool/prod`, `/access` ...), inherited down the path
 * when the grant propagates, and the result a map of privilege -> propagate flag.
 *
 * Followed to the letter (src/PVE/AccessControl.pm `roles`, src/PVE/RPCEnvironment.pm
 * `compile_acl_path`, `permissions`, `get_effective_permissions`,
 * `compute_api_permission`):
 * - along the path, each ACL node that grants the user something replaces what came
 *   before; above the final node only propagating grants count; a token's own entries come
 *   first, then the user's, then the user's groups'; NoAccess wins over every other role;
 * - a guest or storage in a pool also gets the roles granted on `/pool/{poolid}`, without
 *   propagation, unless NoAccess is set on it directly (a pool's NoAccess trumps the rest);
 * - a token with privilege separation holds the intersection of its own privileges and its
 *   user's, path by path; one without holds exactly its user's;
 * - root@pam holds every privilege everywhere, whatever its ACLs say.
 *
 * The built-in roles are derived from the privilege groups as `create_roles` derives them,
 * so their lists are PVE's own. Pure: no I/O; pool membership is asked for when needed.
 */

/**
 * PVE's privileges by category and level (AccessControl.pm `$privgroups`): `root` only
 * root@pam and Administrator have, `admin` an administrator's, `user` a customer's,
 * `audit` reading.
 */
const PRIVILEGE_GROUPS: Record<string, {root: string[]; admin: string[]; user: string[]; audit: string[]}> = {
  VM: {
    root: [],
    admin: [
      'VM.Config.Disk', 'VM.Config.CPU', 'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.HWType', 'VM.Config.Options',
      'VM.Allocate', 'VM.Clone', 'VM.GuestAgent.Unrestricted', 'VM.Migrate', 'VM.Replicate', 'VM.Snapshot', 'VM.Snapshot.Rollback',
    ],
    user: ['VM.Config.CDROM', 'VM.Config.Cloudinit', 'VM.Console', 'VM.Backup', 'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt', 'VM.GuestAgent.FileWrite', 'VM.PowerMgmt'],
    audit: ['VM.Audit', 'VM.GuestAgent.Audit'],
  },
  Sys: {root: ['Sys.PowerMgmt', 'Sys.Modify', 'Sys.Incoming', 'Sys.AccessNetwork'], admin: ['Sys.Console', 'Sys.Syslog'], user: [], audit: ['Sys.Audit']},
  Datastore: {root: [], admin: ['Datastore.Allocate', 'Datastore.AllocateTemplate'], user: ['Datastore.AllocateSpace'], audit: ['Datastore.Audit']},
  SDN: {root: [], admin: ['SDN.Allocate', 'SDN.Audit'], user: ['SDN.Use'], audit: ['SDN.Audit']},
  User: {root: ['Realm.Allocate'], admin: ['User.Modify', 'Group.Allocate', 'Realm.AllocateUser'], user: [], audit: []},
  Pool: {root: [], admin: ['Pool.Allocate'], user: ['Pool.Audit'], audit: ['Pool.Audit']},
  Mapping: {root: [], admin: ['Mapping.Modify'], user: ['Mapping.Use'], audit: ['Mapping.Audit']},
}

/** Every privilege PVE 9 knows, sorted. */
export const PRIVILEGES: readonly string[] = [
  ...new Set(['Permissions.Modify', ...Object.values(PRIVILEGE_GROUPS).flatMap((g) => [...g.root, ...g.admin, ...g.user, ...g.audit])]),
].sort()

/** The built-in roles (`pveum role list` marks them special), with their privileges, as `create_roles` makes them. */
export const BUILTIN_ROLES: Readonly<Record<string, readonly string[]>> = (() => {
  const roles: Record<string, Set<string>> = {NoAccess: new Set(), Administrator: new Set(PRIVILEGES), PVEAdmin: new Set(), PVEAuditor: new Set()}
  const add = (role: string, privileges: string[]) => privileges.forEach((p) => (roles[role] ??= new Set()).add(p))
  for (const [category, g] of Object.entries(PRIVILEGE_GROUPS)) {
    add(`PVE${category}Admin`, [...g.admin, ...g.user, ...g.audit])
    add('PVEAdmin', [...g.admin, ...g.user, ...g.audit])
    if (g.user.length > 0) add(`PVE${category}User`, [...g.user, ...g.audit])
    add('PVEAuditor', g.audit)
  }
  // Only Administrator, root@pam and PVEMappingAdmin may change mappings for now.
  roles.PVEAdmin.delete('Mapping.Modify')
  roles.PVETemplateUser = new Set(['VM.Clone', 'VM.Audit'])
  return Object.fromEntries(Object.entries(roles).map(([name, set]) => [name, [...set].sort()]))
})()

/** Privilege -> propagate flag (1: inherited further down the path), as `/access/permissions` shows it. */
export type PrivilegeMap = Record<string, 0 | 1>

/** root@pam's privileges on every path (made once: every request of root asks). */
const ROOT_PRIVILEGES: Readonly<PrivilegeMap> = Object.freeze(Object.fromEntries(PRIVILEGES.map((p) => [p, 1 as const])))

/** One ACL entry, as `pveum acl modify PATH --roles R --users U --propagate 1` makes it. */
export interface AclEntry {
  path: string
  /** `user@realm`, `user@realm!token`, or `@group`. */
  ugid: string
  roles: readonly string[]
  propagate: boolean
}

export interface AccessConfig {
  /** Roles beside the built-in ones, by name. */
  roles?: Readonly<Record<string, readonly string[]>>
  /** Group -> its members (user ids). */
  groups?: Readonly<Record<string, readonly string[]>>
  acl?: readonly AclEntry[]
  /** Existing API tokens and whether each has privilege separation. Tokens not listed hold nothing. */
  tokens?: readonly {tokenid: string; privsep: boolean}[]
}

/** Pool id -> its members, asked for at every permission check (pools change at run time). */
export type PoolMembers = () => Iterable<[string, {vms: Iterable<number>; storage: Iterable<string>}]>

interface AclNode {
  users: Map<string, Map<string, 0 | 1>>
  tokens: Map<string, Map<string, 0 | 1>>
  groups: Map<string, Map<string, 0 | 1>>
  children: Map<string, AclNode>
}

/** `/access/permissions` always looks at these paths (RPCEnvironment::get_effective_permissions). */
const EFFECTIVE_PATHS = ['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms']
/** Ticket capabilities look at these, then at every ACL path (RPCEnvironment::compute_api_permission). */
const CAPABILITY_PATHS = ['/', '/nodes', '/access/groups', '/vms', '/storage', '/sdn', '/mapping']
const CAPABILITY_AREAS: Record<string, RegExp> = {
  vms: /^(VM\.|Permissions\.Modify)/,
  access: /^((User|Group)\.|Permissions\.Modify)/,
  storage: /^(Datastore\.|Permissions\.Modify)/,
  nodes: /^(Sys\.|Permissions\.Modify)/,
  sdn: /^(SDN\.|Permissions\.Modify)/,
  dc: /^(Sys\.Audit|Sys\.Modify|SDN\.)/,
  mapping: /^(Mapping\.|Permissions.Modify)/,
}

/** AccessControl.pm `check_path`: the paths an ACL may name. */
const ACL_PATH = new RegExp(
  '^(/|/access|/access/groups|/access/groups/[\\w.-]+|/access/realm|/access/realm/[\\w.-]+|/nodes|/nodes/[\\w.-]+|/pool|/pool/[A-Za-z0-9.\\-_]+(?:/[A-Za-z0-9.\\-_]+){0,2}' +
    '|/sdn|/sdn/(?:controllers|dns|fabrics|ipams|prefix-lists|route-maps)(?:/[\\w-]+)?|/sdn/zones|/sdn/zones/[\\w.-]+(?:/[\\w.-]+(?:/[1-9][0-9]{0,3})?)?' +
    '|/storage|/storage/[\\w.-]+|/vms|/vms/[1-9][0-9]{2,}|/mapping|/mapping/[\\w.-]+(?:/[\\w.-]+)?)$',
)

/** AccessControl.pm `normalize_path`: `//vms/100/` -> `/vms/100`; undefined when it holds characters a path cannot. */
export function normalizePath(path: string): string | undefined {
  if (!path) return undefined
  let p = path.replace(/\/+/g, '/').replace(/\/$/, '') || '/'
  if (!p.startsWith('/')) p = `/${p}`
  return /^[A-Za-z0-9.\-_/]+$/.test(p) ? p : undefined
}

export function isAclPath(path: string): boolean {
  return ACL_PATH.test(path)
}

// PVE wants a token name of two characters at least; one is taken here, as the emulator always did.
const TOKEN_ID = /^([^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+)!([A-Za-z][A-Za-z0-9.\-_]*)$/
const USER_ID = /^[^\s:/]+@[A-Za-z][A-Za-z0-9.\-_]+$/

/** `user@realm` of `user@realm!token`, or undefined for a user id. */
export function tokenOwner(authid: string): string | undefined {
  return TOKEN_ID.exec(authid)?.[1]
}

/**
 * The problems of a configuration (unknown roles and privileges, bad paths), one sentence
 * each; AccessControl refuses a configuration with any.
 */
export function accessProblems(config: AccessConfig): string[] {
  const problems: string[] = []
  const known = new Set(PRIVILEGES)
  for (const [name, privileges] of Object.entries(config.roles ?? {})) {
    if (BUILTIN_ROLES[name]) problems.push(`role ${name} is built in and cannot be redefined`)
    if (!/^[A-Za-z0-9.\-_]+$/.test(name)) problems.push(`role name ${JSON.stringify(name)} contains invalid characters`)
    for (const p of privileges) if (!known.has(p)) problems.push(`role ${name}: invalid privilege '${p}'`)
  }
  const roleNames = new Set([...Object.keys(BUILTIN_ROLES), ...Object.keys(config.roles ?? {})])
  for (const entry of config.acl ?? []) {
    const path = normalizePath(entry.path)
    if (!path || !isAclPath(path)) problems.push(`invalid ACL path '${entry.path}'`)
    for (const role of entry.roles) if (!roleNames.has(role)) problems.push(`role '${role}' does not exist`)
    if (entry.ugid.startsWith('@') ? !config.groups?.[entry.ugid.slice(1)] : !USER_ID.test(entry.ugid) && !TOKEN_ID.test(entry.ugid)) {
      problems.push(`${entry.ugid.startsWith('@') ? 'group' : 'user or token'} '${entry.ugid.replace(/^@/, '')}' does not exist`)
    }
  }
  return problems
}

/** The ACLs, roles, groups and tokens of a cluster, and PVE's answers to "what may X do on P". */
export class AccessControl {
  private readonly root: AclNode = emptyNode()
  private readonly roles: ReadonlyMap<string, readonly string[]>
  private readonly groupsOf: ReadonlyMap<string, ReadonlySet<string>>
  private readonly privsep: ReadonlyMap<string, boolean>

  constructor(config: AccessConfig, private readonly pools: PoolMembers = () => []) {
    const problems = accessProblems(config)
    if (problems.length) throw new Error(`access configuration: ${problems.join('; ')}`)
    this.roles = new Map([...Object.entries(BUILTIN_ROLES), ...Object.entries(config.roles ?? {})])
    const groups = new Map<string, Set<string>>()
    for (const [group, members] of Object.entries(config.groups ?? {})) for (const user of members) (groups.get(user) ?? groups.set(user, new Set()).get(user)!).add(group)
    this.groupsOf = groups
    this.privsep = new Map((config.tokens ?? []).map((t) => [t.tokenid, t.privsep]))
    for (const entry of config.acl ?? []) this.grant(entry)
  }

  /** Whether the token has privilege separation; undefined when there is no such token (it then holds nothing, as on PVE). */
  privsepOf(tokenid: string): boolean | undefined {
    return this.privsep.get(tokenid)
  }

  /**
   * A fresh view for one request: PVE compiles ACLs once per request and caches them by
   * user and path, so a listing of 10,000 guests walks each path once.
   */
  session(): AccessSession {
    return new AccessSession(this)
  }

  /** Deletes the ACLs below `/pool/{poolid}`, as PVE does when the pool is deleted (AccessControl::delete_pool_acl). */
  forgetPool(poolid: string): void {
    this.root.children.get('pool')?.children.delete(poolid)
  }

  /** AccessControl.pm `roles`: role -> propagate of `ugid` on `path`, pools not considered. */
  rolesOn(authid: string, path: string): Map<string, 0 | 1> {
    if (authid === 'root@pam') return new Map([['Administrator', 1]])
    const owner = tokenOwner(authid)
    if (owner !== undefined) {
      if (!this.privsep.has(authid)) return new Map()
      if (!this.privsep.get(authid)) return this.rolesOn(owner, path)
    }
    let roles = new Map<string, 0 | 1>()
    const parts = path === '/' ? [''] : path.split('/')
    let node: AclNode | undefined = this.root
    for (let i = 0; i < parts.length; i++) {
      const final = i === parts.length - 1
      if (parts[i] !== '') node = node?.children.get(parts[i])
      if (!node) break
      const own = applicable(node.tokens.get(authid), final) ?? applicable(node.users.get(authid), final)
      if (own) {
        roles = own
        continue
      }
      let fromGroups: Map<string, 0 | 1> | undefined
      for (const group of this.groupsOf.get(authid) ?? []) {
        const granted = applicable(node.groups.get(group), final)
        if (granted) for (const [role, propagate] of granted) (fromGroups ??= new Map()).set(role, propagate)
      }
      if (fromGroups) roles = fromGroups
    }
    return roles.has('NoAccess') ? new Map([['NoAccess', roles.get('NoAccess')!]]) : roles
  }

  /** Every path the ACL tree holds (intermediate nodes included), as iterate_acl_tree visits them. */
  aclPaths(): string[] {
    const out: string[] = []
    const visit = (path: string, node: AclNode) => {
      out.push(path)
      for (const name of [...node.children.keys()].sort()) visit(`${path === '/' ? '' : path}/${name}`, node.children.get(name)!)
    }
    visit('/', this.root)
    return out
  }

  /** The paths pool membership gives a meaning to (`/vms/{vmid}`, `/storage/{id}` of members), by pool. */
  poolMembers(): [string, string[]][] {
    return [...this.pools()].map(([pool, members]) => [pool, [...[...members.vms].map((vmid) => `/vms/${vmid}`), ...[...members.storage].map((id) => `/storage/${id}`)]])
  }

  privilegesOfRole(role: string): readonly string[] {
    return this.roles.get(role) ?? []
  }

  private grant(entry: AclEntry): void {
    let node = this.root
    for (const part of normalizePath(entry.path)!.split('/').filter(Boolean)) node = node.children.get(part) ?? node.children.set(part, emptyNode()).get(part)!
    const kind = entry.ugid.startsWith('@') ? node.groups : TOKEN_ID.test(entry.ugid) ? node.tokens : node.users
    const id = entry.ugid.replace(/^@/, '')
    const roles = kind.get(id) ?? kind.set(id, new Map()).get(id)!
    for (const role of entry.roles) roles.set(role, entry.propagate ? 1 : 0)
  }
}

/** One request's view of the ACLs: PVE's permission checks, with the request's cache. */
export class AccessSession {
  private readonly privileges = new Map<string, Map<string, PrivilegeMap>>()
  private readonly poolRoles = new Map<string, Map<string, Set<string>>>()

  constructor(private readonly access: AccessControl) {}

  /** RPCEnvironment::permissions: privilege -> propagate of `authid` on `path`. */
  permissions(authid: string, path: string): PrivilegeMap {
    if (authid === 'root@pam') return ROOT_PRIVILEGES
    const owner = tokenOwner(authid)
    if (owner !== undefined) {
      const privsep = this.access.privsepOf(authid)
      if (privsep === undefined) return {}
      const ofOwner = this.permissions(owner, path)
      if (!privsep) return ofOwner
    } else if (!USER_ID.test(authid)) {
      return {}
    }
    const cached = this.privileges.get(authid)?.get(path)
    if (cached) return cached
    const compiled = this.compile(authid, path, owner)
    ;(this.privileges.get(authid) ?? this.privileges.set(authid, new Map()).get(authid)!).set(path, compiled)
    return compiled
  }

  /** Whether `authid` holds every one of `privileges` on `path` (or any one of them, with `any`). */
  allows(authid: string, path: string, privileges: readonly string[], any = false): boolean {
    const held = this.permissions(authid, path)
    return any ? privileges.some((p) => p in held) : privileges.every((p) => p in held)
  }

  /** RPCEnvironment::get_effective_permissions: path -> privileges, every path worth showing, none empty. */
  effectivePermissions(authid: string): Record<string, PrivilegeMap> {
    const paths = new Set([...EFFECTIVE_PATHS, ...this.access.aclPaths(), ...this.access.poolMembers().flatMap(([, members]) => members)])
    const out: Record<string, PrivilegeMap> = {}
    for (const path of [...paths].sort()) {
      const privileges = this.permissions(authid, path)
      if (Object.keys(privileges).length > 0) out[path] = privileges
    }
    return out
  }

  /** RPCEnvironment::compute_api_permission: the `cap` of a ticket answer, privileges by GUI area. */
  capabilities(authid: string): Record<string, Record<string, 1>> {
    const cap: Record<string, Record<string, 1>> = Object.fromEntries(Object.keys(CAPABILITY_AREAS).map((area) => [area, {}]))
    for (const path of new Set([...CAPABILITY_PATHS, ...this.access.aclPaths()])) {
      const privileges = Object.keys(this.permissions(authid, path))
      const top = /^\/(\w+)/.exec(path)?.[1] ?? 'dc'
      if (top === 'pool') {
        for (const p of privileges) {
          if (p.startsWith('VM.')) cap.vms[p] = 1
          else if (p.startsWith('Datastore.')) cap.storage[p] = 1
          else if (p === 'Permissions.Modify') cap.storage[p] = cap.vms[p] = 1
        }
        continue
      }
      const area = CAPABILITY_AREAS[top]
      if (area) for (const p of privileges) if (area.test(p)) cap[top][p] = 1
    }
    return cap
  }

  /** RPCEnvironment's compile_acl_path. */
  private compile(authid: string, path: string, owner: string | undefined): PrivilegeMap {
    let roles = this.access.rolesOn(authid, path)
    const fromPools = this.rolesFromPools(authid).get(path)
    // NoAccess set directly is not trumped by pool ACLs; a pool's NoAccess trumps the rest.
    if (fromPools && !roles.has('NoAccess')) {
      if (fromPools.has('NoAccess')) roles = new Map([['NoAccess', 0]])
      else for (const role of fromPools) if (!roles.has(role)) roles.set(role, 0)
    }
    let privileges: PrivilegeMap = {}
    for (const [role, propagate] of roles) {
      for (const p of this.access.privilegesOfRole(role)) privileges[p] = privileges[p] === 1 || propagate === 1 ? 1 : 0
    }
    if (owner !== undefined && owner !== 'root@pam') {
      const ofOwner = this.permissions(owner, path)
      privileges = Object.fromEntries(Object.entries(privileges).filter(([p]) => p in ofOwner).map(([p, propagate]) => [p, ofOwner[p] === 1 && propagate === 1 ? 1 : 0]))
    }
    return privileges
  }

  /** `/vms/{vmid}` and `/storage/{id}` -> the roles granted on their pools, for `authid`. */
  private rolesFromPools(authid: string): Map<string, Set<string>> {
    let byPath = this.poolRoles.get(authid)
    if (byPath) return byPath
    byPath = new Map()
    for (const [pool, members] of this.access.poolMembers()) {
      const roles = this.access.rolesOn(authid, `/pool/${pool}`)
      if (roles.size === 0) continue
      for (const member of members) for (const role of roles.keys()) (byPath.get(member) ?? byPath.set(member, new Set()).get(member)!).add(role)
    }
    this.poolRoles.set(authid, byPath)
    return byPath
  }
}

/** The roles of one ACL entry list that apply at this node: all at the final one, the propagating ones above it. */
function applicable(entry: Map<string, 0 | 1> | undefined, final: boolean): Map<string, 0 | 1> | undefined {
  if (!entry) return undefined
  let out: Map<string, 0 | 1> | undefined
  for (const [role, propagate] of entry) if (final || propagate) (out ??= new Map()).set(role, propagate)
  return out
}

function emptyNode(): AclNode {
  return {users: new Map(), tokens: new Map(), groups: new Map(), children: new Map()}
}
