/**
 * The TLS certificate of the emulator and of proxlb serve: given (PEM), or self-signed at start like a fresh PVE
 * node's. Node.js can make keys but not X.509 certificates, so this asks `openssl` (on
 * every Proxmox node, and on most machines tests run on) for one: an EC P-256 key (fast to
 * make), subject like pve-ssl.pem, the names clients connect by as subjectAltNames.
 * Certificates are cached per set of names for the life of the process: test suites start
 * many emulators.
 */
import {execFileSync} from 'node:child_process'
import {X509Certificate} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {isIP} from 'node:net'
import {join} from 'node:path'
import {ProxlbError} from '../model/problems.js'

export interface Certificate {
  cert: string
  key: string
}

const cache = new Map<string, Certificate>()

/** Names a certificate for `host` should carry: the host itself, loopback, and this machine. */
export function certificateNames(host: string): string[] {
  const names = new Set(['localhost', '127.0.0.1', '::1', hostname()])
  if (host && host !== '0.0.0.0' && host !== '::') names.add(host)
  return [...names]
}

/** Who asks for a certificate, for its subject and for what to do when openssl is missing. */
export interface CertificateUse {
  /** `the emulator`, `proxlb serve`. */
  who: string
  /** What to do instead: `give a certificate with --cert and --key`. */
  instead: string
  /** X.509 subject without CN, e.g. `/OU=PVE Cluster Node/O=Proxmox Virtual Environment`. */
  subject: string
}

const EMULATOR_USE: CertificateUse = {
  who: 'the emulator',
  instead: 'give a certificate with --cert and --key, or serve plain HTTP with --http',
  subject: '/OU=PVE Cluster Node/O=Proxmox Virtual Environment',
}

export function selfSignedCertificate(names: string[], use: CertificateUse = EMULATOR_USE): Certificate {
  const key = `${use.subject}|${names.join(',')}`
  const cached = cache.get(key)
  if (cached) return cached
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-emulator-cert-'))
  try {
    const san = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
    const cn = names.find((n) => !isIP(n) && n !== 'localhost') ?? 'localhost'
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '3650',
      '-subj', `${use.subject}/CN=${cn}`,
      '-addext', `subjectAltName=${san}`,
    ], {stdio: ['ignore', 'ignore', 'pipe']})
    const certificate = {cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8')}
    cache.set(key, certificate)
    return certificate
  } catch (error) {
    const err = error as NodeJS.ErrnoException & {stderr?: Buffer}
    if (err.code === 'ENOENT') {
      throw new ProxlbError(`${use.who} makes its self-signed certificate with openssl, which is not installed (apt install openssl); or ${use.instead}`)
    }
    throw new ProxlbError(`openssl could not make a self-signed certificate: ${String(err.stderr ?? err.message).trim().split('\n')[0]}`)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** SHA-256 fingerprint, colon-separated upper-case hex (as `openssl x509 -fingerprint -sha256`). */
export function fingerprintOf(certPem: string): string {
  try {
    return new X509Certificate(certPem).fingerprint256
  } catch (error) {
    throw new ProxlbError(`the certificate is not a PEM X.509 certificate: ${(error as Error).message}`)
  }
}
