/**
 * The HTTP side of the emulator, shaped like pveproxy: `/api2/json/...` only, the
 * `{"data": ...}` envelope (plus `total` for task lists and logs), gzip for bodies over
 * 1 KiB when the client accepts it, error status lines carrying the message, the
 * connection closed after an error, and the order of checks a real node applies:
 * authentication (401, optionally delayed like PVE's 3 s), unknown path (501), API token
 * allowed (403), permission (403), proxying to a node that is down (595), parameters (400),
 * then the handler (500 for what it refuses).
 *
 * Faults act first: added latency, then injected failures. Every answered request is
 * recorded (method, path, status) for tests that count calls.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import {promisify} from 'node:util'
import {gzip as gzipCallback} from 'node:zlib'
import {checkOperationPermission, findRoute, Paged, type Call, type Route, type Services} from './api.js'
import {ApiError, parameterError, reasonPhrase, unreachableNode} from './errors.js'
import type {Faults} from './faults.js'
import {checkParameters, type Params} from './pve-schema.js'

const gzip = promisify(gzipCallback)

const MAX_BODY = 64 * 1024
const BASE = '/api2'

export interface CallRecord {
  method: string
  path: string
  status: number
}

export interface ServerOptions {
  services: Services
  faults: Faults
  authDelayMs: number
  /** Called once per answered request, with the time it took (ms, latency faults included). */
  record(call: CallRecord, ms: number): void
}

const arrival = new WeakMap<IncomingMessage, number>()

const STATUS_TEXT: Record<number, string> = {500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 595: 'No route to host', 596: 'Connection timed out'}

interface Body {
  /** The JSON text; written together with the head in one write (one TLS record) when small. */
  json: string
  bytes: number
  gz?: Buffer
}

function jsonBody(value: unknown): Body {
  const json = JSON.stringify(value)
  return {json, bytes: Buffer.byteLength(json)}
}

export function requestHandler(options: ServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const cache = new Map<string, Body>()
  return (req, res) => {
    arrival.set(req, performance.now())
    handle(options, cache, req, res).catch((error: unknown) => {
      // A bug in the emulator: answer like a PVE handler that died, keep serving.
      if (!res.headersSent) void respondError(options, req, res, '?', new ApiError(500, `internal error: ${(error as Error).message}`))
    })
  }
}

async function handle(options: ServerOptions, cache: Map<string, Body>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const {services, faults} = options
  const method = req.method ?? 'GET'
  const url = new URL(req.url ?? '/', 'http://emulator')
  const m = /^\/api2\/+([a-z][a-z0-9]+)(\/.*)?$/.exec(url.pathname)
  const rel = m ? m[2] ?? '/' : url.pathname
  const latency = faults.latencyFor(`${method} ${rel}${url.search}`)
  if (latency > 0) await sleep(latency)

  const injected = faults.injectedFailure()
  if (injected !== undefined) {
    const text = STATUS_TEXT[injected] ?? 'Internal Server Error'
    return respondError(options, req, res, rel, new ApiError(injected, text, undefined, injected === 595 || injected === 596))
  }
  if (!['GET', 'POST', 'PUT', 'DELETE'].includes(method)) return respondError(options, req, res, rel, new ApiError(501, `method '${method}' not available`, undefined, true))
  if (!url.pathname.startsWith(BASE)) return respondError(options, req, res, rel, new ApiError(501, `no such file '${url.pathname}'`, undefined, true))
  if (!m) return respondError(options, req, res, rel, new ApiError(501, 'no such uri', undefined, true))
  if (m[1] !== 'json') return respondError(options, req, res, rel, new ApiError(501, `Method '${method} ${rel}' not implemented (this emulator speaks json only)`))

  let body: Params
  try {
    body = await readBody(req, method)
  } catch (error) {
    return respondError(options, req, res, rel, error as ApiError)
  }

  try {
    const open = (rel === '/access/ticket' && (method === 'GET' || method === 'POST')) || (rel === '/access/domains' && method === 'GET')
    const header = (name: string) => {
      const value = req.headers[name]
      return Array.isArray(value) ? value.join('; ') : value
    }
    const principal = open
      ? undefined
      : services.auth.authenticate({cookie: header('cookie'), authorization: header('authorization'), csrf: header('csrfpreventiontoken')}, method !== 'GET')

    const found = findRoute(method, rel)
    const withheld = faults.withheldStatus(method, rel)
    if (!found || withheld === 501) throw new ApiError(501, `Method '${method} ${rel}' not implemented`)
    if (withheld === 403) throw new ApiError(403, 'Permission check failed')
    const {route, pathParams} = found
    if (open && /PVEAPIToken/.test(header('authorization') ?? '') && !route.op.allowtoken) {
      throw new ApiError(403, 'Permission check failed (API tokens are not allowed on this endpoint)')
    }
    if (principal?.token && !route.op.allowtoken) throw new ApiError(403, 'Permission check failed (API tokens are not allowed on this endpoint)')

    const raw: Params = {}
    for (const [key, value] of url.searchParams) raw[key] = value
    for (const [key, value] of Object.entries(body)) raw[key] = value
    delete raw._dc
    const duplicates: Record<string, string> = {}
    for (const key of Object.keys(pathParams)) if (key in raw) duplicates[key] = 'duplicate parameter (already defined in URI)'
    if (Object.keys(duplicates).length) throw parameterError(duplicates)
    Object.assign(raw, pathParams)

    if (principal) checkOperationPermission(route.op, principal, raw)
    if (route.proxied) {
      const node = String(pathParams.node)
      if (!services.cluster.node(node)) throw new ApiError(500, `hostname lookup '${node}' failed - failed to get address info for: ${node}: Name or service not known`)
      if (!services.cluster.isOnline(node)) throw unreachableNode()
    }
    const {params, errors} = checkParameters(raw, route.op.parameters)
    if (Object.keys(errors).length) throw parameterError(errors)

    const call: Call = {params, principal, services, view: {cluster: services.cluster, now: Math.floor(Date.now() / 1000)}}
    const key = route.cacheKey?.(call)
    // Like PVE's status daemon, which refreshes every 10 s: within a window and an unchanged
    // cluster, the same bytes (uptimes and counters move on with the next window).
    const cacheKey = key && `${key} v${services.cluster.version} t${Math.floor(call.view.now / 10)}`
    let prepared = cacheKey ? cache.get(cacheKey) : undefined
    if (!prepared) {
      const result = route.handle(call)
      prepared = jsonBody(result instanceof Paged ? {data: result.data, total: result.total} : {data: result === undefined ? null : result})
      if (cacheKey) remember(cache, cacheKey, prepared)
    }
    if (faults.dropsResponse(method)) {
      options.record({method, path: rel, status: 200}, 0)
      res.destroy()
      return
    }
    await respond(options, req, res, rel, 200, 'OK', prepared)
  } catch (error) {
    if (error instanceof ApiError) return respondError(options, req, res, rel, error)
    throw error
  }
}

