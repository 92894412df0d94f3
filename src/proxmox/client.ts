/**
 * The Proxmox VE API client every proxlb command that talks to a cluster goes through.
 *
 * It knows the transport and nothing of balancing: a list of hosts tried in order (the
 * first that answers is kept, the next takes over when it stops answering), TLS as the
 * user configured it, a timeout on every request, tickets obtained, renewed before they
 * expire and obtained again when the server forgets them, or an API token. Idempotent
 * requests (GET) are retried with exponential backoff and jitter on network errors, 5xx
 * and 595/596; a write is sent again only when it provably never left (the connection
 * was refused) or was refused unread (401), never blindly. Failures become the one-line
 * errors of ./errors.ts.
 *
 * Paths are API paths without the /api2/json prefix; build them with `apiPath` so that
 * node names, vmids and UPIDs are escaped.
 */
import type {Agent} from 'undici'
import {authHeaders, type Credentials, identityOf, type Ticket, ticketFromLogin, ticketNeedsRenewal, userOf} from './auth.js'
import {
  allHostsFailed, ApiError, AuthenticationError, ConnectionError, describeNetworkError, errorFromResponse, type HostFailure,
  isPermanentFailure, isTransientStatus, mayHaveBeenSent, type RequestContext,
} from './errors.js'
import type {Endpoint} from './hosts.js'
import {exchange, type HttpAnswer} from './http.js'
import {createDispatcher, type TlsSettings} from './tls.js'

export interface ClientOptions {
  /** Hosts in the order they are tried. */
  endpoints: readonly Endpoint[]
  credentials: Credentials
  tls?: TlsSettings
  /** Most time one request may take, connecting included (default 30 s). */
  timeoutMs?: number
  /** How often an idempotent request is tried again after a transient failure (default 3). */
  retries?: number
  /** First backoff delay; each retry doubles it, jittered (default 250 ms). */
  retryBaseMs?: number
  /** Most sockets open to one host (default 16). */
  connections?: number
  /** Hooks for tests and benchmarks; real runs use the clock, Math.random and setTimeout. */
  now?: () => number
  random?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Told about everything worth a log line or a counter; never given a secret. */
  onEvent?: (event: ClientEvent) => void
  /**
   * A ticket the caller obtained already (proxlb serve: the one its user logged in with).
   * With it, password credentials may hold that ticket instead of the password: the
   * client renews it with itself, and when Proxmox no longer takes it, requests fail as
   * unauthenticated.
   */
  ticket?: Ticket
}

export type ClientEvent =
  | {type: 'response'; method: string; path: string; status: number; endpoint: string; ms: number}
  | {type: 'failover'; failed: readonly HostFailure[]; to: string}
  | {type: 'retry'; method: string; path: string; attempt: number; retries: number; delayMs: number; reason: string}
  | {type: 'login'; endpoint: string; renewal: boolean}

export type QueryValue = string | number | boolean | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  /** Form parameters of a write; booleans are sent as 1/0, as Proxmox expects. */
  body?: Query
  /** Safe to repeat: retried on transient failures. Default: only GET. */
  idempotent?: boolean
}

export interface ClientStats {
  requests: number
  retries: number
  failovers: number
  logins: number
}

const MAX_BACKOFF_MS = 5_000

/** `apiPath\`/nodes/${node}/qemu/${vmid}/config\`` with every interpolated part URL-escaped. */
export function apiPath(strings: TemplateStringsArray, ...parts: (string | number)[]): string {
  return strings.reduce((path, text, i) => path + text + (i < parts.length ? encodeURIComponent(String(parts[i])) : ''), '')
}

/** Exponential backoff with jitter: half the step fixed, half random, so retries of many callers spread out. */
export function backoffDelay(attempt: number, baseMs: number, random: number): number {
  const step = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt)
  return Math.round(step / 2 + (step / 2) * random)
}

/** Logins one request may need when its ticket keeps expiring under it; the login itself failing ends at once. */
const MAX_RELOGINS = 3

export class ProxmoxClient {
  private readonly endpoints: readonly Endpoint[]
  private readonly credentials: Credentials
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly retryBaseMs: number
  private readonly now: () => number
  private readonly random: () => number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly emit: (event: ClientEvent) => void
  /** Listeners for a while (a progress line during a read), besides `onEvent`. */
  private readonly listeners = new Set<(event: ClientEvent) => void>()
  private readonly dispatcher: Agent
  private current = 0
  private ticket: Ticket | undefined
  private pendingLogin: Promise<void> | undefined
  readonly stats: ClientStats = {requests: 0, retries: 0, failovers: 0, logins: 0}

