/**
 * The HTTPS server of `proxlb serve`: the Hono app of ./app.ts behind Node's own https
 * server, with the given certificate or a self-signed one made at start (like a fresh
 * Proxmox node's). Listens on loopback unless told otherwise; the caller warns when it
 * does not. Closing stops the runs from starting new migrations and ends every session.
 */
import {createServer as createHttpServer, type Server} from 'node:http'
import {createServer as createHttpsServer} from 'node:https'
import type {AddressInfo} from 'node:net'
import {getRequestListener} from '@hono/node-server'
import {certificateNames, fingerprintOf, selfSignedCertificate} from '../emulator/certificate.js'
import {ProxlbError} from '../model/problems.js'
import {createWebApp, type WebApp, type WebContext} from './app.js'

export interface ListenAddress {
  host: string
  port: number
}

export interface WebServerOptions {
  listen: ListenAddress
  /** PEM; default a self-signed certificate for the listening names. `false`: plain HTTP (tests of the HTTP layer only). */
  tls?: {cert: string; key: string} | false
  context: Omit<WebContext, 'secure'>
}

export interface WebServer {
  url: string
  /** SHA-256 fingerprint of the served certificate (HTTPS). */
  fingerprint?: string
  web: WebApp
  close(): Promise<void>
}

/** `127.0.0.1:8443`, `[::1]:8443`, `0.0.0.0:443`, or `8443` alone (on loopback). */
export function parseListen(text: string): ListenAddress {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+))?:?([0-9]{1,5})$/.exec(text.trim())
  const port = m ? Number(m[3]) : NaN
  if (!m || !(port >= 0 && port <= 65535)) throw new ProxlbError(`--listen ${text}: expected HOST:PORT, e.g. 127.0.0.1:8443 or [::1]:8443`)
  return {host: m[1] ?? m[2] ?? '127.0.0.1', port}
}

/** Whether only this machine can reach the address. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host)
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const secure = options.tls !== false
  const tls = options.tls === false ? undefined : (options.tls ?? selfSignedCertificate(certificateNames(options.listen.host), {who: 'proxlb serve', instead: 'give a certificate with --cert and --key', subject: '/O=proxlb serve'}))
  const web = createWebApp({...options.context, secure})
  const listener = getRequestListener(web.app.fetch)
  let server: Server
  try {
    server = tls ? createHttpsServer({cert: tls.cert, key: tls.key}, listener) : createHttpServer(listener)
  } catch (error) {
    throw new ProxlbError(`cannot serve HTTPS with the given certificate and key: ${(error as Error).message.replace(/^error:[0-9A-F]+:[^:]*::/, '')}`)
  }
  const {host, port} = options.listen
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)))
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `${secure ? 'https' : 'http'}://${shown}:${address.port}`,
    ...(tls ? {fingerprint: fingerprintOf(tls.cert)} : {}),
    web,
    async close() {
      await web.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
  if (error.code === 'EADDRINUSE') return new ProxlbError(`cannot listen on ${where}: the port is in use (choose another with --listen)`)
  if (error.code === 'EACCES') return new ProxlbError(`cannot listen on ${where}: permission denied (ports below 1024 need privileges; choose another with --listen)`)
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new ProxlbError(`cannot listen on ${where}: no such address on this machine`)
  return new ProxlbError(`cannot listen on ${where}: ${error.message}`)
}
