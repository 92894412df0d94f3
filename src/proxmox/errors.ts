/**
 * What went wrong talking to Proxmox VE, as one sentence a user can act on.
 *
 * The API answers failures in several shapes (a status line whose reason phrase holds the
 * message, a JSON body with `message` and per-parameter `errors`, an empty 401 after a
 * delay, the pseudo-statuses 595/596 when a proxied node is down); the network fails in
 * others (refused, unresolved, timed out, untrusted certificate). Each becomes an error
 * naming who asked, where, and what to do. Messages are built from the request context
 * and the server's own message only: never from request bodies or headers, so no secret
 * can end up in one. Pure: no I/O.
 */
import {ProxlbError} from '../model/problems.js'

/** Who asked what, where: enough to say it in a message. */
export interface RequestContext {
  method: string
  /** API path without the /api2/json prefix, with its query (no secrets are ever in a query). */
  path: string
  /** Origin that was asked, e.g. https://pve1:8006. */
  endpoint: string
  /** `root@pam` or `API token root@pam!proxlb`. */
  identity: string
}

/** Base of every failure to get an answer from Proxmox VE. */
export class ProxmoxError extends ProxlbError {}

/** The server answered with an error status. */
export class ApiError extends ProxmoxError {
  constructor(
    message: string,
    readonly status: number,
    readonly context: RequestContext,
    /** The server's own message, trimmed (empty when it gave none). */
    readonly serverMessage: string,
  ) {
    super(message)
  }
}

export class AuthenticationError extends ApiError {}

export class PermissionError extends ApiError {
  constructor(message: string, status: number, context: RequestContext, serverMessage: string, readonly privilege?: string, readonly aclPath?: string) {
    super(message, status, context, serverMessage)
  }
}

/** 595/596: the node that answered could not reach the node the path names. */
export class NodeUnreachableError extends ApiError {
  constructor(message: string, status: number, context: RequestContext, serverMessage: string, readonly node?: string) {
    super(message, status, context, serverMessage)
  }
}

/** No HTTP answer at all: refused, unresolved, timed out, TLS refused. */
export class ConnectionError extends ProxmoxError {
  constructor(
    message: string,
    /** The request may have reached the server (a timeout after sending): never resend a POST then. */
    readonly maybeSent: boolean,
    readonly failures: readonly HostFailure[],
  ) {
    super(message)
  }

  /** Every host failed in a way that retrying cannot change. */
  get permanent(): boolean {
    return this.failures.length > 0 && this.failures.every((f) => f.permanent)
  }
}

export interface HostFailure {
  endpoint: string
  reason: string
  maybeSent: boolean
  /** Asking this host again would fail the same way. */
  permanent: boolean
}

/** Statuses worth asking again for an idempotent request: the server or a proxied node had a passing problem. */
export function isTransientStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504 || status === 595 || status === 596 || status === 599
}

/** The message a PVE error carries: JSON `message`, else the reason phrase (older servers). */
export function serverMessageOf(statusText: string, body: unknown): string {
  const fromBody = body !== null && typeof body === 'object' ? (body as {message?: unknown}).message : undefined
  const text = typeof fromBody === 'string' && fromBody.trim() !== '' ? fromBody : statusText
  return text.trim()
}

/** Per-parameter messages of a 400 (`{errors: {target: "..."}}`), as `target: message`. */
function parameterErrors(body: unknown): string[] {
  const errors = body !== null && typeof body === 'object' ? (body as {errors?: unknown}).errors : undefined
  if (errors === null || typeof errors !== 'object') return []
  return Object.entries(errors as Record<string, unknown>).map(([param, message]) => `${param}: ${String(message).trim()}`)
}

