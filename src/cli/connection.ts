/**
 * The connection flags every command that talks to a cluster shares (snapshot, plan, and
 * later apply, drain, balance), and the effects around src/config: finding and reading
 * the config file, reading password, token secret and CA files, opening the client.
 *
 * Precedence, setting by setting: flags, then PROXLB_* environment variables, then the
 * credentials systemd passes a service ($CREDENTIALS_DIRECTORY), then the config file (-c,
 * PROXLB_CONFIG, or /etc/proxlb/proxlb.conf when it exists), then defaults. Secrets are read here and handed to the client only; they never reach a
 * message: errors name the flag, variable or file a secret came from, not the secret.
 */
import {existsSync, readFileSync, statSync} from 'node:fs'
import * as Flags from '@oclif/core/flags'
import {readConfigFile} from '../config/config-file.js'
import {ConfigurationError, type ConnectionPlan, credentialsLayer, environmentLayer, hasHosts, missingPassword, resolveConnection, resolveTransport, type StoredSecret} from '../config/connection.js'
import type {ConnectionField, ConnectionLayer, LoadedConfig, SourcedLayer} from '../config/types.js'
import type {Credentials} from '../proxmox/auth.js'
import type {Endpoint} from '../proxmox/hosts.js'
import type {TlsSettings} from '../proxmox/tls.js'
import type {ClientEvent, ProxmoxClient} from '../proxmox/client.js'
import {INPUT_LIMITS, readInputFile} from './files.js'
import {canPrompt, promptSecret} from './prompt.js'

export const DEFAULT_CONFIG_FILE = '/etc/proxlb/proxlb.conf'

const helpGroup = 'CONNECTION'

/** Spread into a command's flags: `static flags = {...CONNECTION_FLAGS, ...}`. */
export const CONNECTION_FLAGS = {
  config: Flags.string({char: 'c', helpGroup, helpValue: 'FILE', summary: `Config file: proxlb YAML, or ProxLB's own (YAML or INI). Default: $PROXLB_CONFIG, else ${DEFAULT_CONFIG_FILE} if it exists.`}),
  host: Flags.string({char: 'H', helpGroup, helpValue: 'HOST', multiple: true, summary: 'Proxmox host, tried in order when repeated or comma-separated: host, host:port, [IPv6]:port (port 8006 by default). Env: PROXLB_HOST.'}),
  user: Flags.string({char: 'u', helpGroup, helpValue: 'USER@REALM', summary: 'User for password login, e.g. proxlb@pve. Env: PROXLB_USER.'}),
  'password-file': Flags.string({helpGroup, helpValue: 'FILE', summary: 'File whose first line is the password. Env: PROXLB_PASSWORD_FILE, or the password itself in PROXLB_PASSWORD.'}),
  password: Flags.string({helpGroup, helpValue: 'PASSWORD', summary: 'The password itself: visible to every user in ps, prefer --password-file or PROXLB_PASSWORD.'}),
  'token-id': Flags.string({helpGroup, helpValue: 'USER@REALM!NAME', summary: 'API token id, e.g. proxlb@pve!balancer. Env: PROXLB_TOKEN_ID.'}),
  'token-secret-file': Flags.string({helpGroup, helpValue: 'FILE', summary: "File whose first line is the API token's secret. Env: PROXLB_TOKEN_SECRET_FILE, or the secret in PROXLB_TOKEN_SECRET."}),
  'token-secret': Flags.string({helpGroup, helpValue: 'SECRET', summary: 'The API token secret itself: visible in ps, prefer --token-secret-file or PROXLB_TOKEN_SECRET.'}),
  'ca-file': Flags.string({helpGroup, helpValue: 'FILE', summary: 'PEM file of the CA to trust, e.g. a copy of /etc/pve/pve-root-ca.pem. Env: PROXLB_CA_FILE.'}),
  fingerprint: Flags.string({helpGroup, helpValue: 'SHA256', multiple: true, summary: "Accept the certificate with this SHA-256 fingerprint, whoever signed it (repeat for each node). Env: PROXLB_FINGERPRINT."}),
  insecure: Flags.boolean({helpGroup, allowNo: true, summary: 'Do not verify TLS certificates at all (a warning says what that risks). Env: PROXLB_INSECURE=1.'}),
  timeout: Flags.integer({helpGroup, helpValue: 'SECONDS', min: 1, max: 3600, summary: 'Most seconds one API request may take (default 30). Env: PROXLB_TIMEOUT.'}),
  retries: Flags.integer({helpGroup, helpValue: 'N', min: 0, max: 10, summary: 'Tries again for failed reads on network errors, 5xx and 595/596 (default 3). Env: PROXLB_RETRIES.'}),
}

