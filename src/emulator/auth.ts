/**
 * Authentication and permissions as a PVE node checks them.
 *
 * Users log in at `POST /access/ticket` and get a ticket (`PVE:user@realm:HEXTIME::sig`)
 * and a CSRF prevention token; they send the ticket as the `PVEAuthCookie` cookie and the
 * token as the `CSRFPreventionToken` header on every request that is not a GET. API tokens
 * are sent as `Authorization: PVEAPIToken=user@realm!id=secret` and need no CSRF token.
 * Tickets live `ticketLifetimeMs` (2 h, like PVE), can be renewed by posting the ticket as
 * the password, and can all be revoked at once (the expireTickets fault).
 *
 * What a caller may do is PVE's privilege model (./access.ts): roles on ACL paths for users,
 * tokens and groups. A user or token given without any grant holds every privilege, as
 * this emulator has always had them; `privileges: [...]` grants those privileges on `/`;
 * `acl` grants roles on paths. A missing privilege gives PVE's own 403 message. Secrets are
 * compared in constant time and never echoed.
 */
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import {type AccessConfig, AccessControl, type AccessSession, type AclEntry, type PoolMembers, type PrivilegeMap, tokenOwner} from './access.js'
import {authError, permissionError, ApiError} from './errors.js'

export {PRIVILEGES} from './access.js'

/** Roles on a path for one user or token: `{path: '/', roles: ['PVEAuditor']}` (propagating unless told otherwise). */
export interface Grant {
  path: string
  roles: string[]
  propagate?: boolean
}

export interface EmulatorUser {
  userid: string
  password: string
  /** These privileges on `/`, propagating (`'all'`: Administrator). */
  privileges?: 'all' | string[]
  acl?: Grant[]
}

export interface EmulatorToken {
  tokenid: string
  secret: string
  /** These privileges on `/`, propagating (`'all'`: Administrator). */
  privileges?: 'all' | string[]
  acl?: Grant[]
  /** Privilege separation: the token holds what both it and its user hold. Default: on when the token has grants of its own. */
  privsep?: boolean
}

/** Roles, groups and ACL entries beside the users' and tokens' own (a users file's `role:`, `group:`, `acl:` lines). */
export interface EmulatorAccess {
  roles?: Record<string, string[]>
  /** Group -> its members. */
  groups?: Record<string, string[]>
  acl?: AclEntry[]
}

/** Who is asking: a user by ticket, or an API token. */
export interface Principal {
  /** user@realm, or user@realm!tokenid for tokens (as PVE records it in task UPIDs). */
  id: string
  userid: string
  token: boolean
  /** Privilege -> propagate on an ACL path, as PVE computes it for this caller (cached for the request). */
  permissions(path: string): PrivilegeMap
  /** The request's view of the ACLs, for questions about other users (`/access/permissions?userid=`). */
  access: AccessSession
}

export const DEFAULT_USERS: EmulatorUser[] = [{userid: 'root@pam', password: 'proxlb'}]

const TICKET = /^PVE:([^:\s]+@[^:\s]+):([0-9A-F]{8})::(\S+)$/

export class Authenticator {
  private readonly secret = randomBytes(32)
  private readonly users: Map<string, EmulatorUser>
  /** Each token's secret as bytes, made once: tokens are checked on every request. */
  private readonly tokens: Map<string, Buffer>
  readonly access: AccessControl
  /** Ticket -> when it was issued (ms) and its sequence number, for expiry and revocation. */
  private readonly issued = new Map<string, {at: number; seq: number}>()
  private seq = 0
  private validFromSeq = 0

  constructor(users: EmulatorUser[], tokens: EmulatorToken[], private readonly lifetimeMs: number, access: EmulatorAccess = {}, pools?: PoolMembers) {
    this.users = new Map(users.map((u) => [u.userid, u]))
    this.tokens = new Map(tokens.map((t) => [t.tokenid, Buffer.from(t.secret)]))
    this.access = new AccessControl(accessConfigOf(users, tokens, access), pools)
  }

