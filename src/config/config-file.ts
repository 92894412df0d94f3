/**
 * Reading a configuration file: proxlb's own YAML (`apiVersion: proxlb/v1`, `kind:
 * Config`, schemas/config.v1.json), the original ProxLB's INI or ProxLB's YAML (1.1, 2.x),
 * told apart by their first meaningful line (`[section]` for INI) and, for YAML, by
 * ProxLB's `proxmox_api` section. Problems are reported all at once at
 * their place (YAML line:column, INI line), like every other proxlb input. Relative
 * paths in the file are resolved against the file's folder. Pure: text in, config out.
 */
import {dirname, resolve} from 'node:path'
import {type LoadedPolicy, POLICY_API_VERSION, policyFromValue} from '../model/policy.js'
import {InvalidInputError} from '../model/problems.js'
import {decodeUtf8} from '../model/text.js'
import {checkYamlSize, readYamlDocument} from '../model/yaml-document.js'
import {parse as parseYaml} from 'yaml'
import type {Config} from '../model/generated/config.v1.js'
import {configFromProxlbIni} from './proxlb-ini.js'
import {configFromProxlbYaml, isProxlbYaml} from './proxlb-yaml.js'
import type {ConnectionField, ConnectionLayer, LoadedConfig, ServiceSettings} from './types.js'

export const CONFIG_KIND = 'Config'

/** Reads a config file of either format; throws InvalidInputError listing every problem. */
export function readConfigFile(input: Uint8Array, file: string): LoadedConfig {
  const decoded = decodeUtf8(input, file)
  if (!decoded.ok) throw new InvalidInputError(decoded.problems)
  const text = decoded.value
  const firstLine = text.split(/\r?\n/).find((line) => !/^\s*([#;].*)?$/.test(line))
  if (firstLine === undefined) {
    throw new InvalidInputError([{file, location: '', message: `the file is empty: a config starts with "apiVersion: ${POLICY_API_VERSION}" and "kind: ${CONFIG_KIND}" (or is a ProxLB INI or YAML file)`}])
  }
  const loaded = /^\s*\[[^\]]+\]\s*$/.test(firstLine) ? configFromProxlbIni(text, file) : isProxlbYaml(parsedOrUndefined(text)) ? configFromProxlbYaml(text, file) : configFromYaml(text, file)
  return {...loaded, connection: {...loaded.connection, settings: resolvePaths(loaded.connection.settings, file)}, policy: loaded.policy && 'path' in loaded.policy ? {path: resolve(dirname(file), loaded.policy.path)} : loaded.policy}
}

function configFromYaml(text: string, file: string): LoadedConfig {
  checkYamlSize(text, file)
  refuseOtherFiles(text, file)
  const {value: record, locate} = readYamlDocument(text, file, {schema: 'config', label: 'config', apiVersion: POLICY_API_VERSION})
  const config = record as unknown as Config
  const c = config.connection ?? {}
  const settings: ConnectionLayer = {}
  const where: Partial<Record<ConnectionField, string>> = {}
  const set = <K extends ConnectionField>(field: K, value: ConnectionLayer[K] | undefined, key: string) => {
    if (value === undefined) return
    settings[field] = value
    where[field] = `${file}:${locate(['connection', key])}`
  }
  const listOf = (v: string | string[] | undefined) => (v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((item) => item.split(/[\s,]+/)).filter(Boolean))
  set('hosts', listOf(c.hosts), 'hosts')
  set('user', c.user, 'user')
  set('password', c.password, 'password')
  set('passwordFile', c.passwordFile, 'passwordFile')
  set('tokenId', c.tokenId, 'tokenId')
  set('tokenSecret', c.tokenSecret, 'tokenSecret')
  set('tokenSecretFile', c.tokenSecretFile, 'tokenSecretFile')
  set('caFile', c.caFile, 'caFile')
  set('insecure', c.insecure, 'insecure')
  set('fingerprints', listOf(c.fingerprints), 'fingerprints')
  set('timeoutSeconds', c.timeout, 'timeout')
  set('retries', c.retries, 'retries')

  let policy: LoadedConfig['policy']
  if (typeof config.policy === 'string') policy = {path: config.policy}
  else if (config.policy) {
    const inline = {apiVersion: POLICY_API_VERSION, ...(config.policy as Record<string, unknown>)}
    const loaded: LoadedPolicy = policyFromValue(inline, file, (path) => locate(['policy', ...path]))
    policy = {inline: loaded, label: `the policy in ${file}`}
  }
  const service: ServiceSettings = {
    ...(config.service?.enabled !== undefined ? {enabled: config.service.enabled} : {}),
    ...(config.service?.daemon !== undefined ? {daemon: config.service.daemon} : {}),
    ...(config.service?.interval !== undefined ? {intervalSeconds: durationSeconds(config.service.interval)} : {}),
  }
  return {file, format: 'yaml', connection: {source: file, settings, where}, ...(policy ? {policy} : {}), service, warnings: policy && 'inline' in policy ? policy.inline.warnings : []}
}

/** The YAML as plain data, or undefined where it does not parse (its reader then says where). */
function parsedOrUndefined(text: string): unknown {
  try {
    return parseYaml(text)
  } catch {
    return undefined
  }
}

/** A file people will pass as a config by mistake, recognized before the schema's generic complaints: a policy. */
function refuseOtherFiles(text: string, file: string): void {
  const value = parsedOrUndefined(text)
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const lineOf = (key: string) => String(text.split(/\r?\n/).findIndex((line) => line.startsWith(`${key}:`)) + 1 || '')
  if (record.kind === 'Policy') {
    throw new InvalidInputError([{file, location: lineOf('kind'), message: 'this is a policy, not a config: pass it with --policy, or name it in a config under "policy:"'}])
  }
}

/** `30m`, `12h`, `1d` in seconds (the schema has checked the form). */
export function durationSeconds(text: string): number {
  const unit = {s: 1, m: 60, h: 3600, d: 86400}[text.slice(-1) as 's' | 'm' | 'h' | 'd']
  return Number(text.slice(0, -1)) * unit
}

function resolvePaths(settings: ConnectionLayer, file: string): ConnectionLayer {
  const base = dirname(file)
  return {
    ...settings,
    ...(settings.passwordFile ? {passwordFile: resolve(base, settings.passwordFile)} : {}),
    ...(settings.tokenSecretFile ? {tokenSecretFile: resolve(base, settings.tokenSecretFile)} : {}),
    ...(settings.caFile ? {caFile: resolve(base, settings.caFile)} : {}),
  }
}