/** The connection flags of a command whose users log in themselves (serve): where the cluster is and how to trust it. */
export const TRANSPORT_FLAGS = {
  config: CONNECTION_FLAGS.config,
  host: CONNECTION_FLAGS.host,
  'ca-file': CONNECTION_FLAGS['ca-file'],
  fingerprint: CONNECTION_FLAGS.fingerprint,
  insecure: CONNECTION_FLAGS.insecure,
  timeout: CONNECTION_FLAGS.timeout,
  retries: CONNECTION_FLAGS.retries,
}

/** Where the cluster is and how to trust it (the CA file read), without credentials; warnings go to `warn`. */
export function clusterTransport(sources: ConnectionSources, warn: (line: string) => void): {endpoints: Endpoint[]; tls: TlsSettings; timeoutMs: number; retries: number} {
  const plan = resolveTransport(sources.layers)
  plan.warnings.forEach(warn)
  return {
    endpoints: plan.endpoints,
    tls: {...(plan.tls.caFile ? {ca: readCaFile(plan.tls.caFile)} : {}), insecure: plan.tls.insecure, fingerprints: plan.tls.fingerprints},
    timeoutMs: plan.timeoutMs,
    retries: plan.retries,
  }
}

/** The connection flags as oclif parsed them. */
export interface ConnectionFlags {
  config?: string
  host?: string[]
  user?: string
  'password-file'?: string
  password?: string
  'token-id'?: string
  'token-secret-file'?: string
  'token-secret'?: string
  'ca-file'?: string
  fingerprint?: string[]
  insecure?: boolean
  timeout?: number
  retries?: number
}

/** Where a command's connection settings come from: the layers in precedence order, and the config file if any. */
export interface ConnectionSources {
  layers: SourcedLayer[]
  config?: LoadedConfig
}

export function connectionSources(flags: ConnectionFlags, env: NodeJS.ProcessEnv, warn: (line: string) => void): ConnectionSources {
  const config = loadConfig(flags.config, env, warn)
  const credentials = credentialsLayer(env, hasContent)
  const layers = [flagsLayer(flags, warn), environmentLayer(env), ...(credentials ? [credentials] : []), ...(config ? [config.connection] : [])]
  return {layers, ...(config ? {config} : {})}
}

/** Whether a file exists and holds more than white space (a credential's fallback is a blank line). */
function hasContent(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').trim() !== ''
  } catch {
    return false
  }
}

/** Whether flags, environment or config name a cluster to talk to. */
export function wantsCluster(sources: ConnectionSources): boolean {
  return hasHosts(sources.layers)
}

const FLAG_FIELDS: [keyof ConnectionFlags, ConnectionField][] = [
  ['host', 'hosts'], ['user', 'user'], ['password', 'password'], ['password-file', 'passwordFile'], ['token-id', 'tokenId'],
  ['token-secret', 'tokenSecret'], ['token-secret-file', 'tokenSecretFile'], ['ca-file', 'caFile'], ['fingerprint', 'fingerprints'],
  ['insecure', 'insecure'], ['timeout', 'timeoutSeconds'], ['retries', 'retries'],
]

function flagsLayer(flags: ConnectionFlags, warn: (line: string) => void): SourcedLayer {
  const settings: Record<string, unknown> = {}
  const where: Partial<Record<ConnectionField, string>> = {}
  for (const [flag, field] of FLAG_FIELDS) {
    const value = flags[flag]
    if (value === undefined) continue
    settings[field] = value
    where[field] = field === 'insecure' && value === false ? '--no-insecure' : `--${flag}`
  }
  if (flags.password !== undefined) warn('--password puts the password where every user of this machine can read it (ps, shell history): use --password-file or PROXLB_PASSWORD')
  if (flags['token-secret'] !== undefined) warn('--token-secret puts the secret where every user of this machine can read it (ps, shell history): use --token-secret-file or PROXLB_TOKEN_SECRET')
  return {source: 'flags', settings: settings as ConnectionLayer, where}
}

