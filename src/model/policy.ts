/**
 * Policy files (YAML): reading them with precise errors, filling defaults, turning
 * human sizes and percentages into numbers.
 *
 * Every problem is reported at its YAML `line:column` with the field's dotted path, all
 * at once: syntax errors, duplicate keys, schema violations, then the checks a schema
 * cannot express (ranges of percentages, pin rules without nodes ...). The result is a
 * NormalizedPolicy: every default filled in, sizes in bytes. It is itself a valid Policy
 * v1 document, which is what plans embed so that apply can re-plan with it.
 */
import {sha256Of} from './canonical.js'
import type {GuestSelector, Policy} from './generated/policy.v1.js'
import {InvalidInputError, type Problem, preview} from './problems.js'
import {validateAgainst} from './schemas.js'
import {cronProblem} from './cron.js'
import {isPercentageText, parseDuration, parsePercentage, parseSize} from './units.js'
import {byPosition, dotted, type Path, readYamlDocument} from './yaml-document.js'

export type {GuestSelector, Policy} from './generated/policy.v1.js'

export const POLICY_API_VERSION = 'proxlb/v1'

export type Method = 'memory' | 'cpu' | 'disk' | 'weighted'
export type Mode = 'used' | 'assigned'
export type GuestType = 'qemu' | 'lxc'
export type RuleType = 'together' | 'apart' | 'pin'

export interface NormalizedRule {
  name: string
  type: RuleType
  guests: GuestSelector[]
  /** pin only. */
  nodes?: string[]
  strict: boolean
}

/** A policy with every default filled in; sizes in bytes; headroom a byte count or "N%". */
export interface NormalizedPolicy {
  apiVersion: typeof POLICY_API_VERSION
  kind: 'Policy'
  name?: string
  description?: string
  balance: {
    method: Method
    mode: Mode
    threshold: number
    weights: {memory: number; cpu: number; disk: number}
    guestTypes: GuestType[]
    /** Calm settings: each is present only when the policy sets it (see src/planner/calm.ts for the defaults). */
    margin?: number
    minGain?: number
    persistence?: number
    window?: 'off' | 'hour' | 'day'
    during?: string[]
  }
  ignore: {nodes: string[]; guests: GuestSelector[]}
  rules: NormalizedRule[]
  maintenance: {nodes: string[]}
  limits: {
    maxMoves?: number
    maxBytesMoved?: number
    parallel: number
    perNode: number
    headroom: number | string
    reserve: Record<string, number>
    /** Seconds; present only when the policy sets it. */
    cooldown?: number
    /** Space kept free on every local guest storage: bytes or "N%" of the storage. Absent: none. */
    storageReserve?: number | string
  }
  migration: {
    online: boolean
    withLocalDisks: boolean
    restartContainers: boolean
    restartTimeout: number
    templates: boolean
    haManaged: boolean
    /** Target storage id by source storage id, "*" for every other one (qm migrate --targetstorage). Absent: the same id. */
    targetStorage?: Record<string, string>
  }
  proxlbTags: boolean
}

export interface LoadedPolicy {
  policy: NormalizedPolicy
  /** sha256 of the normalized policy: equal for policies that mean the same. */
  hash: string
  warnings: string[]
  /** `line:column: field` of a path in the file, for messages about it (absent for built-in policies). */
  locate?: (path: Path) => string
}

/** Parses, validates and normalizes a policy file; throws InvalidInputError listing every problem. */
export function readPolicy(input: Uint8Array | string, file: string): LoadedPolicy {
  const {value, locate} = readYamlDocument(input, file, {schema: 'policy', label: 'policy', apiVersion: POLICY_API_VERSION})
  return normalizedPolicy(value, file, locate)
}

/**
 * A policy written inside another document (the `policy:` of a config file): validated
 * against the policy schema, then normalized; `locate` places problems in that document.
 */
export function policyFromValue(value: Record<string, unknown>, file: string, locate: (path: Path) => string): LoadedPolicy {
  const problems = validateAgainst('policy', value, file, locate)
  if (problems.length > 0) throw new InvalidInputError(problems.sort(byPosition))
  return normalizedPolicy(value, file, locate)
}

function normalizedPolicy(value: Record<string, unknown>, file: string, locate: (path: Path) => string): LoadedPolicy {
  const problems: Problem[] = []
  const warnings: string[] = []
  const policy = normalizePolicy(
    value as unknown as Policy,
    (path, message) => problems.push({file, location: locate(path), message}),
    (path, message) => warnings.push(`${file}:${locate(path)}: ${message}`),
  )
  if (problems.length > 0) throw new InvalidInputError(problems.sort(byPosition))
  return {policy, hash: sha256Of(policy), warnings, locate}
}

