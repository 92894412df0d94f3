/**
 * The names of proxlb's JSON formats, and what a document is.
 *
 * Every JSON document proxlb writes names its format and version in one key, `format`
 * (`"format": "proxlb.plan/v1"`); the JSON Schema of each is schemas/<name>.v1.json.
 * Files written before the key existed carried `schemaVersion: 1` (snapshot, plan,
 * journal), `formatVersion: 1` (simulation, snapshot diff, validation) or `v: 1` (events):
 * readers still take those (see legacyFormat). The YAML files people write (policy,
 * scenario, config) keep Kubernetes-style `apiVersion: proxlb/v1` with `kind`.
 *
 * documentKind tells what a parsed document is, from its format key or, for older files
 * and the YAML kinds, from its shape: so that a plan given where a snapshot was expected
 * is said in one sentence instead of a page of schema errors. Pure.
 */

export const FORMATS = {
  snapshot: 'proxlb.snapshot/v1',
  plan: 'proxlb.plan/v1',
  journal: 'proxlb.journal/v1',
  event: 'proxlb.event/v1',
  simulation: 'proxlb.simulation/v1',
  diff: 'proxlb.snapshot-diff/v1',
  validation: 'proxlb.validation/v1',
  error: 'proxlb.error/v1',
  emulator: 'proxlb.emulator/v1',
  snapshotSummary: 'proxlb.snapshot-summary/v1',
  conversion: 'proxlb.conversion/v1',
  completion: 'proxlb.completion/v1',
  show: 'proxlb.show/v1',
  serve: 'proxlb.serve/v1',
} as const

export type FormatName = keyof typeof FORMATS

/** What a document found in a file is, in words, for messages: `a proxlb plan`. */
export interface DocumentKind {
  /** `plan`, `snapshot`, `policy`, `ProxLB config`, ..., or undefined for nothing proxlb knows. */
  kind?: string
  /** `a proxlb plan (proxlb.plan/v1)` */
  description: string
}

const ARTICLE = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a')

/** The version key a document of an older proxlb carries instead of `format`, if any. */
export function legacyFormat(value: Record<string, unknown>): FormatName | undefined {
  if (value.schemaVersion === 1) {
    if ('takenAt' in value && 'nodes' in value && 'guests' in value) return 'snapshot'
    if ('moves' in value && 'createdAt' in value && 'policy' in value) return 'plan'
    if ('seq' in value && 'run' in value && 'event' in value) return 'journal'
  }
  if (value.formatVersion === 1) {
    if ('files' in value) return 'validation'
    if ('resilience' in value && 'changes' in value) return 'simulation'
    if ('identical' in value && 'before' in value) return 'diff'
  }
  if (value.v === 1 && typeof value.type === 'string') return 'event'
  return undefined
}

/** What `value` (a parsed JSON or YAML document) is. */
export function documentKind(value: unknown): DocumentKind {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {description: Array.isArray(value) ? 'a list' : `not an object`}
  const record = value as Record<string, unknown>
  const format = record.format
  if (typeof format === 'string') {
    const known = (Object.entries(FORMATS) as [FormatName, string][]).find(([, f]) => f === format)
    const m = /^proxlb\.([a-z-]+)\/v(\d+)$/.exec(format)
    if (known) return {kind: known[0], description: `${ARTICLE(words(known[0]))} proxlb ${words(known[0])} (${format})`}
    if (m) return {kind: m[1], description: `a proxlb ${m[1].replaceAll('-', ' ')} of a format this build does not know (${format})`}
  }
  const legacy = legacyFormat(record)
  if (legacy) return {kind: legacy, description: `${ARTICLE(words(legacy))} proxlb ${words(legacy)} (written by an earlier proxlb)`}
  if (typeof record.apiVersion === 'string' && /^proxlb\//.test(record.apiVersion)) {
    const kind = typeof record.kind === 'string' ? record.kind.toLowerCase() : guessYamlKind(record)
    return kind ? {kind, description: `${ARTICLE(kind)} proxlb ${kind} (apiVersion ${record.apiVersion})`} : {description: `a proxlb file (apiVersion ${record.apiVersion})`}
  }
  if ('proxmox_api' in record || 'proxmox_cluster' in record || 'balancing' in record) return {kind: 'ProxLB config', description: 'a ProxLB configuration file'}
  if (record.error && typeof record.error === 'object') return {kind: 'error', description: 'a proxlb error report'}
  if (typeof record.$schema === 'string' && /json-schema\.org/.test(record.$schema)) return {kind: 'JSON Schema', description: 'a JSON Schema'}
  return {description: 'no proxlb file'}
}

/**
 * The sentence for a document of the wrong kind, or undefined when `value` may be `expected`
 * (or is nothing proxlb knows: then the schema's errors say what is wrong with it).
 */
export function wrongKindSentence(value: unknown, expected: string, hint: string): string | undefined {
  const found = documentKind(value)
  if (!found.kind || found.kind === expected) return undefined
  return `this is ${found.description}, not ${ARTICLE(expected)} ${expected}: ${hint}`
}

/**
 * What a text that is not JSON is, when it is a YAML or INI file proxlb knows (a policy,
 * a scenario, a config, ProxLB's config), from its top-level keys; for the sentence that
 * says so when such a file is given where a JSON one was expected.
 */
export function textKind(text: string): DocumentKind | undefined {
  const head = text.slice(0, 64 * 1024)
  const api = /^apiVersion:\s*["']?(proxlb\/v\d+)/m.exec(head)
  if (api) {
    const kind = /^kind:\s*["']?(\w+)/m.exec(head)?.[1]?.toLowerCase() ?? guessYamlKind(Object.fromEntries([...head.matchAll(/^([A-Za-z_$][\w$]*):/gm)].map((m) => [m[1], true])))
    return kind ? {kind, description: `${ARTICLE(kind)} proxlb ${kind} (YAML, apiVersion ${api[1]})`} : {description: `a proxlb YAML file (apiVersion ${api[1]})`}
  }
  if (/^(proxmox_api|proxmox_cluster|balancing):/m.test(head) || /^\[(proxmox|balancing|service)\]/m.test(head)) return {kind: 'ProxLB config', description: 'a ProxLB configuration file'}
  return undefined
}

function guessYamlKind(record: Record<string, unknown>): string | undefined {
  if ('changes' in record) return 'scenario'
  if ('connection' in record || 'service' in record) return 'config'
  if ('balance' in record || 'rules' in record || 'ignore' in record || 'limits' in record || 'maintenance' in record) return 'policy'
  return undefined
}

function words(name: string): string {
  return {diff: 'snapshot diff', snapshotSummary: 'snapshot summary', event: 'run event', emulator: 'emulator start', show: 'plan review'}[name] ?? name
}
