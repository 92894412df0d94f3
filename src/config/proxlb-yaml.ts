/**
 * ProxLB's YAML config (1.1 and 2.x, /etc/proxlb/proxlb.yaml) read as a proxlb config, so
 * a ProxLB installation switches over with its file as it is:
 *
 *   proxmox_api      hosts, user, pass, token_id + token_secret, ssl_verification, timeout, retries
 *   proxmox_cluster  maintenance_nodes, ignore_nodes
 *   balancing        enable, method, mode, balanciness, balance_types, parallel + parallel_jobs,
 *                    live, with_local_disks, node_resource_reserve (memory), pools (affinity,
 *                    anti-affinity, pin, strict), enforce_affinity
 *   service          daemon, schedule (hours, or interval + format)
 *
 * ProxLB's defaults stand where the file says nothing (method memory, mode used, balanciness
 * 10, one migration at a time, live, with local disks). Every setting proxlb has no
 * counterpart for is listed with why (DroppedSetting): warned about when it changes what
 * ProxLB would have done, and listed by `proxlb config convert` in every case. Values of the
 * wrong type are errors at their line, as in every proxlb input. Pure: text in, settings out.
 */
import {isIPv6} from 'node:net'
import {InvalidInputError, type Problem, preview} from '../model/problems.js'
import {parseHost} from '../proxmox/hosts.js'
import {parseYamlLocated, type Path} from '../model/yaml-document.js'
import {loadMappedConfig, PolicyBuilder} from './proxlb-mapped.js'
import type {ConnectionField, ConnectionLayer, DroppedSetting, LoadedConfig, MappedProxlbConfig, ServiceSettings} from './types.js'

/** Whether a parsed YAML document is a ProxLB config: its sections are ProxLB's. */
export function isProxlbYaml(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'proxmox_api' in value
}

export function configFromProxlbYaml(text: string, file: string): LoadedConfig {
  return loadMappedConfig(mapProxlbYaml(text, file))
}

type Section = 'proxmox_api' | 'proxmox_cluster' | 'balancing' | 'service'