/** Defaults for an absent policy file: the same as an empty policy. */
export function defaultPolicy(): NormalizedPolicy {
  return normalizePolicy({apiVersion: POLICY_API_VERSION}, failOnProblem, () => {})
}

function failOnProblem(path: (string | number)[], message: string): never {
  throw new Error(`invalid built-in policy at ${dotted(path)}: ${message}`)
}

type Report = (path: (string | number)[], message: string) => void

/**
 * Fills defaults and converts sizes; reports what the schema cannot check. The input is
 * schema-valid, so only ranges and combinations remain to be checked here.
 */
export function normalizePolicy(p: Policy, problem: Report, warning: Report): NormalizedPolicy {
  const threshold = parsePercentage(p.balance?.threshold ?? 10) ?? 10
  if (threshold > 100) problem(['balance', 'threshold'], `expected a percentage from 0 to 100, got ${preview(p.balance?.threshold)}`)

  const method = p.balance?.method ?? 'memory'
  const weights = {memory: p.balance?.weights?.memory ?? 1, cpu: p.balance?.weights?.cpu ?? 1, disk: p.balance?.weights?.disk ?? 0}
  if (method === 'weighted' && weights.memory + weights.cpu + weights.disk <= 0) {
    problem(['balance', 'weights'], 'at least one weight must be above 0 for the weighted method')
  }
  if (method !== 'weighted' && p.balance?.weights) warning(['balance', 'weights'], `weights only apply to method weighted (method is ${method}); they are ignored`)

  const calm = calmSettings(p, problem)

  const rules: NormalizedRule[] = []
  const names = new Map<string, number>()
  ;(p.rules ?? []).forEach((rule, i) => {
    const name = rule.name ?? `${rule.type}-${i + 1}`
    if (names.has(name)) problem(['rules', i, 'name'], `rule name ${JSON.stringify(name)} is used twice (first by rule ${names.get(name)! + 1}): give each rule its own name`)
    names.set(name, i)
    if (rule.type === 'pin' && !rule.nodes) problem(['rules', i], 'a pin rule needs "nodes": the nodes its guests may run on')
    if (rule.type !== 'pin' && rule.nodes) problem(['rules', i, 'nodes'], `"nodes" only applies to pin rules; a ${rule.type} rule places guests relative to each other`)
    if ((rule.type === 'together' || rule.type === 'apart') && rule.guests.length === 1 && typeof rule.guests[0] === 'number') {
      warning(['rules', i, 'guests'], `a ${rule.type} rule over a single guest has no effect`)
    }
    rule.guests.forEach((selector, j) => checkSelector(selector, ['rules', i, 'guests', j], problem))
    rules.push({name, type: rule.type, guests: rule.guests, ...(rule.nodes ? {nodes: rule.nodes} : {}), strict: rule.strict ?? true})
  })
  ;(p.ignore?.guests ?? []).forEach((selector, j) => checkSelector(selector, ['ignore', 'guests', j], problem))

  const headroom = sizeOrPercentage(p.limits?.headroom, ['limits', 'headroom'], problem) ?? 0
  const storageReserve = sizeOrPercentage(p.limits?.storageReserve, ['limits', 'storageReserve'], problem)
  warnIfBytes(p.limits?.headroom, ['limits', 'headroom'], warning, true)
  warnIfBytes(p.limits?.storageReserve, ['limits', 'storageReserve'], warning, true)
  const reserve: Record<string, number> = {}
  for (const [node, size] of Object.entries(p.limits?.reserve ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    reserve[node] = sizeOrReport(size, ['limits', 'reserve', node], problem)
    warnIfBytes(size, ['limits', 'reserve', node], warning, false)
  }

  const limits: NormalizedPolicy['limits'] = {
    ...(p.limits?.maxMoves !== undefined ? {maxMoves: p.limits.maxMoves} : {}),
    ...(p.limits?.maxBytesMoved !== undefined ? {maxBytesMoved: sizeOrReport(p.limits.maxBytesMoved, ['limits', 'maxBytesMoved'], problem)} : {}),
    parallel: p.limits?.parallel ?? 2,
    perNode: p.limits?.perNode ?? 1,
    headroom,
    reserve,
    ...calm.limits,
    ...(storageReserve !== undefined ? {storageReserve} : {}),
  }
  if (limits.perNode > limits.parallel) warning(['limits', 'perNode'], `perNode (${limits.perNode}) is above parallel (${limits.parallel}); parallel caps it`)

  return {
    apiVersion: POLICY_API_VERSION,
    kind: 'Policy',
    ...(p.name !== undefined ? {name: p.name} : {}),
    ...(p.description !== undefined ? {description: p.description} : {}),
    balance: {method, mode: p.balance?.mode ?? 'used', threshold, weights, guestTypes: p.balance?.guestTypes ?? ['qemu', 'lxc'], ...calm.balance},
    ignore: {nodes: p.ignore?.nodes ?? [], guests: p.ignore?.guests ?? []},
    rules,
    maintenance: {nodes: p.maintenance?.nodes ?? []},
    limits,
    migration: {
      online: p.migration?.online ?? true,
      withLocalDisks: p.migration?.withLocalDisks ?? false,
      restartContainers: p.migration?.restartContainers ?? true,
      restartTimeout: p.migration?.restartTimeout ?? 180,
      templates: p.migration?.templates ?? false,
      haManaged: p.migration?.haManaged ?? true,
      ...(p.migration?.targetStorage !== undefined ? {targetStorage: typeof p.migration.targetStorage === 'string' ? {'*': p.migration.targetStorage} : sortedRecord(p.migration.targetStorage)} : {}),
    },
    proxlbTags: p.proxlbTags ?? true,
  }
}

/** A size in bytes or a percentage kept as "N%" (below 100); undefined when absent. */
function sizeOrPercentage(raw: number | string | undefined, path: (string | number)[], problem: Report): number | string | undefined {
  if (raw === undefined) return undefined
  if (!isPercentageText(raw)) return sizeOrReport(raw, path, problem)
  const percent = parsePercentage(raw)!
  if (percent >= 100) problem(path, `expected a percentage below 100, got ${preview(raw)}`)
  return `${percent}%`
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * The settings that keep a balancing service calm. Absent ones stay absent, so that a
 * policy without them normalizes (and hashes) as it did before they existed.
 */
function calmSettings(p: Policy, problem: Report): {balance: Partial<NormalizedPolicy['balance']>; limits: Partial<NormalizedPolicy['limits']>} {
  const b = p.balance ?? {}
  const balance: Partial<NormalizedPolicy['balance']> = {}
  if (b.margin !== undefined) {
    const margin = parsePercentage(b.margin) ?? 0
    if (margin > 100) problem(['balance', 'margin'], `expected a percentage from 0 to 100, got ${preview(b.margin)}`)
    balance.margin = margin
  }
  if (b.minGain !== undefined) balance.minGain = b.minGain
  if (b.persistence !== undefined) balance.persistence = b.persistence
  if (b.window !== undefined) balance.window = b.window
  if (b.during !== undefined) {
    b.during.forEach((expression, i) => {
      const why = cronProblem(expression)
      if (why) problem(['balance', 'during', i], `${why} (expected five fields: minute hour day-of-month month day-of-week, e.g. "* 22-23,0-5 * * *")`)
    })
    balance.during = b.during
  }
  const limits: Partial<NormalizedPolicy['limits']> = {}
  const rawCooldown = p.limits?.cooldown
  if (rawCooldown !== undefined) {
    const seconds = parseDuration(rawCooldown)
    if (seconds === undefined) problem(['limits', 'cooldown'], `expected seconds or a duration such as 90m, 6h or 2d, got ${preview(rawCooldown)}`)
    else limits.cooldown = seconds
  }
  return {balance, limits}
}

/**
 * A bare number is a count of bytes: `headroom: 10` keeps 10 bytes free, which is never
 * what was meant (10% or 10GiB was). Below a mebibyte it is said, with what to write.
 */
function warnIfBytes(raw: number | string | undefined, path: (string | number)[], warning: Report, percentage: boolean): void {
  if (typeof raw !== 'number' || raw <= 0 || raw >= 2 ** 20) return
  warning(path, `${raw} is ${raw} ${raw === 1 ? 'byte' : 'bytes'}, next to nothing: write ${percentage ? `${raw}% for a share of the memory or ` : ''}a size such as ${raw}GiB`)
}

function sizeOrReport(value: number | string, path: (string | number)[], problem: Report): number {
  const bytes = parseSize(value)
  if (bytes === undefined) {
    problem(path, `expected a size such as 512GiB or a number of bytes below 2^53, got ${preview(value)}`)
    return 0
  }
  return bytes
}

function checkSelector(selector: GuestSelector, path: (string | number)[], problem: Report): void {
  if (typeof selector !== 'string') return
  const range = /^vmid:([0-9]+)-([0-9]+)$/.exec(selector)
  if (range && Number(range[1]) > Number(range[2])) problem(path, `vmid range ${selector} is empty: write the lower vmid first`)
}