  /** `POST /access/ticket`: a password login, or the renewal of a valid ticket. */
  login(username: string, password: string, realm?: string): {username: string; ticket: string; CSRFPreventionToken: string} {
    const userid = username.includes('@') || !realm ? username : `${username}@${realm}`
    const user = this.users.get(userid)
    const renewing = password.startsWith('PVE:') && this.ticketUser(password) === userid
    if (!user || (!renewing && !sameSecret(password, user.password))) {
      throw new ApiError(401, 'authentication failure')
    }
    return {username: userid, ticket: this.issueTicket(userid), CSRFPreventionToken: this.csrfToken(userid)}
  }

  /** Capabilities as a ticket response lists them (`cap`): the user's privileges by GUI area. */
  capabilities(userid: string): Record<string, Record<string, number>> {
    return this.access.session().capabilities(userid)
  }

  /**
   * Who sent this request. `needsCsrf` is true for methods other than GET: ticket
   * holders must then also send their CSRF prevention token.
   */
  authenticate(headers: {cookie?: string; authorization?: string; csrf?: string}, needsCsrf: boolean): Principal {
    const ticket = authValue(headers.cookie, 'PVEAuthCookie') ?? authValue(headers.authorization, 'PVEAuthCookie')
    if (ticket === undefined) {
      const apiToken = authValue(headers.authorization, 'PVEAPIToken')
      if (apiToken === undefined) throw authError('No ticket')
      return this.tokenPrincipal(apiToken)
    }
    const userid = this.ticketUser(ticket)
    if (!userid) throw authError('Authentication failed!')
    if (needsCsrf && !this.validCsrf(userid, headers.csrf)) throw authError('Permission denied - invalid csrf token')
    return this.principal(userid)
  }

  /** Invalidates every ticket issued so far: clients get 401 until they log in again. */
  expireTickets(): void {
    this.validFromSeq = this.seq + 1
  }

  private tokenPrincipal(value: string): Principal {
    const eq = value.lastIndexOf('=')
    if (eq < 0) throw authError('no tokenid specified')
    const tokenid = value.slice(0, eq)
    const secret = this.tokens.get(tokenid)
    if (!secret) {
      const [userid, name] = tokenid.split('!')
      throw authError(`no such token '${name ?? ''}' for user '${userid ?? ''}'`)
    }
    if (!sameBytes(Buffer.from(value.slice(eq + 1)), secret)) throw authError('invalid token value!')
    return this.principal(tokenid)
  }

  /** A caller for one request, with that request's ACL cache. */
  principal(id: string): Principal {
    const access = this.access.session()
    const owner = tokenOwner(id)
    return {id, userid: owner ?? id, token: owner !== undefined, access, permissions: (path) => access.permissions(id, path)}
  }

  private issueTicket(userid: string): string {
    const plain = `PVE:${userid}:${Math.floor(Date.now() / 1000).toString(16).toUpperCase().padStart(8, '0')}`
    const ticket = `${plain}::${this.sign(plain)}`
    this.issued.set(ticket, {at: Date.now(), seq: ++this.seq})
    return ticket
  }

  /**
   * The user a ticket belongs to, if this emulator issued it and it is neither expired
   * nor revoked. The record of issued tickets is the authority (a lookup, not a signature
   * check per request: 10,000-guest snapshots make many requests).
   */
  private ticketUser(ticket: string): string | undefined {
    const record = this.issued.get(ticket)
    if (!record || record.seq < this.validFromSeq || Date.now() - record.at >= this.lifetimeMs) return undefined
    const userid = TICKET.exec(ticket)?.[1]
    return userid && this.users.has(userid) ? userid : undefined
  }

  private csrfToken(userid: string): string {
    const time = Math.floor(Date.now() / 1000).toString(16).toUpperCase().padStart(8, '0')
    return `${time}:${this.sign(`${time}:${userid}`)}`
  }

  private validCsrf(userid: string, token: string | undefined): boolean {
    const m = /^([0-9A-F]{8}):(\S+)$/.exec(token ?? '')
    if (!m) return false
    const age = Date.now() / 1000 - parseInt(m[1], 16)
    return sameSecret(m[2], this.sign(`${m[1]}:${userid}`)) && age > -300 && age * 1000 < this.lifetimeMs
  }

  private sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64')
  }
}

