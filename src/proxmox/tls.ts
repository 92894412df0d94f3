/**
 * How proxlb trusts a Proxmox VE server: the system CAs by default, a private CA file
 * (`--ca-file`, e.g. the cluster's /etc/pve/pve-root-ca.pem), certificates pinned by
 * SHA-256 fingerprint, or, only when asked, nothing at all (`--insecure`).
 *
 * Node's fetch takes these settings through an undici dispatcher. A pinned certificate
 * is accepted whatever signed it (Proxmox nodes mostly have self-signed ones), and
 * nothing else is: the handshake runs without chain verification, then the connector
 * compares the peer certificate's fingerprint with the pins before any byte of the
 * request is written. This module also keeps the HTTP connections: one pool per run,
 * keep-alive, a bounded number of sockets per host.
 */
import {X509Certificate} from 'node:crypto'
import {Agent, buildConnector} from 'undici'

export interface TlsSettings {
  /** PEM text of extra CAs to trust (besides the system ones). */
  ca?: string
  /** Accept any certificate: no verification at all. */
  insecure?: boolean
  /** SHA-256 fingerprints (normalized, AA:BB:...) of certificates to accept. */
  fingerprints?: readonly string[]
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g

/**
 * The certificates of a CA file, as PEM blocks Node's TLS will trust; empty when it holds
 * none (Node's TLS skips what is not a PEM certificate silently, so a wrong file would
 * only show as "unable to verify" later). `why` says what the file seems to hold instead.
 */
export function caCertificates(bytes: Uint8Array): {pem: string[]; why: string} {
  const text = Buffer.from(bytes).toString('latin1')
  const pem = [...text.matchAll(PEM_CERTIFICATE)].map((m) => m[0]).filter((block) => {
    try {
      new X509Certificate(block)
      return true
    } catch {
      return false
    }
  })
  const why =
    pem.length > 0 ? ''
    : /-----BEGIN CERTIFICATE-----/.test(text) ? 'its certificate block is damaged'
    : /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) ? 'it holds a private key, not a certificate'
    : bytes[0] === 0x30 ? 'it looks like a DER (binary) certificate: convert it with openssl x509 -inform der -in FILE -out ca.pem'
    : 'it holds no "-----BEGIN CERTIFICATE-----" block'
  return {pem, why}
}

export interface DispatcherSettings {
  tls: TlsSettings
  /** Most time to establish a connection, TLS included. */
  connectTimeoutMs: number
  /** Most sockets open to one host at once. */
  connections: number
}

/** An undici dispatcher that trusts what `settings.tls` says and nothing else. */
export function createDispatcher(settings: DispatcherSettings): Agent {
  const {tls} = settings
  const pins = tls.fingerprints ?? []
  const common = {connections: settings.connections, keepAliveTimeout: 10_000, pipelining: 1}
  if (pins.length === 0) {
    return new Agent({
      ...common,
      connect: {timeout: settings.connectTimeoutMs, rejectUnauthorized: !tls.insecure, ...(tls.ca ? {ca: tls.ca} : {})},
    })
  }
  // No TLS session resumption: a resumed session does not show the peer certificate again,
  // and every connection must show the one that is pinned.
  const connect = buildConnector({timeout: settings.connectTimeoutMs, rejectUnauthorized: false, maxCachedSessions: 0})
  return new Agent({
    ...common,
    connect(options, callback) {
      connect(options, (error, socket) => {
        if (error) return callback(error, null)
        if (!('getPeerCertificate' in socket)) return callback(null, socket) // plain http: nothing to pin
        const found = socket.getPeerCertificate().fingerprint256 ?? ''
        if (pins.includes(found)) return callback(null, socket)
        socket.destroy()
        const mismatch = Object.assign(
          new Error(`its TLS certificate has fingerprint ${found || '(none)'}, which is not ${pins.length === 1 ? 'the pinned one' : 'one of the pinned ones'} (${pins.join(', ')}): someone may be in between, or the certificate was renewed; check it on the node and update --fingerprint`),
          {code: 'PROXLB_FINGERPRINT_MISMATCH'},
        )
        callback(mismatch, null)
      })
    },
  })
}