/** The YAML in proxlb's terms, with every setting it does not carry over and why. */
export function mapProxlbYaml(source: string, file: string): MappedProxlbConfig {
  const {value: root, locate} = parseYamlLocated(source, file, {empty: 'a ProxLB config starts with "proxmox_api:"', notMapping: 'a ProxLB config (a YAML mapping with proxmox_api, balancing, service)'})
  const problems: Problem[] = []
  const dropped: DroppedSetting[] = []
  const line = (path: Path) => locate(path).split(':')[0]
  const where = (path: Path) => `${file}:${line(path)}: ${path.join('.')}`
  const problem = (path: Path, message: string) => problems.push({file, location: `${line(path)}: ${path.join('.')}`, message})
  const drop = (path: Path, why: string, quiet = false) => dropped.push({where: where(path), why, quiet})

  const sections: Record<Section, Record<string, unknown>> = {proxmox_api: {}, proxmox_cluster: {}, balancing: {}, service: {}}
  for (const [key, value] of Object.entries(root)) {
    if (key in sections) {
      if (value === null) continue
      if (typeof value !== 'object' || Array.isArray(value)) problem([key], `expected a mapping of settings, got ${preview(value)}`)
      else sections[key as Section] = value as Record<string, unknown>
    } else if (key === 'solver') {
      if ((value as Record<string, unknown> | null)?.enable === true) drop([key], 'proxlb has no CP-SAT solver; its own planner looks for the fewest moves within the rules')
    } else drop([key], 'not a ProxLB section proxlb knows; it is ignored')
  }

  // Reading a setting marks it as known; what is left unread at the end is reported.
  const read = new Set<string>()
  const get = (section: Section, key: string): unknown => {
    read.add(`${section}.${key}`)
    return sections[section][key] ?? undefined
  }
  const typed = <T>(section: Section, key: string, check: (v: unknown) => v is T, expected: string): T | undefined => {
    const value = get(section, key)
    if (value === undefined) return undefined
    if (check(value)) return value
    problem([section, key], `expected ${expected}, got ${preview(value)}`)
    return undefined
  }
  // ProxLB's YAML writes True and False; 1 and 0 pass its checks too.
  const bool = (section: Section, key: string): boolean | undefined => {
    const value = typed(section, key, (v): v is boolean | 0 | 1 => typeof v === 'boolean' || v === 0 || v === 1, 'True or False')
    return value === undefined ? undefined : value === true || value === 1
  }
  const number = (section: Section, key: string, ok: (n: number) => boolean, expected: string) =>
    typed(section, key, (v): v is number => typeof v === 'number' && Number.isFinite(v) && ok(v), expected)
  const text = (section: Section, key: string) => typed(section, key, (v): v is string => typeof v === 'string' && v.trim() !== '', 'a text')
  const names = (section: Section, key: string): string[] | undefined => {
    const value = get(section, key)
    if (value === undefined) return undefined
    const list = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number') ? value.map(String) : undefined
    if (!list) problem([section, key], `expected a list of names, got ${preview(value)}`)
    return list?.map((v) => v.trim()).filter(Boolean)
  }
  const oneOf = <T extends string>(section: Section, key: string, options: readonly T[]): T | undefined =>
    typed(section, key, (v): v is T => typeof v === 'string' && (options as readonly string[]).includes(v.toLowerCase()), `one of ${options.join(', ')}`)?.toLowerCase() as T | undefined

  // proxmox_api: the connection.
  const settings: ConnectionLayer = {}
  const whereSet: Partial<Record<ConnectionField, string>> = {}
  const set = <K extends ConnectionField>(field: K, value: ConnectionLayer[K] | undefined, key: string) => {
    if (value === undefined) return
    settings[field] = value
    whereSet[field] = where(['proxmox_api', key])
  }
  const hosts = names('proxmox_api', 'hosts')?.flatMap((host) => {
    const translated = proxlbHost(host)
    const parsed = parseHost(translated)
    if (typeof parsed === 'string') {
      drop(['proxmox_api', 'hosts'], `${parsed}; that host is left out`)
      return []
    }
    return [translated]
  })
  if (hosts !== undefined && hosts.length === 0) problem(['proxmox_api', 'hosts'], 'no usable host: give the Proxmox nodes as host, host:port or [IPv6]:port')
  set('hosts', hosts?.length ? hosts : undefined, 'hosts')
  const user = text('proxmox_api', 'user')
  const tokenName = text('proxmox_api', 'token_id')
  const tokenSecret = typed('proxmox_api', 'token_secret', (v): v is string => typeof v === 'string', 'a text')
  const password = typed('proxmox_api', 'pass', (v): v is string => typeof v === 'string' || typeof v === 'number', 'a text')
  if (tokenName !== undefined) {
    // ProxLB names the token by its name alone and takes the user from `user`.
    if (tokenName.includes('!')) set('tokenId', tokenName, 'token_id')
    else if (user) set('tokenId', `${user}!${tokenName}`, 'token_id')
    else problem(['proxmox_api', 'token_id'], 'a token id needs the user it belongs to: add user (e.g. proxlb@pve)')
    set('tokenSecret', tokenSecret, 'token_secret')
    if (password !== undefined) drop(['proxmox_api', 'pass'], 'an API token is given too, and ProxLB then ignores the password: proxlb logs in with the token')
  } else {
    set('user', user, 'user')
    set('password', password === undefined ? undefined : String(password), 'pass')
    if (tokenSecret !== undefined) drop(['proxmox_api', 'token_secret'], 'a token secret without token_id: give token_id (the token name) to log in with the token')
  }
  const verify = bool('proxmox_api', 'ssl_verification')
  set('insecure', verify === undefined ? undefined : !verify, 'ssl_verification')
  set('timeoutSeconds', number('proxmox_api', 'timeout', (n) => n > 0 && n <= 3600, 'a number of seconds from 1 to 3600'), 'timeout')
  const attempts = number('proxmox_api', 'retries', (n) => Number.isInteger(n) && n >= 1, 'a whole number of attempts, 1 or more')
  if (attempts !== undefined) {
    // ProxLB counts attempts; proxlb counts the tries after the first.
    set('retries', Math.min(attempts - 1, 10), 'retries')
    if (attempts - 1 > 10) drop(['proxmox_api', 'retries'], 'proxlb tries a failed read at most 10 more times; it uses 10')
  }
  if (get('proxmox_api', 'wait_time') !== undefined) drop(['proxmox_api', 'wait_time'], 'proxlb spaces its retries itself, longer after each failure', true)

  // proxmox_cluster and balancing: the policy, with ProxLB's defaults.
  const policy = new PolicyBuilder(file, 'proxlb-yaml')
  const put = (path: Path, value: unknown, from: Path) => policy.put(path, value, `${line(from)}: ${from.join('.')}`)
  const defaults = (key: string) => ['balancing', key] as Path
  const maintenance = names('proxmox_cluster', 'maintenance_nodes')
  if (maintenance?.length) put(['maintenance', 'nodes'], maintenance, ['proxmox_cluster', 'maintenance_nodes'])
  const schedules = get('proxmox_cluster', 'maintenance_nodes_schedule') as {schedules?: Record<string, unknown>} | undefined
  if (schedules !== undefined) {
    const planned = Object.keys(schedules?.schedules ?? {})
    if (planned.length) drop(['proxmox_cluster', 'maintenance_nodes_schedule'], `proxlb has no maintenance calendar: drain ${planned.join(', ')} at those times with proxlb drain NODE from a systemd timer`)
  }
  const ignoredNodes = names('proxmox_cluster', 'ignore_nodes')
  if (ignoredNodes?.length) put(['ignore', 'nodes'], ignoredNodes, ['proxmox_cluster', 'ignore_nodes'])
  const overprovisioning = bool('proxmox_cluster', 'overprovisioning')
  if (overprovisioning !== undefined) {
    drop(['proxmox_cluster', 'overprovisioning'], overprovisioning ? 'proxlb never plans a move that overfills a node\'s memory (a hard rule); limits.headroom keeps more free' : 'proxlb never overfills a node\'s memory, even where ProxLB would', overprovisioning)
  }

  const method = oneOf('balancing', 'method', ['memory', 'cpu', 'disk'] as const)
  put(['balance', 'method'], method ?? 'memory', method ? ['balancing', 'method'] : defaults('method'))
  const mode = oneOf('balancing', 'mode', ['used', 'assigned', 'psi'] as const)
  if (mode === 'psi') drop(['balancing', 'mode'], 'proxlb does not balance by pressure stall information; it balances what the guests use (mode used)')
  put(['balance', 'mode'], mode === 'assigned' ? 'assigned' : 'used', mode ? ['balancing', 'mode'] : defaults('mode'))
  const balanciness = number('balancing', 'balanciness', (n) => n >= 0 && n <= 100, 'a percentage from 0 to 100')
  put(['balance', 'threshold'], balanciness ?? 10, balanciness !== undefined ? ['balancing', 'balanciness'] : defaults('balanciness'))
  const types = typed('balancing', 'balance_types', (v): v is string[] => Array.isArray(v) && v.length > 0 && v.every((t) => t === 'vm' || t === 'ct'), "a list of 'vm' and 'ct'")
  if (types) put(['balance', 'guestTypes'], [...new Set(types.map((t) => (t === 'vm' ? 'qemu' : 'lxc')))], ['balancing', 'balance_types'])

  const parallel = bool('balancing', 'parallel')
  const jobs = number('balancing', 'parallel_jobs', (n) => Number.isInteger(n), 'a whole number')
  if (parallel) put(['limits', 'parallel'], Math.min(Math.max(jobs ?? 5, 1), 64), jobs !== undefined ? ['balancing', 'parallel_jobs'] : ['balancing', 'parallel'])
  else {
    put(['limits', 'parallel'], 1, parallel === false ? ['balancing', 'parallel'] : defaults('parallel'))
    if (jobs !== undefined && jobs !== 1) drop(['balancing', 'parallel_jobs'], 'parallel is off, so ProxLB moves one guest at a time, and so does proxlb', true)
  }
  const live = bool('balancing', 'live')
  put(['migration', 'online'], live ?? true, live !== undefined ? ['balancing', 'live'] : defaults('live'))
  const localDisks = bool('balancing', 'with_local_disks')
  put(['migration', 'withLocalDisks'], localDisks ?? true, localDisks !== undefined ? ['balancing', 'with_local_disks'] : defaults('with_local_disks'))
  if (bool('balancing', 'with_conntrack_state') !== undefined) drop(['balancing', 'with_conntrack_state'], 'proxlb migrates without asking Proxmox to carry the conntrack state along', true)

  for (const key of ['memory_threshold', 'cpu_threshold', 'disk_threshold']) {
    if (get('balancing', key) !== undefined) drop(['balancing', key], 'proxlb has no usage level that starts balancing: it balances whenever the spread between nodes exceeds balanciness')
  }
  if (get('balancing', 'max_job_validation') !== undefined) drop(['balancing', 'max_job_validation'], 'a config does not limit how long a migration may take: pass --migration-timeout to proxlb balance (default 1h)', true)
  const largerFirst = bool('balancing', 'balance_larger_guests_first')
  if (largerFirst) drop(['balancing', 'balance_larger_guests_first'], 'proxlb picks the guests itself, for the fewest migrations', true)
  if (get('balancing', 'cpu_overcommit') !== undefined) drop(['balancing', 'cpu_overcommit'], 'proxlb has no limit on virtual CPUs per core; balance by cpu to spread CPU load')
  if (get('balancing', 'max_node_inflow') !== undefined) drop(['balancing', 'max_node_inflow'], 'proxlb limits the migrations running at once into or out of a node (limits.perNode, default 1), not how many a run sends to it')
  if (get('balancing', 'psi') !== undefined) drop(['balancing', 'psi'], 'proxlb does not balance by pressure stall information', mode !== 'psi')

  const reserves = get('balancing', 'node_resource_reserve')
  if (reserves !== undefined) mapReserves(reserves, put, problem, drop)

  // Pools: affinity keeps a pool together, anti-affinity apart, pin keeps it on nodes.
  const enforceAffinity = bool('balancing', 'enforce_affinity')
  const enforcePinning = bool('balancing', 'enforce_pinning')
  const pools = get('balancing', 'pools')
  if (pools !== undefined && pools !== null) {
    if (typeof pools !== 'object' || Array.isArray(pools)) problem(['balancing', 'pools'], `expected pool names with their rules, got ${preview(pools)}`)
    else {
      for (const [pool, rule] of Object.entries(pools as Record<string, unknown>)) {
        const at: Path = ['balancing', 'pools', pool]
        const r = (rule ?? {}) as Record<string, unknown>
        if (typeof r !== 'object' || Array.isArray(r)) {
          problem(at, `expected type, pin and strict, got ${preview(rule)}`)
          continue
        }
        const origin = (key?: string) => `${line(key && key in r ? [...at, key] : at)}: ${[...at, ...(key && key in r ? [key] : [])].join('.')}`
        if (r.type !== undefined) {
          if (r.type !== 'affinity' && r.type !== 'anti-affinity') problem([...at, 'type'], `expected affinity or anti-affinity, got ${preview(r.type)}`)
          else policy.push(['rules'], {name: `pool ${pool} ${r.type === 'affinity' ? 'together' : 'apart'}`, type: r.type === 'affinity' ? 'together' : 'apart', guests: [`pool:${pool}`], strict: enforceAffinity === true}, origin('type'))
        }
        if (r.pin !== undefined) {
          const nodes = Array.isArray(r.pin) ? r.pin.map(String) : typeof r.pin === 'string' ? [r.pin] : undefined
          if (!nodes?.length) problem([...at, 'pin'], `expected a list of node names, got ${preview(r.pin)}`)
          else if (r.strict !== undefined && typeof r.strict !== 'boolean') problem([...at, 'strict'], `expected True or False, got ${preview(r.strict)}`)
          else policy.push(['rules'], {name: `pool ${pool} pinned`, type: 'pin', guests: [`pool:${pool}`], nodes, strict: r.strict ?? true}, origin('pin'))
        }
        for (const key of Object.keys(r).filter((k) => !['type', 'pin', 'strict'].includes(k))) drop([...at, key], 'not a pool option proxlb knows; it is ignored')
      }
    }
  }
  const poolRules = Array.isArray(policy.document.rules) && (policy.document.rules as {type: string}[]).some((r) => r.type !== 'pin')
  if (enforceAffinity !== undefined && poolRules) {
    drop(['balancing', 'enforce_affinity'], enforceAffinity
      ? 'pool rules become strict rules: no plan breaks them, and broken ones are repaired even when the cluster is balanced; plb_ tags keep their own proxlb meaning (see the README)'
      : 'pool rules become preferences: honoured where they cost no hard rule', true)
  }
  if (enforcePinning !== undefined) drop(['balancing', 'enforce_pinning'], 'proxlb always honours pins (plb_pin_ tags and pool pins), balanced or not', true)

  // balancing.enable and service: how balance runs.
  const service: ServiceSettings = {}
  const enable = bool('balancing', 'enable')
  if (enable !== undefined) service.enabled = enable
  const daemon = bool('service', 'daemon')
  if (daemon !== undefined) service.daemon = daemon
  const interval = scheduleSeconds(get('service', 'schedule'), (message) => problem(['service', 'schedule'], message))
  if (interval !== undefined) service.intervalSeconds = interval
  const delay = get('service', 'delay') as {enable?: unknown} | undefined
  if (delay?.enable === true) drop(['service', 'delay'], 'proxlb balance starts its first run at once: delay it with the unit (ExecStartPre=/bin/sleep) or a systemd timer')
  const logLevel = text('service', 'log_level')
  if (logLevel !== undefined) drop(['service', 'log_level'], `a config does not set the log level: pass --log-level ${({CRITICAL: 'error', ERROR: 'error', WARNING: 'warning', DEBUG: 'debug'} as Record<string, string>)[logLevel.toUpperCase()] ?? 'info'} to proxlb balance`, true)
  const ha = bool('service', 'enable_ha')
  if (ha) drop(['service', 'enable_ha'], 'proxlb balance keeps one lock per cluster in its state folder: run the service on one node (or one machine outside the cluster)')

  for (const section of Object.keys(sections) as Section[]) {
    for (const key of Object.keys(sections[section])) {
      if (!read.has(`${section}.${key}`)) drop([section, key], `not a ${section} option proxlb knows; it is ignored`)
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems.sort((a, b) => parseInt(a.location) - parseInt(b.location)))
  return {
    file,
    format: 'proxlb-yaml',
    connection: {source: file, settings, where: whereSet},
    policy: policy.document,
    locatePolicy: policy.locate,
    policyLabel: `the balancing settings of ${file} (ProxLB defaults where it says nothing)`,
    service,
    dropped: dropped.sort((a, b) => lineOf(a.where) - lineOf(b.where)),
  }
}

const lineOf = (where: string) => Number(/:(\d+):/.exec(where)?.[1] ?? 0)

/**
 * A host as ProxLB reads it, written as proxlb reads it: ProxLB takes the part after the
 * last colon of a bare IPv6 address as the port when it is a number (`fc00::1:8006`), which
 * proxlb writes `[fc00::1]:8006`; where what is left is no address (`fc00::1`), the whole
 * is the address.
 */
export function proxlbHost(host: string): string {
  if (host.startsWith('[') || (host.match(/:/g) ?? []).length < 2) return host
  const colon = host.lastIndexOf(':')
  const port = host.slice(colon + 1)
  return /^[0-9]+$/.test(port) && isIPv6(host.slice(0, colon)) ? `[${host.slice(0, colon)}]:${port}` : host
}

/** ProxLB 1.1.0's `schedule: 12` (hours), or 1.1.x/2.x's `schedule: {interval, format}`. */
function scheduleSeconds(value: unknown, problem: (message: string) => void): number | undefined {
  if (value === undefined || value === null) return undefined
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1
  if (whole(value)) return value * 3600
  const schedule = value as {interval?: unknown; format?: unknown}
  if (typeof value === 'object' && !Array.isArray(value)) {
    const interval = schedule.interval ?? 12
    const format = schedule.format ?? 'hours'
    if (whole(interval) && (format === 'hours' || format === 'minutes')) return interval * (format === 'hours' ? 3600 : 60)
  }
  problem(`expected a whole number of hours, or interval (a whole number) with format hours or minutes, got ${preview(value)}`)
  return undefined
}

/**
 * node_resource_reserve in GiB (ProxLB multiplies by 1024³): `defaults.memory` becomes the
 * headroom of every node, a node's own `memory` replaces it there, which proxlb says as the
 * extra reserve of that node. Only memory has a counterpart.
 */
function mapReserves(
  value: unknown,
  put: (path: Path, value: unknown, from: Path) => void,
  problem: (path: Path, message: string) => void,
  drop: (path: Path, why: string, quiet?: boolean) => void,
): void {
  const base: Path = ['balancing', 'node_resource_reserve']
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problem(base, `expected defaults and node names with their reserves, got ${preview(value)}`)
    return
  }
  const gib = (v: unknown, path: Path): number | undefined => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v
    problem(path, `expected a whole number of GB, got ${preview(v)}`)
    return undefined
  }
  const entries = value as Record<string, Record<string, unknown> | null>
  const fallback = entries.defaults?.memory === undefined ? 0 : gib(entries.defaults.memory, [...base, 'defaults', 'memory']) ?? 0
  if (fallback > 0) put(['limits', 'headroom'], `${fallback}GiB`, [...base, 'defaults', 'memory'])
  for (const [node, reserve] of Object.entries(entries)) {
    for (const resource of Object.keys(reserve ?? {}).filter((r) => r !== 'memory')) drop([...base, node, resource], `proxlb reserves memory only; the ${resource} reserve is ignored`)
    if (node === 'defaults' || reserve?.memory === undefined) continue
    const own = gib(reserve.memory, [...base, node, 'memory'])
    if (own === undefined) continue
    if (own > fallback) put(['limits', 'reserve', node], `${own - fallback}GiB`, [...base, node, 'memory'])
    else if (own < fallback) drop([...base, node, 'memory'], `proxlb cannot keep less free on one node than on all (${fallback} GB, defaults.memory); ${node} keeps ${fallback} GB`)
  }
}
