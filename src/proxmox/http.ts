/**
 * One HTTP exchange with a Proxmox VE node: a request on the client's connection pool
 * (undici's `Dispatcher.request`, keep-alive), one deadline for all of it (connecting,
 * waiting, reading the body), gzip accepted and undone, the body read as JSON where it is
 * JSON. It knows nothing of hosts, retries or credentials: ./client.ts does.
 *
 * Not fetch: a snapshot of a 10,000-guest cluster makes 10,000 small requests, and
 * WHATWG fetch (Request, Headers, web streams, Response) cost about 2.5 times the CPU per
 * request of undici's own request API on the same pool, measured against the emulator
 * (BENCHMARKS.md, "Snapshot"). Errors are undici's and Node's own, which ./errors.ts
 * turns into sentences.
 */
import {promisify} from 'node:util'
import {gunzip as gunzipCallback} from 'node:zlib'
import type {Dispatcher} from 'undici'

const gunzip = promisify(gunzipCallback)

export interface HttpRequest {
  /** `https://pve1:8006`. */
  origin: string
  method: string
  /** Path and query, e.g. `/api2/json/nodes/pve1/status`. */
  path: string
  headers: Record<string, string>
  /** A form-encoded body (writes). */
  form?: string
  /** The most the whole exchange may take. */
  timeoutMs: number
}

export interface HttpAnswer {
  status: number
  /** The reason phrase, where older Proxmox servers put the error message. */
  statusText: string
  /** The body parsed as JSON; the text when it is not JSON; undefined when empty. */
  data: unknown
}

export async function exchange(dispatcher: Dispatcher, request: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = {...request.headers, 'accept-encoding': 'gzip'}
  if (request.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  const response = await dispatcher.request({
    origin: request.origin,
    path: request.path,
    method: request.method as Dispatcher.HttpMethod,
    headers,
    body: request.form,
    // One deadline for connecting, the answer and its body; a timeout is a TimeoutError.
    signal: AbortSignal.timeout(request.timeoutMs),
  })
  const gzipped = response.headers['content-encoding'] === 'gzip'
  const text = gzipped ? (await gunzip(await response.body.bytes())).toString('utf8') : await response.body.text()
  return {status: response.statusCode, statusText: response.statusText ?? '', data: parseLenient(text)}
}

/** Proxmox answers errors with an empty or non-JSON body at times: never fail on parsing. */
function parseLenient(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
