/**
 * Connection settings from every source, merged: command-line flags over PROXLB_*
 * environment variables over the config file over defaults, setting by setting. The
 * way of logging in (password or API token) comes whole from the highest source that
 * names one, so a token on the command line is never mixed with a password from a file.
 * The result names the files still to read (password, token secret, CA); reading them is
 * the caller's business. Pure: settings in, a plan to connect or a ConfigurationError out.
 */
import {ProxlbError} from '../model/problems.js'
import {tokenIdProblem, userIdProblem} from '../proxmox/auth.js'
import {type Endpoint, parseHosts} from '../proxmox/hosts.js'
import {normalizeFingerprint} from '../proxmox/fingerprint.js'
import type {ConnectionField, ConnectionLayer, SourcedLayer} from './types.js'

export const DEFAULT_TIMEOUT_SECONDS = 30
export const DEFAULT_RETRIES = 3

/** A setting that cannot work, named by where it was written. */
export class ConfigurationError extends ProxlbError {}

/** A secret given inline, in a file, or to be asked for on the terminal, with where it came from. */
export type StoredSecret = {value: string; where: string} | {file: string; where: string}
export type SecretSource = StoredSecret | {prompt: true; where: string}

const CREDENTIALS_HINT = 'give --user with --password-file (or PROXLB_PASSWORD), or --token-id with --token-secret-file (or PROXLB_TOKEN_SECRET)'

/** Why a user without a password cannot log in where nobody can be asked for it. */
export function missingPassword(user: string, where: string): string {
  return `no password for ${user} (${where}): ${CREDENTIALS_HINT}`
}

export interface ConnectionPlan {
  endpoints: Endpoint[]
  auth: {kind: 'password'; user: string; password: SecretSource} | {kind: 'token'; tokenId: string; secret: StoredSecret}
  tls: {caFile?: {file: string; where: string}; insecure: boolean; fingerprints: string[]}
  timeoutMs: number
  retries: number
  warnings: string[]
}

/** The environment variables proxlb reads, with the setting each one gives. */
export const ENVIRONMENT: Record<string, ConnectionField> = {
  PROXLB_HOST: 'hosts',
  PROXLB_USER: 'user',
  PROXLB_PASSWORD: 'password',
  PROXLB_PASSWORD_FILE: 'passwordFile',
  PROXLB_TOKEN_ID: 'tokenId',
  PROXLB_TOKEN_SECRET: 'tokenSecret',
  PROXLB_TOKEN_SECRET_FILE: 'tokenSecretFile',
  PROXLB_CA_FILE: 'caFile',
  PROXLB_INSECURE: 'insecure',
  PROXLB_FINGERPRINT: 'fingerprints',
  PROXLB_TIMEOUT: 'timeoutSeconds',
  PROXLB_RETRIES: 'retries',
}

/** The connection settings in PROXLB_* variables; empty variables count as unset. */
export function environmentLayer(env: Readonly<Record<string, string | undefined>>): SourcedLayer {
  const settings: ConnectionLayer = {}
  const where: Partial<Record<ConnectionField, string>> = {}
  for (const [name, field] of Object.entries(ENVIRONMENT)) {
    const raw = env[name]
    if (raw === undefined || raw.trim() === '') continue
    where[field] = name
    const value = raw.trim()
    switch (field) {
      case 'hosts':
      case 'fingerprints':
        settings[field] = value.split(/[\s,]+/).filter(Boolean)
        break
      case 'insecure': {
        const flag = parseFlag(value)
        if (flag === undefined) throw new ConfigurationError(`${name}: expected 1 or 0 (true or false), got ${JSON.stringify(raw)}`)
        settings.insecure = flag
        break
      }
      case 'timeoutSeconds':
      case 'retries':
        settings[field] = Number(value)
        break
      case 'password':
      case 'tokenSecret':
        // Secrets are taken as they are: a password may begin or end with a space.
        settings[field] = raw
        break
      default:
        settings[field] = value
    }
  }
  return {source: 'environment', settings, where}
}

/**
 * The credentials systemd hands a service (LoadCredential=, SetCredential=): in the folder
 * $CREDENTIALS_DIRECTORY, a file `token-secret` holds the API token's secret and a file
 * `password` the user's password, each on its first line. A credential that is missing or
 * blank counts as not given, like an empty variable: the packaged unit falls back to a blank
 * line (SetCredential=ID:\n; systemd refuses an empty value) for the way of logging in that
 * is not used. `hasContent` says whether a file exists and holds more than white space (the
 * caller's file system; this module reads none).
 */
