/**
 * One HTTP exchange with a Proxmox VE node: a request through ofetch on the client's
 * connection pool (an undici dispatcher, keep-alive, the TLS mode of ./tls.ts), one
 * deadline for all of it (connecting, waiting, reading the body; a timeout is a
 * TimeoutError), the body read as JSON where it is JSON. ofetch's own retries and error
 * throwing are off: it knows nothing of hosts, retries or credentials, ./client.ts does.
 *
 * ofetch runs on undici's fetch. WHATWG fetch costs more CPU per request than undici's
 * own request API (Request, Headers, web streams, Response for each of them); that was
 * measured, kept in BENCHMARKS.md ("Snapshot"), and accepted: ofetch is the project's
 * chosen HTTP client, and the 10,000-guest snapshot stays well within its target.
 * Errors are undici's and Node's own, which ./errors.ts turns into sentences.
 */
import {createFetch} from 'ofetch'
import {type Dispatcher, fetch as undiciFetch} from 'undici'

const $fetch = createFetch({fetch: undiciFetch as unknown as typeof globalThis.fetch})

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
  const headers: Record<string, string> = {...request.headers}
  if (request.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
  const response = await $fetch.raw<string, 'text'>(request.origin + request.path, {
    method: request.method,
    headers,
    body: request.form,
    dispatcher: dispatcher as never,
    responseType: 'text',
    retry: 0,
    ignoreResponseError: true,
    // One deadline for connecting, the answer and its body; a timeout is a TimeoutError.
    timeout: request.timeoutMs,
  })
  return {status: response.status, statusText: response.statusText ?? '', data: parseLenient(response._data ?? '')}
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