/** Throws PVE's 403 (`Permission check failed (/vms/100, VM.Migrate)`) unless the caller holds every privilege on the path (or any one, with `any`). */
export function checkPrivileges(principal: Principal, path: string, privileges: readonly string[], any = false): void {
  const held = principal.permissions(path)
  if (any ? privileges.some((p) => p in held) : privileges.every((p) => p in held)) return
  throw permissionError(path, any ? privileges.join('|') : privileges.find((p) => !(p in held))!)
}

/** Whether the caller holds the privilege on the ACL path (RPCEnvironment::check with noerr). */
export function hasPrivilege(principal: Principal, path: string, privilege: string): boolean {
  return privilege in principal.permissions(path)
}

/** Whether the caller holds any of the privileges on the ACL path (RPCEnvironment::check_any with noerr). */
export function hasAnyPrivilege(principal: Principal, path: string, privileges: readonly string[]): boolean {
  const held = principal.permissions(path)
  return privileges.some((p) => p in held)
}

/**
 * The ACLs of the emulated cluster, from its users, tokens and extra access settings. A
 * user or token that nothing grants anything gets what this emulator always gave: every
 * privilege (Administrator on `/`), a token then without privilege separation. A token
 * whose user is not given belongs to such a user (who cannot log in).
 */
export function accessConfigOf(users: readonly EmulatorUser[], tokens: readonly EmulatorToken[], extra: EmulatorAccess = {}): AccessConfig {
  const roles: Record<string, string[]> = {...extra.roles}
  const acl: AclEntry[] = [...(extra.acl ?? [])]
  const grantedElsewhere = (id: string) =>
    acl.some((e) => e.ugid === id || (e.ugid.startsWith('@') && (extra.groups?.[e.ugid.slice(1)] ?? []).includes(id)))
  const grantsOf = (id: string, privileges: 'all' | string[] | undefined, own: Grant[] | undefined): AclEntry[] => {
    const out: AclEntry[] = (own ?? []).map((g) => ({path: g.path, ugid: id, roles: g.roles, propagate: g.propagate ?? true}))
    if (privileges === 'all') out.push({path: '/', ugid: id, roles: ['Administrator'], propagate: true})
    else if (privileges) {
      const role = `emulate-privileges-${Object.keys(roles).length + 1}`
      roles[role] = privileges
      out.push({path: '/', ugid: id, roles: [role], propagate: true})
    }
    return out
  }
  const owners = new Set(users.map((u) => u.userid))
  for (const t of tokens) {
    const owner = tokenOwner(t.tokenid)
    if (owner && !owners.has(owner)) {
      owners.add(owner)
      if (!grantedElsewhere(owner)) acl.push({path: '/', ugid: owner, roles: ['Administrator'], propagate: true})
    }
  }
  for (const u of users) {
    const own = grantsOf(u.userid, u.privileges, u.acl)
    acl.push(...(own.length || grantedElsewhere(u.userid) ? own : [{path: '/', ugid: u.userid, roles: ['Administrator'], propagate: true}]))
  }
  const tokenList = tokens.map((t) => {
    const own = grantsOf(t.tokenid, t.privileges, t.acl)
    acl.push(...own)
    return {tokenid: t.tokenid, privsep: t.privsep ?? (own.length > 0 || grantedElsewhere(t.tokenid))}
  })
  return {roles, groups: extra.groups ?? {}, acl, tokens: tokenList}
}

/** The value of `key=...` in a cookie or Authorization header (pve-http-server's extract_auth_value). */
const AUTH_VALUE: Record<string, RegExp> = {
  PVEAuthCookie: /(?:^|\s|;)PVEAuthCookie(?:=|\s)([^;]*)/,
  PVEAPIToken: /(?:^|\s|;)PVEAPIToken(?:=|\s)([^;]*)/,
}

function authValue(header: string | undefined, key: keyof typeof AUTH_VALUE): string | undefined {
  if (!header) return undefined
  const m = AUTH_VALUE[key].exec(header)
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1].trim())
  } catch {
    return m[1].trim()
  }
}

function sameSecret(given: string, expected: string): boolean {
  return sameBytes(Buffer.from(given), Buffer.from(expected))
}

function sameBytes(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected)
}