export const CREDENTIAL_FILES: Record<string, 'tokenSecretFile' | 'passwordFile'> = {'token-secret': 'tokenSecretFile', password: 'passwordFile'}

export function credentialsLayer(env: Readonly<Record<string, string | undefined>>, hasContent: (path: string) => boolean): SourcedLayer | undefined {
  const directory = env.CREDENTIALS_DIRECTORY?.trim()
  if (!directory) return undefined
  const settings: ConnectionLayer = {}
  const where: Partial<Record<ConnectionField, string>> = {}
  for (const [name, field] of Object.entries(CREDENTIAL_FILES)) {
    const path = `${directory.replace(/\/+$/, '')}/${name}`
    if (!hasContent(path)) continue
    settings[field] = path
    where[field] = `the ${name} credential ($CREDENTIALS_DIRECTORY/${name})`
  }
  return Object.keys(settings).length ? {source: 'systemd credentials', settings, where} : undefined
}

function parseFlag(value: string): boolean | undefined {
  const v = value.toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(v)) return true
  if (['0', 'false', 'no', 'off'].includes(v)) return false
  return undefined
}

/** Whether any source says where the cluster is: then proxlb talks to it rather than reading files. */
export function hasHosts(layers: readonly SourcedLayer[]): boolean {
  return layers.some((layer) => layer.settings.hosts !== undefined && layer.settings.hosts.length > 0)
}

/** Merges layers, highest precedence first, into a plan to connect. */
export function resolveConnection(layers: readonly SourcedLayer[]): ConnectionPlan {
  const transport = resolveTransport(layers)
  return {...transport, auth: resolveAuth(layers)}
}

/**
 * Where and how to reach the cluster, without whom to log in as: `proxlb serve`, whose
 * users log in with their own Proxmox credentials.
 */
