/**
 * The original ProxLB's configuration file (INI, /etc/proxlb/proxlb.conf) read as a
 * proxlb config, so a ProxLB installation switches over without rewriting anything:
 *
 *   [proxmox]       api_host (comma-separated), api_user, api_pass, verify_ssl, timeout
 *   [balancing]     (or [vm_balancing]) enable, method, mode, type, balanciness,
 *                   parallel_migrations, maintenance_nodes, ignore_nodes, ignore_vms
 *                   (names with * wildcards)
 *   [service]       daemon, schedule (hours)
 *
 * The balancing section becomes a policy with ProxLB's defaults (memory, used, threshold
 * 10, virtual machines only). Options proxlb has no use for are accepted with a warning,
 * never silently; bad values are errors at their line. Pure.
 */
import {InvalidInputError, type Problem} from '../model/problems.js'
import {parseIni, type IniEntry, type IniSection} from './ini.js'
import {loadMappedConfig, PolicyBuilder} from './proxlb-mapped.js'
import type {ConnectionField, ConnectionLayer, DroppedSetting, LoadedConfig, MappedProxlbConfig, ServiceSettings} from './types.js'

const KNOWN: Record<string, readonly string[]> = {
  proxmox: ['api_host', 'api_user', 'api_pass', 'verify_ssl', 'timeout'],
  balancing: ['enable', 'method', 'mode', 'mode_option', 'type', 'balanciness', 'parallel_migrations', 'maintenance_nodes', 'ignore_nodes', 'ignore_vms', 'master_only'],
  storage_balancing: ['enable', 'balanciness', 'parallel_migrations'],
  update_service: ['enable'],
  api: ['enable'],
  service: ['daemon', 'schedule', 'log_verbosity', 'config_version', 'master_only'],
}

export function configFromProxlbIni(text: string, file: string): LoadedConfig {
  return loadMappedConfig(mapProxlbIni(text, file))
}

