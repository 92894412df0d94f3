/**
 * Logging in to the web page is logging in to the cluster: the user's name and password
 * go to Proxmox's own /access/ticket (or an API token is tried with one read), and the
 * session then acts with that ticket or token, so Proxmox's permissions decide what each
 * person may do. The password is used for that one request and forgotten: the session's
 * client holds only the ticket, which it renews with itself.
 */
import {type Credentials, tokenIdProblem, userIdProblem} from '../proxmox/auth.js'
import {ProxmoxClient} from '../proxmox/client.js'
import {AuthenticationError} from '../proxmox/errors.js'
import type {Endpoint} from '../proxmox/hosts.js'
import type {TlsSettings} from '../proxmox/tls.js'

/** Where the cluster is and how to trust it; no credentials (each user brings their own). */
export interface ClusterTransport {
  endpoints: readonly Endpoint[]
  tls: TlsSettings
  timeoutMs: number
  retries: number
}

export type LoginForm = {kind: 'password'; user: string; password: string} | {kind: 'token'; tokenId: string; secret: string}

/** A login that failed, with the one line the page shows (never the secret). */
export class LoginRefused extends Error {}

export interface LoggedIn {
  user: string
  client: ProxmoxClient
  /** Another client acting as the same user (a run's own, so that it outlives a logout). */
  spawn(): ProxmoxClient
}

export async function logIn(transport: ClusterTransport, form: LoginForm): Promise<LoggedIn> {
  const problem = form.kind === 'password' ? (form.password === '' ? 'give the password' : userIdProblem(form.user)) : form.secret === '' ? "give the token's secret" : tokenIdProblem(form.tokenId)
  if (problem) throw new LoginRefused(problem)
  const make = (credentials: Credentials, ticket?: Parameters<typeof clientOf>[2]) => clientOf(transport, credentials, ticket)
  if (form.kind === 'token') {
    const credentials: Credentials = {kind: 'token', tokenId: form.tokenId, secret: form.secret}
    const client = make(credentials)
    await checked(client, () => client.get('/version'), `API token ${form.tokenId}`)
    return {user: `API token ${form.tokenId}`, client, spawn: () => make(credentials)}
  }
  const first = make({kind: 'password', user: form.user, password: form.password})
  try {
    await checked(first, () => first.login(), form.user)
  } finally {
    await first.close().catch(() => {})
  }
  const ticket = first.heldTicket()!
  // From here on the ticket stands in for the password: renewing it is a login with the ticket itself.
  const user = ticket.user || form.user
  const client = make({kind: 'password', user, password: ticket.ticket}, ticket)
  return {user, client, spawn: () => {
    const current = client.heldTicket() ?? ticket
    return make({kind: 'password', user, password: current.ticket}, current)
  }}
}

function clientOf(transport: ClusterTransport, credentials: Credentials, ticket?: ReturnType<ProxmoxClient['heldTicket']>): ProxmoxClient {
  return new ProxmoxClient({
    endpoints: transport.endpoints,
    credentials,
    tls: transport.tls,
    timeoutMs: transport.timeoutMs,
    retries: transport.retries,
    connections: 8,
    ...(ticket ? {ticket} : {}),
  })
}

async function checked(client: ProxmoxClient, attempt: () => Promise<unknown>, who: string): Promise<void> {
  try {
    await attempt()
  } catch (error) {
    await client.close().catch(() => {})
    if (error instanceof AuthenticationError) throw new LoginRefused(/two-factor/.test(error.message) ? error.message : `login failed for ${who}: wrong user, realm or password (or secret)`)
    throw new LoginRefused(`the cluster cannot be reached to log in: ${(error as Error).message}`)
  }
}