/** The error for an HTTP error status, with a sentence that says what happened and what to do. */
export function errorFromResponse(status: number, statusText: string, body: unknown, context: RequestContext): ApiError {
  const server = serverMessageOf(statusText, body)
  const request = `${context.method} ${context.path}`
  const said = server ? ` (Proxmox said: ${server})` : ''
  switch (true) {
    case status === 401: {
      const hint = context.identity.startsWith('API token')
        ? 'check the token id and secret, and that the token exists and has not expired'
        : 'check the user name, realm and password'
      return new AuthenticationError(`authentication failed for ${context.identity} at ${context.endpoint}: ${hint}${said}`, status, context, server)
    }
    case status === 403: {
      const check = /\((\/[^,)]*),\s*([^)]+)\)/.exec(server)
      if (check) {
        const [, aclPath, privilege] = check
        const tokenHint = context.identity.startsWith('API token') ? '; a token with privilege separation needs its own ACL entry' : ''
        return new PermissionError(
          `permission denied: ${context.identity} lacks ${privilege.trim()} on ${aclPath} (needed for ${request} at ${context.endpoint}); grant a role with it on that path (README, "Least privilege": ProxlbReader to read, ProxlbOperator to migrate)${tokenHint}`,
          status, context, server, privilege.trim(), aclPath,
        )
      }
      return new PermissionError(`permission denied for ${context.identity}: ${request} at ${context.endpoint} was refused${said}`, status, context, server)
    }
    case status === 595 || status === 596: {
      const node = /^\/nodes\/([^/?]+)/.exec(context.path)?.[1]
      const what = status === 595 ? 'could not connect to it' : 'lost the connection to it'
      const subject = node ? `node ${node} is unreachable` : 'a cluster node is unreachable'
      return new NodeUnreachableError(`${subject}: ${context.endpoint} ${what} for ${request}${said}`, status, context, server, node)
    }
    case status === 400: {
      const details = parameterErrors(body)
      const detail = details.length > 0 ? `: ${details.join('; ')}` : said
      return new ApiError(`Proxmox at ${context.endpoint} rejected ${request} as invalid${detail}`, status, context, server)
    }
    case status === 501:
      return new ApiError(`Proxmox at ${context.endpoint} does not implement ${request} (an older Proxmox VE?)${said}`, status, context, server)
    default:
      return new ApiError(`${request} failed at ${context.endpoint} with ${status}${server ? `: ${server}` : ''}`, status, context, server)
  }
}

/** Error codes of Node and undici, in words and with a remedy where there is one. */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  const cause = innermostCause(error)
  const code = errorCode(cause)
  const seconds = `${Math.round(timeoutMs / 100) / 10} s`
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is pveproxy running and the port right?)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'host name not found'
    case 'EHOSTUNREACH':
      return 'host unreachable'
    case 'ENETUNREACH':
      return 'network unreachable'
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `no connection within ${seconds}`
    case 'TimeoutError':
    case 'AbortError':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return `no answer within ${seconds}`
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'the connection was closed before an answer came'
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'its TLS certificate is not trusted (self-signed or from an unknown CA): pass the cluster CA with --ca-file (/etc/pve/pve-root-ca.pem on any node), pin the certificate with --fingerprint, or turn verification off with --insecure'
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its TLS certificate is not made out to this host name (${(cause as Error).message.replace(/^Hostname\/IP does not match certificate's altnames: /, '')}): connect by a name the certificate lists, or pin it with --fingerprint`
    case 'CERT_HAS_EXPIRED':
      return 'its TLS certificate has expired'
    case 'CERT_NOT_YET_VALID':
      return 'its TLS certificate is not valid yet (check the clocks)'
    case 'PROXLB_FINGERPRINT_MISMATCH':
      return (cause as Error).message
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return 'the TLS handshake failed (is it really https on that port?)'
    default: {
      const message = (cause as Error).message ?? String(cause)
      return code && !message.includes(code) ? `${message} (${code})` : message
    }
  }
}

/** Failures of trust or naming: asking the same host again gives the same answer. */
const PERMANENT = new Set([
  'ENOTFOUND', 'EAI_NONAME', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'PROXLB_FINGERPRINT_MISMATCH', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG',
])

/** Failures before a connection existed: the request cannot have reached the server. */
const NOT_SENT = new Set([...PERMANENT, 'ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

/** Whether the request may have reached the server: only errors before or during connecting prove it did not. */
export function mayHaveBeenSent(error: unknown): boolean {
  return !NOT_SENT.has(errorCode(innermostCause(error)))
}

/** Whether trying the same host again is pointless (an untrusted certificate, an unknown name). */
export function isPermanentFailure(error: unknown): boolean {
  return PERMANENT.has(errorCode(innermostCause(error)))
}

/** The sentence for "no host answered": each host with its reason. */
export function allHostsFailed(failures: readonly HostFailure[]): ConnectionError {
  const parts = failures.map((f) => `${f.endpoint}: ${f.reason}`)
  const message = failures.length === 1 ? `cannot connect to ${parts[0]}` : `cannot connect to any of ${failures.length} Proxmox hosts: ${parts.join('; ')}`
  return new ConnectionError(message, failures.some((f) => f.maybeSent), failures)
}

/** Node's string error code, or the name of errors without one (DOMException's TimeoutError has a numeric code). */
function errorCode(error: unknown): string {
  const code = (error as {code?: unknown} | undefined)?.code
  if (typeof code === 'string') return code
  const name = (error as {name?: unknown} | undefined)?.name
  return typeof name === 'string' ? name : ''
}

function innermostCause(error: unknown): unknown {
  let current = error
  for (let depth = 0; depth < 8; depth++) {
    const next = (current as {cause?: unknown} | undefined)?.cause
    if (next === undefined || next === null) break
    current = next
  }
  return current
}