/** The INI in proxlb's terms, with every option it does not carry over and why. */
export function mapProxlbIni(text: string, file: string): MappedProxlbConfig {
  const parsed = parseIni(text, file)
  if (!parsed.ok) throw new InvalidInputError(parsed.problems)
  const problems: Problem[] = []
  const dropped: DroppedSetting[] = []
  const at = (entry: IniEntry) => `${file}:${entry.line}`
  const problem = (entry: IniEntry, message: string) => problems.push({file, location: `${entry.line}`, message: `${entry.key}: ${message}`})

  for (const section of parsed.sections.values()) {
    const known = KNOWN[section.name === 'vm_balancing' ? 'balancing' : section.name]
    if (!known) {
      dropped.push({where: `${file}:${section.line}`, why: `section [${section.name}] is not a ProxLB section proxlb knows; it is ignored`})
      continue
    }
    for (const entry of section.entries.values()) {
      if (!known.includes(entry.key)) dropped.push({where: at(entry), why: `${entry.key} is not a [${section.name}] option proxlb knows; it is ignored`})
    }
  }
  const section = (name: string) => parsed.sections.get(name)
  const get = (s: IniSection | undefined, key: string) => s?.entries.get(key)
  const flag = (entry: IniEntry | undefined): boolean | undefined => {
    if (!entry) return undefined
    const value = entry.value.trim().toLowerCase()
    if (['1', 'yes', 'true', 'on'].includes(value)) return true
    if (['0', 'no', 'false', 'off'].includes(value)) return false
    problem(entry, `expected 1 or 0, got ${JSON.stringify(entry.value)}`)
    return undefined
  }
  const number = (entry: IniEntry | undefined, check: (n: number) => boolean, expected: string): number | undefined => {
    if (!entry) return undefined
    const n = Number(entry.value.trim())
    if (entry.value.trim() !== '' && Number.isFinite(n) && check(n)) return n
    problem(entry, `expected ${expected}, got ${JSON.stringify(entry.value)}`)
    return undefined
  }
  const list = (entry: IniEntry | undefined) => entry?.value.split(/[\s,]+/).map((v) => v.trim()).filter(Boolean)
  const choice = <T extends string>(entry: IniEntry | undefined, options: readonly T[]): T | undefined => {
    if (!entry) return undefined
    const value = entry.value.trim().toLowerCase() as T
    if (options.includes(value)) return value
    problem(entry, `expected one of ${options.join(', ')}, got ${JSON.stringify(entry.value)}`)
    return undefined
  }

  // [proxmox]: the connection.
  const proxmox = section('proxmox')
  const settings: ConnectionLayer = {}
  const where: Partial<Record<ConnectionField, string>> = {}
  const set = <K extends ConnectionField>(field: K, value: ConnectionLayer[K] | undefined, entry: IniEntry | undefined) => {
    if (value === undefined || !entry) return
    settings[field] = value
    where[field] = `${at(entry)}: ${entry.key}`
  }
  set('hosts', list(get(proxmox, 'api_host')), get(proxmox, 'api_host'))
  set('user', get(proxmox, 'api_user')?.value.trim() || undefined, get(proxmox, 'api_user'))
  set('password', get(proxmox, 'api_pass')?.value, get(proxmox, 'api_pass'))
  const verify = flag(get(proxmox, 'verify_ssl'))
  set('insecure', verify === undefined ? undefined : !verify, get(proxmox, 'verify_ssl'))
  set('timeoutSeconds', number(get(proxmox, 'timeout'), (n) => n > 0 && n <= 3600, 'a number of seconds from 1 to 3600'), get(proxmox, 'timeout'))

  // [balancing] (ProxLB 1.0: [vm_balancing]): the policy.
  const balancing = section('vm_balancing') ?? section('balancing')
  if (section('vm_balancing') && section('balancing')) {
    problems.push({file, location: `${section('balancing')!.line}`, message: `[balancing] and [vm_balancing] are the same section in different ProxLB versions: keep one (line ${section('vm_balancing')!.line})`})
  }
  const policy = new PolicyBuilder(file, 'proxlb-ini')
  const put = (path: string[], value: unknown, entry: IniEntry | undefined) => {
    if (entry) policy.put(path, value, `${entry.line}: ${entry.key}`)
  }
  const method = choice(get(balancing, 'method'), ['memory', 'cpu', 'disk'] as const)
  put(['balance', 'method'], method ?? 'memory', get(balancing, 'method') ?? fallback(balancing))
  put(['balance', 'mode'], choice(get(balancing, 'mode'), ['used', 'assigned'] as const) ?? 'used', get(balancing, 'mode') ?? fallback(balancing))
  choice(get(balancing, 'mode_option'), ['bytes', 'byte', 'percent'] as const)
  const type = choice(get(balancing, 'type'), ['vm', 'ct', 'all'] as const) ?? 'vm'
  put(['balance', 'guestTypes'], type === 'vm' ? ['qemu'] : type === 'ct' ? ['lxc'] : ['qemu', 'lxc'], get(balancing, 'type') ?? fallback(balancing))
  put(['balance', 'threshold'], number(get(balancing, 'balanciness'), (n) => n >= 0 && n <= 100, 'a percentage from 0 to 100'), get(balancing, 'balanciness'))
  if (flag(get(balancing, 'parallel_migrations')) === false) put(['limits', 'parallel'], 1, get(balancing, 'parallel_migrations'))
  put(['maintenance', 'nodes'], list(get(balancing, 'maintenance_nodes')), get(balancing, 'maintenance_nodes'))
  put(['ignore', 'nodes'], list(get(balancing, 'ignore_nodes')), get(balancing, 'ignore_nodes'))
  put(['ignore', 'guests'], list(get(balancing, 'ignore_vms')), get(balancing, 'ignore_vms'))

  // [service] and the switches of features proxlb does not have.
  const service: ServiceSettings = {}
  const enabled = flag(get(balancing, 'enable'))
  if (enabled !== undefined) service.enabled = enabled
  const serviceSection = section('service')
  const daemon = flag(get(serviceSection, 'daemon'))
  if (daemon !== undefined) service.daemon = daemon
  const hours = number(get(serviceSection, 'schedule'), (n) => Number.isInteger(n) && n >= 1, 'a whole number of hours')
  if (hours !== undefined) service.intervalSeconds = hours * 3600
  for (const name of ['storage_balancing', 'update_service', 'api']) {
    const entry = get(section(name), 'enable')
    if (flag(entry)) dropped.push({where: at(entry!), why: `[${name}] is enabled, but proxlb has no ${name.replace('_', ' ')}; the section is ignored`})
  }
  for (const entry of [get(balancing, 'master_only'), get(serviceSection, 'master_only')]) {
    if (flag(entry)) dropped.push({where: at(entry!), why: 'master_only is not needed: run proxlb balance on one node (or from outside the cluster)'})
  }
  const verbosity = get(serviceSection, 'log_verbosity')
  if (verbosity) dropped.push({where: `${at(verbosity)}: log_verbosity`, why: 'a config does not set the log level: pass --log-level to proxlb balance (the packaged unit logs info and above)', quiet: true})
  if (problems.length > 0) throw new InvalidInputError(problems)

  return {
    file,
    format: 'proxlb-ini',
    connection: {source: file, settings, where},
    policy: policy.document,
    locatePolicy: policy.locate,
    policyLabel: `the [${balancing?.name ?? 'balancing'}] section of ${file} (ProxLB defaults where it says nothing)`,
    service,
    dropped,
  }
}

/** ProxLB's defaults stand for a section that says nothing: locate them at the section header. */
function fallback(section: IniSection | undefined): IniEntry {
  return {key: section ? `[${section.name}]` : 'defaults', value: '', line: section?.line ?? 1}
}