export function resolveTransport(layers: readonly SourcedLayer[]): Omit<ConnectionPlan, 'auth'> {
  const warnings: string[] = []
  const first = <K extends ConnectionField>(field: K): {value: NonNullable<ConnectionLayer[K]>; where: string} | undefined => {
    for (const layer of layers) {
      const value = layer.settings[field]
      if (value !== undefined) return {value: value as NonNullable<ConnectionLayer[K]>, where: layer.where[field] ?? layer.source}
    }
    return undefined
  }

  const hosts = first('hosts')
  if (!hosts) throw new ConfigurationError('no Proxmox host given: pass --host (or set PROXLB_HOST, or connection.hosts in the config file)')
  const parsed = parseHosts(hosts.value)
  if (!parsed.ok) throw new ConfigurationError(`${hosts.where}: ${parsed.message}`)
  const plainHttp = parsed.endpoints.filter((e) => e.scheme === 'http')
  if (plainHttp.length > 0) warnings.push(`${plainHttp.map((e) => e.origin).join(', ')} is plain http: credentials and cluster data cross the network unencrypted`)

  const fingerprints = first('fingerprints')
  const pins = (fingerprints?.value ?? []).map((text) => {
    const normalized = normalizeFingerprint(text)
    if (typeof normalized !== 'string') throw new ConfigurationError(`${fingerprints!.where}: ${normalized.error}`)
    return normalized
  })
  const caFile = first('caFile')
  const insecureSetting = first('insecure')
  let insecure = insecureSetting?.value ?? false
  if (insecure && pins.length > 0) {
    warnings.push(`${insecureSetting!.where} is ignored: the certificate is pinned by fingerprint (${fingerprints!.where}), which is safer`)
    insecure = false
  } else if (insecure) {
    warnings.push(`TLS certificate verification is off (${insecureSetting!.where}): anyone between proxlb and the cluster can read the credentials and the cluster's data; prefer --ca-file or --fingerprint`)
    if (caFile) warnings.push(`${caFile.where} is ignored: certificate verification is off (${insecureSetting!.where})`)
  }

  const timeout = first('timeoutSeconds')
  if (timeout && !(Number.isFinite(timeout.value) && timeout.value > 0 && timeout.value <= 3600)) {
    throw new ConfigurationError(`${timeout.where}: expected a number of seconds above 0 and at most 3600, got ${JSON.stringify(String(timeout.value))}`)
  }
  const retries = first('retries')
  if (retries && !(Number.isInteger(retries.value) && retries.value >= 0 && retries.value <= 10)) {
    throw new ConfigurationError(`${retries.where}: expected a whole number from 0 to 10, got ${JSON.stringify(String(retries.value))}`)
  }

  return {
    endpoints: parsed.endpoints,
    tls: {...(caFile && !insecure ? {caFile: {file: caFile.value, where: caFile.where}} : {}), insecure, fingerprints: pins},
    timeoutMs: Math.round((timeout?.value ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
    retries: retries?.value ?? DEFAULT_RETRIES,
    warnings,
  }
}

const PASSWORD_FIELDS = ['password', 'passwordFile'] as const
const TOKEN_FIELDS = ['tokenId', 'tokenSecret', 'tokenSecretFile'] as const

function resolveAuth(layers: readonly SourcedLayer[]): ConnectionPlan['auth'] {
  const mentions = (layer: SourcedLayer, fields: readonly ConnectionField[]) => fields.some((f) => layer.settings[f] !== undefined)
  const decider = layers.find((layer) => mentions(layer, PASSWORD_FIELDS) || mentions(layer, TOKEN_FIELDS))
  if (!decider) {
    const userLayer = layers.find((layer) => layer.settings.user !== undefined)
    if (!userLayer) throw new ConfigurationError(`no credentials: ${CREDENTIALS_HINT}`)
    const user = userLayer.settings.user!
    const problem = userIdProblem(user)
    if (problem) throw new ConfigurationError(`${userLayer.where.user}: ${problem}`)
    // A user without a password: asked for on a terminal, refused elsewhere (see missingPassword).
    return {kind: 'password', user, password: {prompt: true, where: userLayer.where.user ?? userLayer.source}}
  }
  if (mentions(decider, PASSWORD_FIELDS) && mentions(decider, TOKEN_FIELDS)) {
    const a = PASSWORD_FIELDS.find((f) => decider.settings[f] !== undefined)!
    const b = TOKEN_FIELDS.find((f) => decider.settings[f] !== undefined)!
    throw new ConfigurationError(`${decider.where[a]} and ${decider.where[b]}: a password and an API token are both given; keep one`)
  }
  // Within the chosen way of logging in, each setting still comes from the highest source that has it.
  const secretFrom = (inline: 'password' | 'tokenSecret', file: 'passwordFile' | 'tokenSecretFile'): StoredSecret | undefined => {
    for (const layer of layers) {
      const value = layer.settings[inline]
      const path = layer.settings[file]
      if (value !== undefined && path !== undefined) throw new ConfigurationError(`${layer.where[inline]} and ${layer.where[file]}: give the secret or a file holding it, not both`)
      if (value !== undefined) return {value, where: layer.where[inline] ?? layer.source}
      if (path !== undefined) return {file: path, where: layer.where[file] ?? layer.source}
    }
    return undefined
  }

  if (mentions(decider, TOKEN_FIELDS)) {
    const id = layers.find((layer) => layer.settings.tokenId !== undefined)
    if (!id) throw new ConfigurationError(`an API token secret is given (${decider.where.tokenSecret ?? decider.where.tokenSecretFile}) but no token id: pass --token-id user@realm!name (or PROXLB_TOKEN_ID)`)
    const tokenId = id.settings.tokenId!
    const problem = tokenIdProblem(tokenId)
    if (problem) throw new ConfigurationError(`${id.where.tokenId}: ${problem}`)
    const secret = secretFrom('tokenSecret', 'tokenSecretFile')
    if (!secret) throw new ConfigurationError(`no secret for API token ${tokenId} (${id.where.tokenId}): pass --token-secret-file FILE (or set PROXLB_TOKEN_SECRET)`)
    return {kind: 'token', tokenId, secret}
  }
  const userLayer = layers.find((layer) => layer.settings.user !== undefined)
  if (!userLayer) throw new ConfigurationError('a password is given but no user: pass --user name@realm (or PROXLB_USER)')
  const user = userLayer.settings.user!
  const problem = userIdProblem(user)
  if (problem) throw new ConfigurationError(`${userLayer.where.user}: ${problem}`)
  return {kind: 'password', user, password: secretFrom('password', 'passwordFile')!}
}
