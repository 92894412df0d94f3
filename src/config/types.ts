/**
 * What proxlb takes from a configuration file, whatever its format (proxlb's YAML, the
 * original ProxLB's INI): connection settings as one layer among flags and environment,
 * the policy to use, and the balance service's settings. Each setting remembers where it
 * was written, so a problem found later (a bad host, an unreadable password file) names
 * the place to fix.
 */
import type {LoadedPolicy} from '../model/policy.js'

/** The connection settings one source gives (flags, environment or a config file), not yet checked. */
export interface ConnectionLayer {
  hosts?: string[]
  user?: string
  password?: string
  passwordFile?: string
  tokenId?: string
  tokenSecret?: string
  tokenSecretFile?: string
  caFile?: string
  insecure?: boolean
  fingerprints?: string[]
  timeoutSeconds?: number
  retries?: number
}

export type ConnectionField = keyof ConnectionLayer

export interface SourcedLayer {
  /** `flags`, `environment`, or the config file's path: for messages. */
  source: string
  settings: ConnectionLayer
  /** Where each setting was written: `--host`, `PROXLB_HOST`, `proxlb.conf:3: connection.hosts`. */
  where: Partial<Record<ConnectionField, string>>
}

export interface ServiceSettings {
  enabled?: boolean
  daemon?: boolean
  /** Seconds between two balancing runs in daemon mode. */
  intervalSeconds?: number
}

export interface LoadedConfig {
  file: string
  format: 'yaml' | 'proxlb-ini'
  connection: SourcedLayer
  /** A path to a policy file (resolved against the config file), or a policy written in the config. */
  policy?: {path: string} | {inline: LoadedPolicy; label: string}
  service: ServiceSettings
  warnings: string[]
}
