/**
 * What proxlb takes from a configuration file, whatever its format (proxlb's YAML, the
 * original ProxLB's INI): connection settings as one layer among flags and environment,
 * the policy to use, and the balance service's settings. Each setting remembers where it
 * was written, so a problem found later (a bad host, an unreadable password file) names
 * the place to fix.
 */
import type {LoadedPolicy} from '../model/policy.js'
import type {Path} from '../model/yaml-document.js'

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
  format: 'yaml' | 'proxlb-ini' | 'proxlb-yaml'
  connection: SourcedLayer
  /** A path to a policy file (resolved against the config file), or a policy written in the config. */
  policy?: {path: string} | {inline: LoadedPolicy; label: string}
  service: ServiceSettings
  warnings: string[]
}

/**
 * A setting of a ProxLB config that proxlb does not carry over, with why. `quiet` ones
 * change nothing proxlb would do (a default, a log level): only `config convert` lists
 * them; the others are also warned about whenever the file is read in place.
 */
export interface DroppedSetting {
  /** `file:line: key`. */
  where: string
  why: string
  quiet?: boolean
}

/** A ProxLB config (INI or YAML) in proxlb's terms, before its policy is compiled. */
export interface MappedProxlbConfig {
  file: string
  format: 'proxlb-ini' | 'proxlb-yaml'
  connection: SourcedLayer
  /** A policy document (apiVersion, kind, name, ...), ProxLB's defaults where the file says nothing. */
  policy: Record<string, unknown>
  /** Where each policy path came from in the ProxLB file, for messages. */
  locatePolicy: (path: Path) => string
  /** What the policy is called in messages: `the [balancing] section of FILE`. */
  policyLabel: string
  service: ServiceSettings
  dropped: DroppedSetting[]
}
