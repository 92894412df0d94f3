/**
 * `proxlb config convert`: a ProxLB config (the INI of 1.0, the YAML of 1.1 and 2.x) written
 * out as a proxlb config and a proxlb policy, the same settings `balance -c` takes from the
 * ProxLB file in place, plus one line for each setting that does not carry over and why.
 * The files it writes read back to the same connection, service and policy (a test holds
 * it to that). Pure: text in, texts out; writing them is the command's business.
 */
import {documentKind} from '../model/formats.js'
import {parse, stringify} from 'yaml'
import {InvalidInputError} from '../model/problems.js'
import {POLICY_API_VERSION} from '../model/policy.js'
import {CONFIG_KIND} from './config-file.js'
import {mapProxlbIni} from './proxlb-ini.js'
import {isProxlbYaml, mapProxlbYaml} from './proxlb-yaml.js'
import {loadMappedConfig} from './proxlb-mapped.js'
import type {ConnectionLayer, MappedProxlbConfig, ServiceSettings} from './types.js'

export interface Conversion {
  format: MappedProxlbConfig['format']
  /** The proxlb config (YAML); its `policy:` is the policy itself, or `policyPath` when given. */
  config: string
  /** The policy on its own (YAML), for --out-policy. */
  policy: string
  /** `file:line: key: why` for every setting not carried over. */
  notCarried: string[]
  /** Whether the config holds a password or token secret (then it is written for its owner only). */
  holdsSecret: boolean
}

/** Converts a ProxLB config; `policyPath` is what the config names as its policy file (else the policy is written inside it). */
export function convertProxlbConfig(text: string, file: string, policyPath?: string): Conversion {
  const firstLine = text.split(/\r?\n/).find((line) => !/^\s*([#;].*)?$/.test(line))
  const isIni = firstLine !== undefined && /^\s*\[[^\]]+\]\s*$/.test(firstLine)
  if (!isIni) refuseOtherYaml(text, file)
  const mapped = isIni ? mapProxlbIni(text, file) : mapProxlbYaml(text, file)
  // Compiling the policy checks it as balance -c would, with the problem at its ProxLB line.
  loadMappedConfig(mapped)

  const {apiVersion: _apiVersion, kind: _kind, ...inlinePolicy} = mapped.policy
  const connection = connectionDocument(mapped.connection.settings)
  const service = serviceDocument(mapped.service)
  const header = [
    `# proxlb config converted from the ProxLB config ${file} by proxlb config convert.`,
    '# Flags and PROXLB_* variables override it; see the README, "Connecting to a cluster".',
  ]
  const config = {
    apiVersion: POLICY_API_VERSION,
    kind: CONFIG_KIND,
    ...(Object.keys(connection).length ? {connection} : {}),
    policy: policyPath ?? inlinePolicy,
    ...(Object.keys(service).length ? {service} : {}),
  }
  const policyHeader = [`# proxlb policy converted from the ProxLB config ${file} by proxlb config convert.`]
  return {
    format: mapped.format,
    config: [...header, yamlOf(config)].join('\n'),
    policy: [...policyHeader, yamlOf(mapped.policy)].join('\n'),
    notCarried: mapped.dropped.map((d) => `${d.where}: ${d.why}`),
    holdsSecret: connection.password !== undefined || connection.tokenSecret !== undefined,
  }
}

/** Connection settings under the names schemas/config.v1.json gives them. */
function connectionDocument(settings: ConnectionLayer): Record<string, unknown> {
  const {timeoutSeconds, ...rest} = settings
  return {...rest, ...(timeoutSeconds !== undefined ? {timeout: timeoutSeconds} : {})}
}

function serviceDocument(service: ServiceSettings): Record<string, unknown> {
  return {
    ...(service.enabled !== undefined ? {enabled: service.enabled} : {}),
    ...(service.daemon !== undefined ? {daemon: service.daemon} : {}),
    ...(service.intervalSeconds !== undefined ? {interval: durationText(service.intervalSeconds)} : {}),
  }
}

/** Seconds in the largest unit that divides them: 43200 is 12h, 5400 is 90m. */
export function durationText(seconds: number): string {
  const unit = ([['d', 86400], ['h', 3600], ['m', 60]] as const).find(([, size]) => seconds % size === 0)
  return unit ? `${seconds / unit[1]}${unit[0]}` : `${seconds}s`
}

function yamlOf(value: unknown): string {
  return stringify(value, {lineWidth: 0, flowCollectionPadding: false})
}

/** A YAML file that parses but is no ProxLB config; syntax errors are left to the reader, which places them. */
function refuseOtherYaml(text: string, file: string): void {
  let value: unknown
  try {
    value = parse(text)
  } catch {
    return
  }
  if (isProxlbYaml(value)) return
  const record = (value ?? {}) as Record<string, unknown>
  // Another proxlb file (a plan, a snapshot, a scenario): said as what it is.
  const found = documentKind(value)
  const expected = "expected ProxLB's YAML (proxmox_api, balancing and service sections) or its INI ([proxmox], [balancing] ...)"
  const message = record.apiVersion === POLICY_API_VERSION
    ? `this is already a proxlb ${record.kind === 'Policy' ? 'policy' : found.kind === 'scenario' ? 'scenario' : 'config'}: there is nothing to convert`
    : found.kind
      ? `this is ${found.description}, not a ProxLB config: ${expected}`
      : `this is not a ProxLB config: ${expected}`
  throw new InvalidInputError([{file, location: '', message}])
}
