/**
 * A Proxmox VE API server seeded from a snapshot: `startEmulator({snapshot})` listens on
 * HTTPS (or HTTP) and answers the operations proxlb and other clients such as ProxLB use,
 * the way a small PVE 9 cluster would: same paths, fields, 0/1 booleans, error shapes and
 * status codes, ticket/CSRF and API token authentication, migrations that take time, lock
 * the guest and move it, HA-managed guests going through the HA stack, and faults on
 * demand. It serves tests (every test of a command that talks to a cluster runs against
 * it over real HTTP(S) on loopback), demos and rehearsals (`proxlb emulate`).
 *
 * Not for production: it holds everything in memory and implements only the operations in
 * pve-api.json that read state, migrate guests and follow tasks.
 */
import {createServer as createHttpServer, type Server} from 'node:http'
import {createServer as createHttpsServer} from 'node:https'
import type {AddressInfo} from 'node:net'
import {consistencyProblems, type Snapshot} from '../model/snapshot.js'
import {InvalidInputError, ProxlbError} from '../model/problems.js'
import type {Services} from './api.js'
import {Authenticator, DEFAULT_USERS, type EmulatorAccess, type EmulatorToken, type EmulatorUser} from './auth.js'
import {certificateNames, fingerprintOf, selfSignedCertificate} from './certificate.js'
import {Cluster, GiB} from './cluster.js'
import {type FaultController, Faults} from './faults.js'
import {Migrations} from './migration.js'
import {type CallRecord, requestHandler} from './server.js'
import {TaskRegistry} from './tasks.js'

export type {EmulatorAccess, EmulatorToken, EmulatorUser, Grant} from './auth.js'
export type {FaultController} from './faults.js'
export type {CallRecord} from './server.js'

export interface EmulatorOptions {
  /** Seed state. */
  snapshot: Snapshot
  /** Default 127.0.0.1. */
  host?: string
  /** Default 8006; 0 = any free port. */
  port?: number
  /** Plain HTTP instead of HTTPS. */
  http?: boolean
  /** PEM; default: a self-signed certificate made at start. */
  tls?: {cert: string; key: string}
  /** Default [{userid: 'root@pam', password: 'proxlb'}]. */
  users?: EmulatorUser[]
  tokens?: EmulatorToken[]
  /** Roles, groups and ACL entries beside the users' and tokens' own grants (PVE's privilege model). */
  access?: EmulatorAccess
  migration?: {
    /** Bytes per second of guest memory (+ local disks), default 1 GiB/s. */
    bandwidth?: number
    /** Migration tasks end on the next tick (still asynchronously). */
    instant?: boolean
    /** How long the HA stack takes to act on a request; default 0 when instant, else 1000 ms. */
    haDelayMs?: number
  }
  /** Default 2 h, like PVE. */
  ticketLifetimeMs?: number
  /** Delay before answering 401, default 0 (real PVE: about 3 s). */
  authDelayMs?: number
  /** Seed of the PRNG behind faults.errorRate (default 1). */
  seed?: number
  /** Called after every answered request (for logging in `proxlb emulate --verbose`). */
  onCall?(call: CallRecord & {ms: number}): void
}

export interface Emulator {
  /** e.g. https://127.0.0.1:40123 */
  url: string
  host: string
  port: number
  /** The served certificate (HTTPS only), e.g. for --ca-file. */
  certificatePem?: string
  /** SHA-256 fingerprint of the certificate, colon-separated upper-case hex. */
  fingerprint?: string
  faults: FaultController
  /** The current cluster as a snapshot: where every guest is now, locks, node status. */
  state(): Snapshot
  /** Every request answered, in order. */
  calls(): CallRecord[]
  close(): Promise<void>
}

function createServer(tls: {cert: string; key: string} | undefined, handler: ReturnType<typeof requestHandler>): Server {
  if (!tls) return createHttpServer(handler)
  try {
    return createHttpsServer({cert: tls.cert, key: tls.key}, handler)
  } catch (error) {
    throw new ProxlbError(`cannot serve HTTPS with the given certificate and key: ${(error as Error).message.replace(/^error:[0-9A-F]+:[^:]*::/, '')}`)
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`
  if (error.code === 'EADDRINUSE') return new ProxlbError(`cannot listen on ${where}: the port is in use (choose another with --port, or 0 for any free port)`)
  if (error.code === 'EACCES') return new ProxlbError(`cannot listen on ${where}: permission denied (ports below 1024 need root; choose another with --port)`)
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new ProxlbError(`cannot listen on ${where}: no such address on this machine (see --host)`)
  return new ProxlbError(`cannot listen on ${where}: ${error.message}`)
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const problems = consistencyProblems(options.snapshot, 'seed snapshot')
  if (problems.length > 0) throw new InvalidInputError(problems)
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 8006
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be 0..65535, got ${port}`)
  const bandwidth = options.migration?.bandwidth ?? GiB
  if (!(bandwidth > 0)) throw new RangeError(`migration bandwidth must be > 0 bytes/s, got ${bandwidth}`)
  const instant = options.migration?.instant ?? false

  const cluster = new Cluster(options.snapshot)
  const tasks = new TaskRegistry()
  const migrations = new Migrations(cluster, tasks, {bandwidth, instant, haDelayMs: options.migration?.haDelayMs ?? (instant ? 0 : 1000)})
  const auth = new Authenticator(options.users ?? DEFAULT_USERS, options.tokens ?? [], options.ticketLifetimeMs ?? 2 * 3600 * 1000, options.access, () => cluster.poolMembers())
  const faults = new Faults(
    {
      knowsNode: (node) => cluster.node(node) !== undefined,
      setNodeDown: (node, down) => {
        cluster.setNodeStatus(node, down ? 'offline' : 'online')
        if (down) migrations.nodeDown(node)
      },
      restoreNode: (node) => cluster.setNodeStatus(node, cluster.seedStatus(node) ?? 'online'),
      setStorageOffline: (node, storage, offline) => cluster.setStorageOffline(node, storage, offline),
      fillStorage: (node, storage, bytes) => {
        const served = cluster.storage(node, storage)
        if (served) cluster.reserve(served, bytes)
        return served !== undefined
      },
      failMigration: (vmid, reason) => migrations.failNext(vmid, reason),
      clearMigrationFailures: () => migrations.clearFailures(),
      expireTickets: () => auth.expireTickets(),
    },
    options.seed ?? 1,
  )

  const tls = options.http ? undefined : options.tls ?? selfSignedCertificate(certificateNames(host))
  const fingerprint = tls ? fingerprintOf(tls.cert) : undefined
  const services: Services = {cluster, tasks, migrations, auth, fingerprint}
  const calls: CallRecord[] = []
  const handler = requestHandler({
    services,
    faults,
    authDelayMs: options.authDelayMs ?? 0,
    record: (call, ms) => {
      calls.push(call)
      options.onCall?.({...call, ms})
    },
  })
  const server = createServer(tls, handler)
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)))
    server.listen(port, host, () => resolve())
  })
  const actualPort = (server.address() as AddressInfo).port
  const url = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${actualPort}`

  let closed: Promise<void> | undefined
  return {
    url,
    host,
    port: actualPort,
    ...(tls ? {certificatePem: tls.cert, fingerprint} : {}),
    faults,
    state: () => cluster.snapshot(url, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')),
    calls: () => calls.map((c) => ({...c})),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        migrations.close()
        faults.dispose()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closed
    },
  }
}