function remember(cache: Map<string, Body>, key: string, body: Body): void {
  if (cache.size >= 16) cache.delete(cache.keys().next().value!)
  cache.set(key, body)
}

async function readBody(req: IncomingMessage, method: string): Promise<Params> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return {}
  const length = Number(req.headers['content-length'] ?? 0)
  if (length > 0 && method !== 'POST' && method !== 'PUT') throw new ApiError(501, `Unexpected content for method '${method}'`, undefined, true)
  if (length > MAX_BODY) throw new ApiError(501, 'for data too large', undefined, true)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new ApiError(501, 'for data too large', undefined, true)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) return {}
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new ApiError(400, 'malformed JSON string in request body')
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError(400, 'the JSON request body must be an object')
    return parsed as Params
  }
  if (type && type !== 'application/x-www-form-urlencoded') throw new ApiError(506, `upload 'Content-Type '${type}' not implemented`, undefined, true)
  const params: Params = {}
  for (const [key, value] of new URLSearchParams(text)) params[key] = value
  return params
}

async function respondError(options: ServerOptions, req: IncomingMessage, res: ServerResponse, rel: string, error: ApiError): Promise<void> {
  if (error.status === 401 && options.authDelayMs > 0) await sleep(options.authDelayMs)
  const payload = error.bare ? undefined : jsonBody({data: null, message: `${error.message}\n`, ...(error.errors ? {errors: error.errors} : {})})
  await respond(options, req, res, rel, error.status, reasonPhrase(error.message), payload)
}

async function respond(options: ServerOptions, req: IncomingMessage, res: ServerResponse, rel: string, status: number, reason: string, content: Body | undefined): Promise<void> {
  const headers: Record<string, string | number> = {
    'Cache-Control': 'max-age=0',
    Pragma: 'no-cache',
    Expires: httpDate(),
    Server: 'pve-api-daemon/3.0',
  }
  let payload: Buffer | string | undefined
  if (content) {
    headers['Content-Type'] = 'application/json;charset=UTF-8'
    payload = content.json
    headers['Content-Length'] = content.bytes
    if (content.bytes > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      content.gz ??= await gzip(content.json, {level: 1})
      payload = content.gz
      headers['Content-Encoding'] = 'gzip'
      headers['Content-Length'] = content.gz.length
    }
  } else {
    headers['Content-Length'] = 0
  }
  if (status >= 400) headers.Connection = 'close'
  options.record({method: req.method ?? 'GET', path: rel, status}, performance.now() - (arrival.get(req) ?? performance.now()))
  if (res.destroyed) return
  res.writeHead(status, reason, headers)
  res.end(payload)
}

let dateSecond = -1
let dateText = ''

/** Now as an HTTP date, made once a second (it has no finer unit). */
function httpDate(): string {
  const second = Math.floor(Date.now() / 1000)
  if (second !== dateSecond) {
    dateSecond = second
    dateText = new Date(second * 1000).toUTCString()
  }
  return dateText
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export type {Route}