function loadConfig(flagPath: string | undefined, env: NodeJS.ProcessEnv, warn: (line: string) => void): LoadedConfig | undefined {
  const explicit = flagPath ?? (env.PROXLB_CONFIG?.trim() || undefined)
  const path = explicit ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined)
  if (!path) return undefined
  const config = readConfigFile(readInputFile(path, 'config file', INPUT_LIMITS.text), path)
  config.warnings.forEach(warn)
  if (config.connection.settings.password !== undefined || config.connection.settings.tokenSecret !== undefined) warnIfShared(path, 'it holds a secret', warn)
  return config
}

/**
 * Reads the secrets (asking for a password on a terminal if none is given) and the CA file
 * the settings name, and opens a client with up to `connections` sockets (as many as
 * requests the caller keeps in flight).
 */
export async function openClient(plan: ConnectionPlan, warn: (line: string) => void, onEvent?: (event: ClientEvent) => void, connections?: number): Promise<ProxmoxClient> {
  // Required here, not imported: commands that may never talk to a cluster (plan of a file) do not load the HTTP stack.
  const {ProxmoxClient} = require('../proxmox/client.js') as typeof import('../proxmox/client.js')
  return new ProxmoxClient({
    endpoints: plan.endpoints,
    credentials: await credentialsOf(plan, warn),
    tls: {
      ...(plan.tls.caFile ? {ca: readCaFile(plan.tls.caFile)} : {}),
      insecure: plan.tls.insecure,
      fingerprints: plan.tls.fingerprints,
    },
    timeoutMs: plan.timeoutMs,
    retries: plan.retries,
    ...(connections ? {connections} : {}),
    ...(onEvent ? {onEvent} : {}),
  })
}

/** The PEM certificates of a CA file; refused when it holds none, rather than trusting nothing more and failing later. */
function readCaFile(source: {file: string; where: string}): string {
  const {caCertificates} = require('../proxmox/tls.js') as typeof import('../proxmox/tls.js')
  const {pem, why} = caCertificates(readInputFile(source.file, `CA file (${source.where})`, INPUT_LIMITS.pem))
  if (pem.length === 0) throw new ConfigurationError(`CA file ${source.file} (${source.where}) holds no PEM certificate: ${why}; give the cluster's CA in PEM form, e.g. a copy of /etc/pve/pve-root-ca.pem`)
  return pem.join('\n')
}

/** Merges the sources into a plan to connect; warnings (insecure, plain http) go to `warn`. */
export function connectionPlan(sources: ConnectionSources, warn: (line: string) => void): ConnectionPlan {
  const plan = resolveConnection(sources.layers)
  plan.warnings.forEach(warn)
  return plan
}

async function credentialsOf(plan: ConnectionPlan, warn: (line: string) => void): Promise<Credentials> {
  if (plan.auth.kind === 'token') return {kind: 'token', tokenId: plan.auth.tokenId, secret: readSecret(plan.auth.secret, `secret of API token ${plan.auth.tokenId}`, warn)}
  const {user, password} = plan.auth
  if ('prompt' in password) {
    if (!canPrompt()) throw new ConfigurationError(missingPassword(user, password.where))
    return {kind: 'password', user, password: await promptSecret(`Password for ${user} at ${plan.endpoints[0].origin}: `)}
  }
  return {kind: 'password', user, password: readSecret(password, `password of ${user}`, warn)}
}

function readSecret(source: StoredSecret, what: string, warn: (line: string) => void): string {
  if ('value' in source) {
    if (source.value === '') throw new ConfigurationError(`${source.where}: the ${what} is empty`)
    return source.value
  }
  const text = new TextDecoder().decode(readInputFile(source.file, `file with the ${what} (${source.where})`, INPUT_LIMITS.secret))
  const secret = text.split(/\r?\n/)[0]
  if (secret === '') throw new ConfigurationError(`${source.file} (${source.where}): the first line, which should hold the ${what}, is empty`)
  warnIfShared(source.file, `it holds the ${what}`, warn)
  return secret
}

/** A file holding a secret should be readable by its owner only. */
function warnIfShared(path: string, why: string, warn: (line: string) => void): void {
  try {
    const mode = statSync(path).mode & 0o777
    if (mode & 0o077) {
      warn(`${path} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}) although ${why}: chmod 600 ${path}`)
    }
  } catch {
    // Reading it already succeeded or failed with its own message; the mode is only advice.
  }
}

