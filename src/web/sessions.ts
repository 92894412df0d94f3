/**
 * Who is logged in to the web page, kept on the server only. The browser holds a cookie
 * with a random session id and its HMAC (signed with a key made at start, so a restart
 * logs everybody out and a forged or altered id is never looked up); the Proxmox ticket
 * or API token stays in the session's client, never in a cookie, a page or a log.
 *
 * Every state-changing request carries the session's CSRF token (a hidden form field or
 * the X-CSRF-Token header), compared in constant time; the login form, which has no
 * session yet, carries the HMAC of a nonce held in a cookie of its own. The cookies are
 * HttpOnly, SameSite=Strict and (over HTTPS) Secure. Sessions end at logout, after
 * `idleMs` without a request, or when Proxmox no longer takes their ticket.
 */
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import type {ProxmoxClient} from '../proxmox/client.js'

export const SESSION_COOKIE = 'proxlb_session'
export const LOGIN_COOKIE = 'proxlb_login'

export interface Session {
  id: string
  /** `alice@pve`, or `API token alice@pve!web`: as shown on the page. */
  user: string
  /** The user's own client: their ticket (or token), their Proxmox privileges. */
  client: ProxmoxClient
  /** A new client acting as the same user, for a run that must outlive the session. */
  spawnClient(): ProxmoxClient
  csrf: string
  createdAt: number
  seenAt: number
  /** Plans shown to this user (dry runs), by id, until applied or replaced. */
  plans: Map<string, unknown>
}

export class SessionStore {
  private readonly key = randomBytes(32)
  private readonly sessions = new Map<string, Session>()

  constructor(
    private readonly idleMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  create(user: string, client: ProxmoxClient, spawnClient: () => ProxmoxClient): Session {
    // Sessions nobody came back to end here, their connections closed, rather than at a request that never comes.
    for (const old of [...this.sessions.values()]) if (this.now() - old.seenAt > this.idleMs) void this.end(old)
    const id = randomBytes(24).toString('base64url')
    const at = this.now()
    const session: Session = {id, user, client, spawnClient, csrf: randomBytes(24).toString('base64url'), createdAt: at, seenAt: at, plans: new Map()}
    this.sessions.set(id, session)
    return session
  }

  /** The cookie value naming `session`: its id and the id's signature. */
  cookieValue(session: Session): string {
    return `${session.id}.${this.sign(`session:${session.id}`)}`
  }

  /** The live session a cookie names, or undefined (no cookie, a bad signature, ended, idle too long). */
  fromCookie(value: string | undefined): Session | undefined {
    if (!value) return undefined
    const dot = value.indexOf('.')
    if (dot <= 0) return undefined
    const id = value.slice(0, dot)
    if (!equal(value.slice(dot + 1), this.sign(`session:${id}`))) return undefined
    const session = this.sessions.get(id)
    if (!session) return undefined
    if (this.now() - session.seenAt > this.idleMs) {
      void this.end(session)
      return undefined
    }
    session.seenAt = this.now()
    return session
  }

  async end(session: Session): Promise<void> {
    if (!this.sessions.delete(session.id)) return
    await session.client.close().catch(() => {})
  }

  async endAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.end(s)))
  }

  get size(): number {
    return this.sessions.size
  }

  csrfMatches(session: Session, token: string | undefined): boolean {
    return token !== undefined && equal(token, session.csrf)
  }

  /** A nonce for the login form's cookie, and the token the form carries with it. */
  loginNonce(): {nonce: string; token: string} {
    const nonce = randomBytes(18).toString('base64url')
    return {nonce, token: this.loginToken(nonce)}
  }

  loginTokenMatches(nonce: string | undefined, token: string | undefined): boolean {
    return nonce !== undefined && token !== undefined && nonce !== '' && equal(token, this.loginToken(nonce))
  }

  private loginToken(nonce: string): string {
    return this.sign(`login:${nonce}`)
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url')
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
