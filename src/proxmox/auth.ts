/**
 * Proxmox VE credentials and what the API wants to see of them.
 *
 * Two ways in: a user with a password, exchanged for a ticket (sent as the PVEAuthCookie
 * cookie, plus a CSRFPreventionToken header on every write; valid two hours, renewed by
 * posting the ticket itself as the password), or an API token sent whole in an
 * Authorization header on every request. Secrets live only in these objects and the
 * headers built from them; `identityOf` is the only form of a credential that may be
 * shown to anyone.
 */

export type Credentials =
  | {kind: 'password'; user: string; password: string}
  | {kind: 'token'; tokenId: string; secret: string}

/** A ticket from POST /access/ticket; the ticket and the CSRF token are secrets. */
export interface Ticket {
  ticket: string
  csrf: string
  user: string
  /** When it was obtained (local clock, ms), to renew it before Proxmox lets it expire. */
  obtainedAt: number
}

/** Proxmox tickets are valid for two hours. */
export const TICKET_LIFETIME_MS = 2 * 60 * 60 * 1000

/** Renew at half the lifetime: long runs (balance, apply) never meet an expired ticket, clock skew included. */
export const TICKET_RENEW_AFTER_MS = TICKET_LIFETIME_MS / 2

/** How a credential may be named in messages and logs: never its secret. */
export function identityOf(credentials: Credentials): string {
  return credentials.kind === 'password' ? credentials.user : `API token ${credentials.tokenId}`
}

/** The user a credential acts as (`root@pam` for the token `root@pam!proxlb`). */
export function userOf(credentials: Credentials): string {
  return credentials.kind === 'password' ? credentials.user : credentials.tokenId.split('!')[0]
}

/** Reason a user id is not `name@realm`, or undefined when it is one. */
export function userIdProblem(user: string): string | undefined {
  if (/^[^\s@!:]+@[A-Za-z][A-Za-z0-9.-]*$/.test(user)) return undefined
  if (!user.includes('@')) return `user ${JSON.stringify(user)} has no realm: write it as name@realm, e.g. ${user || 'root'}@pam or ${user || 'proxlb'}@pve`
  return `user ${JSON.stringify(user)} is not of the form name@realm (e.g. root@pam)`
}

/** Reason a token id is not `name@realm!tokenname`, or undefined when it is one. */
export function tokenIdProblem(tokenId: string): string | undefined {
  const match = /^([^!]+)!([A-Za-z][A-Za-z0-9._-]*)$/.exec(tokenId)
  if (match && userIdProblem(match[1]) === undefined) return undefined
  if (tokenId.includes('=')) return 'the token id must not contain "=": give the id (root@pam!proxlb) and the secret separately'
  return `token id ${JSON.stringify(tokenId)} is not of the form name@realm!tokenname (e.g. root@pam!proxlb)`
}

/** Headers that authenticate one request. */
export function authHeaders(credentials: Credentials, ticket: Ticket | undefined, write: boolean): Record<string, string> {
  if (credentials.kind === 'token') return {Authorization: `PVEAPIToken=${credentials.tokenId}=${credentials.secret}`}
  if (!ticket) return {}
  return {Cookie: `PVEAuthCookie=${ticket.ticket}`, ...(write ? {CSRFPreventionToken: ticket.csrf} : {})}
}

/** Whether a ticket should be renewed before the next request. */
export function ticketNeedsRenewal(ticket: Ticket, now: number): boolean {
  return now - ticket.obtainedAt >= TICKET_RENEW_AFTER_MS
}

/** Reads the answer of POST /access/ticket; undefined when it holds no ticket (e.g. a second factor is required). */
export function ticketFromLogin(data: unknown, obtainedAt: number): Ticket | undefined {
  if (data === null || typeof data !== 'object') return undefined
  const {ticket, CSRFPreventionToken: csrf, username} = data as Record<string, unknown>
  if (typeof ticket !== 'string' || typeof csrf !== 'string' || ticket === '') return undefined
  return {ticket, csrf, user: typeof username === 'string' ? username : '', obtainedAt}
}
