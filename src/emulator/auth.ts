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
 * Privileges are either all of them or a list that applies on every path; a missing one
 * gives PVE's own 403 message. Secrets are compared in constant time and never echoed.
 */
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import {authError, permissionError, ApiError} from './errors.js'

export interface EmulatorUser {
  userid: string
  password: string
  privileges?: 'all' | string[]
}

export interface EmulatorToken {
  tokenid: string
  secret: string
  privileges?: 'all' | string[]
}

/** Who is asking: a user by ticket, or an API token. */
export interface Principal {
  /** user@realm, or user@realm!tokenid for tokens (as PVE records it in task UPIDs). */
  id: string
  userid: string
  token: boolean
  privileges: 'all' | ReadonlySet<string>
}

/** Every privilege PVE 9 knows, for `/access/permissions` and ticket capabilities. */
export const PRIVILEGES = [
  'Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit',
  'Group.Allocate', 'Mapping.Audit', 'Mapping.Modify', 'Mapping.Use', 'Permissions.Modify',
  'Pool.Allocate', 'Pool.Audit', 'Realm.Allocate', 'Realm.AllocateUser', 'SDN.Allocate', 'SDN.Audit',
  'SDN.Use', 'Sys.AccessNetwork', 'Sys.Audit', 'Sys.Console', 'Sys.Incoming', 'Sys.Modify',
  'Sys.PowerMgmt', 'Sys.Syslog', 'User.Modify', 'VM.Allocate', 'VM.Audit', 'VM.Backup', 'VM.Clone',
  'VM.Config.CDROM', 'VM.Config.CPU', 'VM.Config.Cloudinit', 'VM.Config.Disk', 'VM.Config.HWType',
  'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.Options', 'VM.Console', 'VM.GuestAgent.Audit',
  'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt', 'VM.GuestAgent.FileWrite',
  'VM.GuestAgent.Unrestricted', 'VM.Migrate', 'VM.PowerMgmt', 'VM.Replicate', 'VM.Snapshot',
  'VM.Snapshot.Rollback',
] as const

export const DEFAULT_USERS: EmulatorUser[] = [{userid: 'root@pam', password: 'proxlb'}]

const TICKET = /^PVE:([^:\s]+@[^:\s]+):([0-9A-F]{8})::(\S+)$/

export class Authenticator {
  private readonly secret = randomBytes(32)
  private readonly users: Map<string, EmulatorUser>
  /** Each token with its principal and its secret as bytes, made once: tokens are checked on every request. */
  private readonly tokens: Map<string, {principal: Principal; secret: Buffer}>
  /** Ticket -> when it was issued (ms) and its sequence number, for expiry and revocation. */
  private readonly issued = new Map<string, {at: number; seq: number}>()
  private seq = 0
  private validFromSeq = 0

  constructor(users: EmulatorUser[], tokens: EmulatorToken[], private readonly lifetimeMs: number) {
    this.users = new Map(users.map((u) => [u.userid, u]))
    this.tokens = new Map(tokens.map((t) => [t.tokenid, {principal: tokenPrincipalOf(t), secret: Buffer.from(t.secret)}]))
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

  /** Capabilities as a ticket response lists them (`cap`), from the user's privileges. */
  capabilities(userid: string): Record<string, Record<string, number>> {
    const privileges = this.users.get(userid)?.privileges ?? 'all'
    const has = (p: string) => (privileges === 'all' || privileges.includes(p) ? 1 : 0)
    const area = (prefixes: string[]) =>
      Object.fromEntries(PRIVILEGES.filter((p) => prefixes.some((x) => p.startsWith(x)) && has(p)).map((p) => [p, 1]))
    return {
      vms: area(['VM.']),
      storage: area(['Datastore.']),
      nodes: area(['Sys.']),
      dc: area(['Sys.Audit', 'Sys.Modify', 'SDN.', 'Mapping.']),
      access: area(['User.', 'Group.', 'Permissions.', 'Realm.']),
      sdn: area(['SDN.']),
      mapping: area(['Mapping.']),
    }
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
    const user = this.users.get(userid)!
    // root@pam passes every permission check on PVE, whatever its ACLs say.
    return {id: userid, userid, token: false, privileges: userid === 'root@pam' ? 'all' : privilegeSet(user.privileges)}
  }

  /** Invalidates every ticket issued so far: clients get 401 until they log in again. */
  expireTickets(): void {
    this.validFromSeq = this.seq + 1
  }

  private tokenPrincipal(value: string): Principal {
    const eq = value.lastIndexOf('=')
    if (eq < 0) throw authError('no tokenid specified')
    const tokenid = value.slice(0, eq)
    const token = this.tokens.get(tokenid)
    if (!token) {
      const [userid, name] = tokenid.split('!')
      throw authError(`no such token '${name ?? ''}' for user '${userid ?? ''}'`)
    }
    if (!sameBytes(Buffer.from(value.slice(eq + 1)), token.secret)) throw authError('invalid token value!')
    return token.principal
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

/** Throws PVE's 403 unless the principal holds every privilege (or any one, with `any`). */
export function checkPrivileges(principal: Principal, path: string, privileges: readonly string[], any = false): void {
  if (principal.privileges === 'all') return
  const held = principal.privileges
  if (any ? privileges.some((p) => held.has(p)) : privileges.every((p) => held.has(p))) return
  throw permissionError(path, any ? privileges.join('|') : privileges.find((p) => !held.has(p))!)
}

export function hasPrivilege(principal: Principal, privilege: string): boolean {
  return principal.privileges === 'all' || principal.privileges.has(privilege)
}

function privilegeSet(privileges: 'all' | string[] | undefined): 'all' | ReadonlySet<string> {
  return privileges === undefined || privileges === 'all' ? 'all' : new Set(privileges)
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

function tokenPrincipalOf(token: EmulatorToken): Principal {
  return {id: token.tokenid, userid: token.tokenid.split('!')[0], token: true, privileges: privilegeSet(token.privileges)}
}
