/**
 * The common first steps of reading a proxlb YAML file (policy, scenario): decode, parse
 * strictly (duplicate keys are errors), check it is a mapping of the `apiVersion` this
 * build reads, validate it against its schema, and locate any path as `line:column: field`.
 *
 * Every problem is reported at its YAML position with the field's dotted path, all at once
 * and top to bottom. Later steps (normalizing a policy or a scenario) report what a schema
 * cannot express through the same `locate`, so their messages read the same way.
 */
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import {InvalidInputError, type Problem, preview} from './problems.js'
import {type SchemaName, validateAgainst} from './schemas.js'
import {decodeUtf8} from './text.js'

export interface YamlFormat {
  schema: SchemaName
  /** What the file is, for messages: `policy`, `scenario`. */
  label: string
  /** The apiVersion this build reads. */
  apiVersion: string
}

export type Path = (string | number)[]

export interface YamlDocument {
  /** The document as plain data, schema-valid. */
  value: Record<string, unknown>
  /** `line:column: dotted.path` of the value at `path` (of its deepest existing parent when absent). */
  locate(path: Path): string
}

/** Reads and validates a YAML document; throws InvalidInputError with every problem found. */
export function readYamlDocument(input: Uint8Array | string, file: string, format: YamlFormat): YamlDocument {
  const starts = `a ${format.label} starts with "apiVersion: ${format.apiVersion}"`
  const {value, locate} = parseYamlLocated(input, file, {empty: starts, notMapping: `a ${format.label} (a YAML mapping starting with "apiVersion: ${format.apiVersion}")`})
  const record = value
  if (record.apiVersion !== format.apiVersion) {
    const message =
      record.apiVersion === undefined
        ? `missing field "apiVersion": ${starts}`
        : `${format.label} apiVersion ${preview(record.apiVersion)} is not supported: this build of proxlb reads apiVersion ${format.apiVersion} only`
    throw new InvalidInputError([{file, location: locate(record.apiVersion === undefined ? [] : ['apiVersion']), message}])
  }

  const numberProblems = unrepresentableNumbers(record, file, locate)
  // A number too large also fails its schema type; say it once.
  const schemaProblems = validateAgainst(format.schema, record, file, locate).filter((p) => !numberProblems.some((n) => n.location === p.location))
  const problems = [...numberProblems, ...schemaProblems]
  if (problems.length > 0) throw new InvalidInputError(problems.sort(byPosition))
  return {value: record, locate}
}

/**
 * The first steps alone, for YAML files proxlb reads without a schema of its own (ProxLB's
 * config): decoded, parsed strictly, a mapping, with `locate`. `expected` words the
 * messages for an empty file and for a document that is not a mapping.
 */
export function parseYamlLocated(input: Uint8Array | string, file: string, expected: {empty: string; notMapping: string}): YamlDocument {
  const decoded = typeof input === 'string' ? {ok: true as const, value: input} : decodeUtf8(input, file)
  if (!decoded.ok) throw new InvalidInputError(decoded.problems)
  const text = decoded.value
  if (text.trim() === '') throw new InvalidInputError([{file, location: '', message: `the file is empty: ${expected.empty}`}])

  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true})
  const at = (offset: number | undefined) => {
    if (offset === undefined) return ''
    const {line, col} = lines.linePos(offset)
    return `${line}:${col}`
  }
  const yamlProblems = [...doc.errors, ...doc.warnings].map<Problem>((e) => ({
    file,
    location: at(e.pos[0]),
    message: yamlMessage(e.code, e.message, text.slice(e.pos[0], e.pos[0] + 200)),
  }))
  if (yamlProblems.length > 0) throw new InvalidInputError(yamlProblems)

  let value: unknown
  try {
    value = doc.toJS({maxAliasCount: 100})
  } catch (error) {
    throw new InvalidInputError([{file, location: '', message: `cannot read the YAML: ${(error as Error).message}`}])
  }
  const locate = (path: Path) => locateInYaml(doc, path, at)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError([{file, location: at(doc.contents?.range?.[0]), message: `expected ${expected.notMapping}, got ${Array.isArray(value) ? 'a list' : preview(value)}`}])
  }
  return {value: value as Record<string, unknown>, locate}
}

/** Orders problems by YAML line and column, so they read top to bottom. */
export function byPosition(a: Problem, b: Problem): number {
  const pos = (p: Problem) => /^(\d+):(\d+)/.exec(p.location)?.slice(1).map(Number) ?? [0, 0]
  const [la, ca] = pos(a)
  const [lb, cb] = pos(b)
  return la - lb || ca - cb
}

/** `limits.maxMoves`, `rules[2].guests[0]`: a path as a YAML reader would say it. */
export function dotted(path: Path): string {
  if (path.length === 0) return ''
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')
}

/** Every number that cannot be represented exactly (YAML turns 1e400 into Infinity). */
function unrepresentableNumbers(value: unknown, file: string, locate: (path: Path) => string): Problem[] {
  const problems: Problem[] = []
  const walk = (v: unknown, path: Path) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) {
      problems.push({file, location: locate(path), message: `number ${preview(v)} is too large: values must stay within ±2^53 (9007199254740991)`})
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]))
    else if (v !== null && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, [...path, k])
  }
  walk(value, [])
  return problems
}

/**
 * `line:column: field` of the value at `path`; for a path that does not exist (a
 * missing field), the position of the deepest part that does.
 */
function locateInYaml(doc: Document, path: Path, at: (offset: number | undefined) => string): string {
  let node: unknown = doc.contents
  let offset = (node as YamlNode | null)?.range?.[0]
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part))
      if (!pair) break
      node = pair.value
      offset = (node as YamlNode | null)?.range?.[0] ?? (pair.key as YamlNode).range?.[0]
    } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
      node = node.items[part]
      offset = (node as YamlNode | null)?.range?.[0] ?? offset
    } else break
  }
  return [at(offset), dotted(path)].filter(Boolean).join(': ')
}

function yamlMessage(code: string, message: string, textAt: string): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^\s*["']?([^"':\n]+)/.exec(textAt)?.[1]?.trim()
    return `duplicate key${key ? ` ${JSON.stringify(key)}` : ''}: keep only one`
  }
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
  return `invalid YAML: ${first}`
}