  constructor(options: ClientOptions) {
    if (options.endpoints.length === 0) throw new Error('ProxmoxClient needs at least one endpoint')
    this.endpoints = options.endpoints
    this.credentials = options.credentials
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.retries = options.retries ?? 3
    this.retryBaseMs = options.retryBaseMs ?? 250
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    const onEvent = options.onEvent ?? (() => {})
    this.emit = (event) => {
      onEvent(event)
      for (const listener of this.listeners) listener(event)
    }
    this.ticket = options.ticket
    this.dispatcher = createDispatcher({tls: options.tls ?? {}, connectTimeoutMs: Math.min(this.timeoutMs, 10_000), connections: options.connections ?? 16})
  }

  /** The host currently used, e.g. https://pve1:8006 (the one that answered last). */
  get endpoint(): string {
    return this.endpoints[this.current].origin
  }

  /** Who the client acts as, for messages: `root@pam` or `API token root@pam!proxlb`. */
  get identity(): string {
    return identityOf(this.credentials)
  }

  /** The user Proxmox writes into the UPID of every task this client starts: `root@pam`, or `root@pam!proxlb` for a token. */
  get taskOwner(): string {
    return this.credentials.kind === 'token' ? this.credentials.tokenId : this.credentials.user
  }

  /** Hears the client's events until the returned function is called. */
  listen(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, {query})
  }

  /** A write. Never repeated unless it provably did not reach the server. */
  post<T>(path: string, body?: Query): Promise<T> {
    return this.request<T>('POST', path, {body})
  }

  put<T>(path: string, body?: Query): Promise<T> {
    return this.request<T>('PUT', path, {body})
  }

  delete<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('DELETE', path, {query})
  }

  /** Logs in now (for a password) and checks the credentials; a no-op for tokens until the first request. */
  async login(): Promise<void> {
    if (this.credentials.kind === 'password') await this.ensureTicket(true)
  }

  /**
   * The ticket held now, after login(): for a caller that keeps a logged-in user's session
   * itself (proxlb serve hands it to a client of its own and forgets the password). A
   * secret: never to be shown, logged or sent anywhere but to Proxmox.
   */
  heldTicket(): Ticket | undefined {
    return this.ticket
  }

  /** Closes the connections; the client cannot be used afterwards. */
  async close(): Promise<void> {
    await this.dispatcher.close()
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const idempotent = options.idempotent ?? method === 'GET'
    const write = method !== 'GET'
    let relogins = 0
    for (let attempt = 0; ; attempt++) {
      await this.ensureTicket(false)
      const ticketUsed = this.ticket
      let response: HttpAnswer
      try {
        response = await this.send(method, path, options, authHeaders(this.credentials, this.ticket, write), idempotent)
      } catch (error) {
        if (error instanceof ConnectionError && !error.permanent && idempotent && attempt < this.retries) {
          await this.backoff(method, path, attempt, error.message)
          continue
        }
        throw error
      }
      if (isOk(response)) return unwrap<T>(response.data)
      // A 401 was refused before anything happened: log in again and resend, writes included. A
      // ticket revoked again right after a successful login (tickets cut short on a busy server)
      // is no bad password: a few more tries; a login that fails ends it at once.
      if (response.status === 401 && this.credentials.kind === 'password' && relogins < MAX_RELOGINS) {
        relogins++
        // Another request may have logged in again meanwhile; otherwise this one does.
        if (this.ticket === ticketUsed) {
          this.ticket = undefined
          await this.ensureTicket(true)
        }
        attempt--
        continue
      }
      const error = errorFromResponse(response.status, response.statusText, response.data, this.context(method, path, options.query))
      if (idempotent && isTransientStatus(response.status) && attempt < this.retries) {
        await this.backoff(method, path, attempt, `${response.status} ${error.serverMessage}`.trim())
        continue
      }
      throw error
    }
  }

  private async backoff(method: string, path: string, attempt: number, reason: string): Promise<void> {
    const delayMs = backoffDelay(attempt, this.retryBaseMs, this.random())
    this.stats.retries++
    this.emit({type: 'retry', method, path, attempt: attempt + 1, retries: this.retries, delayMs, reason})
    await this.sleep(delayMs)
  }

  /**
   * One try of one request: the current host first, then each other host in turn while
   * hosts do not answer at all. Any HTTP answer, error statuses included, ends the turn.
   */
  private async send(method: string, path: string, options: RequestOptions, headers: Record<string, string>, idempotent: boolean): Promise<HttpAnswer> {
    const failures: HostFailure[] = []
    const search = options.query ? queryString(options.query) : ''
    const form = options.body ? new URLSearchParams(formValues(options.body)).toString() : undefined
    for (let tried = 0; tried < this.endpoints.length; tried++) {
      const index = (this.current + tried) % this.endpoints.length
      const endpoint = this.endpoints[index]
      const started = this.now()
      try {
        this.stats.requests++
        const response = await exchange(this.dispatcher, {origin: endpoint.origin, method, path: `/api2/json${path}${search}`, headers, form, timeoutMs: this.timeoutMs})
        if (index !== this.current) {
          this.stats.failovers++
          this.emit({type: 'failover', failed: failures, to: endpoint.origin})
          this.current = index
        }
        this.emit({type: 'response', method, path, status: response.status, endpoint: endpoint.origin, ms: this.now() - started})
        return response
      } catch (error) {
        const failure = {endpoint: endpoint.origin, reason: describeNetworkError(error, this.timeoutMs), maybeSent: mayHaveBeenSent(error), permanent: isPermanentFailure(error)}
        failures.push(failure)
        // A write that may have arrived must not be sent to another host: it could run twice.
        if (failure.maybeSent && !idempotent) {
          throw new ConnectionError(`${method} ${path} at ${endpoint.origin} got no answer (${failure.reason}); it may or may not have been carried out, so proxlb does not send it again`, true, failures)
        }
      }
    }
    throw allHostsFailed(failures)
  }

  /** Makes sure a valid ticket is held (password credentials only); one login at a time. */
  private async ensureTicket(force: boolean): Promise<void> {
    if (this.credentials.kind !== 'password') return
    if (!force && this.ticket && !ticketNeedsRenewal(this.ticket, this.now())) return
    if (this.pendingLogin) return this.pendingLogin
    this.pendingLogin = this.obtainTicket().finally(() => {
      this.pendingLogin = undefined
    })
    return this.pendingLogin
  }

  private async obtainTicket(): Promise<void> {
    const credentials = this.credentials as Extract<Credentials, {kind: 'password'}>
    // Renew with the ticket while it is still valid; fall back to the password if the server no longer takes it.
    const old = this.ticket
    if (old) {
      const renewed = await this.postLogin(credentials.user, old.ticket).catch((error: unknown) => {
        if (error instanceof AuthenticationError) return undefined
        throw error
      })
      if (renewed) {
        this.ticket = renewed
        this.stats.logins++
        this.emit({type: 'login', endpoint: this.endpoint, renewal: true})
        return
      }
    }
    this.ticket = undefined
    const ticket = await this.postLogin(credentials.user, credentials.password)
    this.ticket = ticket
    this.stats.logins++
    this.emit({type: 'login', endpoint: this.endpoint, renewal: false})
  }

  private async postLogin(user: string, password: string): Promise<Ticket> {
    const path = '/access/ticket'
    // Logging in changes nothing on the server: safe to send to the next host.
    let response: HttpAnswer | undefined
    for (let attempt = 0; ; attempt++) {
      try {
        response = await this.send('POST', path, {body: {username: user, password}}, {}, true)
      } catch (error) {
        if (error instanceof ConnectionError && !error.permanent && attempt < this.retries) {
          await this.backoff('POST', path, attempt, error.message)
          continue
        }
        throw error
      }
      if (!isOk(response) && isTransientStatus(response.status) && attempt < this.retries) {
        await this.backoff('POST', path, attempt, String(response.status))
        continue
      }
      break
    }
    const context = this.context('POST', path)
    if (!isOk(response)) throw errorFromResponse(response.status, response.statusText, response.data, context)
    const data = unwrap<Record<string, unknown>>(response.data)
    if (data && (data.NeedTFA || (typeof data.ticket === 'string' && data.ticket.endsWith('::TFA')))) {
      throw new AuthenticationError(
        `${userOf(this.credentials)} has two-factor authentication, which proxlb cannot answer: create an API token for it (pveum user token add ${userOf(this.credentials)} proxlb) and use --token-id with its secret`,
        401, context, '',
      )
    }
    const ticket = ticketFromLogin(data, this.now())
    if (!ticket) throw new ApiError(`POST ${path} at ${context.endpoint} answered without a ticket`, response.status, context, '')
    return ticket
  }

  private context(method: string, path: string, query?: Query): RequestContext {
    return {method, path: `${path}${query ? queryString(query) : ''}`, endpoint: this.endpoint, identity: this.identity}
  }
}

/** Query and form values as Proxmox reads them: booleans as 1/0, absent values left out. */
function formValues(values: Query): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue
    out[key] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value)
  }
  return out
}

/** `?timeframe=hour&cf=AVERAGE`, or nothing when no value is set. */
function queryString(query: Query): string {
  const search = new URLSearchParams(formValues(query)).toString()
  return search ? `?${search}` : ''
}

function isOk(response: HttpAnswer): boolean {
  return response.status >= 200 && response.status < 300
}

function unwrap<T>(body: unknown): T {
  return (body !== null && typeof body === 'object' && 'data' in body ? (body as {data: unknown}).data : body) as T
}
