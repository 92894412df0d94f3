/**
 * The common first steps of reading a proxlb YAML file (policy, scenario): decode, parse
 * strictly (duplicate keys are errors), check it is a mapping of the `apiVersion` this
 * build reads, validate it against its schema, and locate any path as `line:column: field`.
 *
 * Every problem is reported at its YAML position with the field's dotted path, all at once
 * and top to bottom. Later steps (normalizing a policy or a scenario) report what a schema
 * cannot express through the same `locate`, so their messages read the same way.
 *
 * Hostile YAML gets one line each, never the engine's stack message: more entries than
 * YAML_LIMITS.entries (counted on the text, before the slow parse), nesting deeper than
 * YAML_LIMITS.depth, an alias inside the value it names (`x: &x [*x]`), and aliases that
 * expand beyond YAML_LIMITS.aliases (the "billion laughs").
 */
import {isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import {InvalidInputError, type Problem, preview} from './problems.js'
import {type SchemaName, validateAgainst} from './schemas.js'
import {decodeUtf8} from './text.js'
import {wrongKindSentence} from './formats.js'

export interface YamlFormat {
  schema: SchemaName
  /** What the file is, for messages: `policy`, `scenario`. */
  label: string
  /** The apiVersion this build reads. */
  apiVersion: string
}

export type Path = (string | number)[]

/**
 * What proxlb reads of one YAML file. Entries are counted as lines plus commas (a rough
 * upper bound of the list items and fields, found without parsing): a policy pinning
 * each of 12,000 guests has about 60,000. Real files nest fewer than ten levels and use an
 * alias a few times at most.
 */
export const YAML_LIMITS = {entries: 100_000, depth: 64, aliases: 100} as const

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
  // Another file in its place (a snapshot, a plan, a config given as a policy): one sentence.
  const wrong = wrongKindSentence(record, format.label, `give a ${format.label} file (YAML starting with "apiVersion: ${format.apiVersion}")`)
  if (wrong) throw new InvalidInputError([{file, location: '', message: wrong}])
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
  checkYamlSize(text, file)

  const lines = new LineCounter()
  const doc = parseDocument(text, {lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true})
  const at = (offset: number | undefined) => {
    if (offset === undefined) return ''
    const {line, col} = lines.linePos(offset)
    return `${line}:${col}`
  }
  // Duplicate keys are each worth a line; after any other syntax error the rest is noise
  // (one missing ] makes the parser miss a } as well), as in JSON: the first one is shown.
  const errors = [...doc.errors, ...doc.warnings]
  const firstSyntaxError = errors.find((e) => e.code !== 'DUPLICATE_KEY')
  const yamlProblems = (firstSyntaxError ? [firstSyntaxError] : errors).map<Problem>((e) => ({
    file,
    location: at(e.pos[0]),
    message: yamlMessage(e.code, e.message, text.slice(e.pos[0], e.pos[0] + 200)),
  }))
  // The parser gives up on deep nesting with the engine's stack message; one line says it.
  const tooDeep = yamlProblems.find((p) => p.message.includes('call stack'))
  if (tooDeep) throw new InvalidInputError([{file, location: tooDeep.location, message: `nesting deeper than ${YAML_LIMITS.depth} levels`}])
  if (yamlProblems.length > 0) throw new InvalidInputError(yamlProblems)
  const structure = structureProblem(doc, file, at)
  if (structure) throw new InvalidInputError([structure])

  let value: unknown
  try {
    value = doc.toJS({maxAliasCount: YAML_LIMITS.aliases})
  } catch (error) {
    const message = (error as Error).message
    const bomb = /excessive alias count/i.test(message)
    throw new InvalidInputError([{file, location: at(firstAlias(doc)), message: bomb ? `aliases expand to more than ${YAML_LIMITS.aliases} copies (an alias bomb?): write the values out, or alias less` : `cannot read the YAML: ${message}`}])
  }
  const locate = (path: Path) => locateInYaml(doc, path, at)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError([{file, location: at(doc.contents?.range?.[0]), message: `expected ${expected.notMapping}, got ${Array.isArray(value) ? 'a list' : preview(value)}`}])
  }
  return {value: value as Record<string, unknown>, locate}
}

/**
 * Refuses text with more entries than YAML_LIMITS.entries before it is parsed (parsing
 * takes about 10 µs and a few hundred bytes of memory per entry).
 */
export function checkYamlSize(text: string, file: string): void {
  let entries = 1
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) entries++
  for (let at = text.indexOf(','); at !== -1; at = text.indexOf(',', at + 1)) entries++
  if (entries > YAML_LIMITS.entries) {
    throw new InvalidInputError([{file, location: '', message: `about ${entries.toLocaleString('en-US')} entries (lines and commas), more than the ${YAML_LIMITS.entries.toLocaleString('en-US')} proxlb reads in a YAML file: is it the right file?`}])
  }
}

/**
 * Nesting deeper than YAML_LIMITS.depth, or an alias inside the value of its own anchor
 * (which would make the value contain itself), at its place. Iterative: the depth is
 * what is being checked.
 */
function structureProblem(doc: Document, file: string, at: (offset: number | undefined) => string): Problem | undefined {
  interface Visit {
    node: unknown
    depth: number
    /** Anchors of the collections this node is inside. */
    anchors: readonly string[]
  }
  const stack: Visit[] = [{node: doc.contents, depth: 0, anchors: []}]
  while (stack.length > 0) {
    const {node, depth, anchors} = stack.pop()!
    if (isAlias(node)) {
      if (anchors.includes(node.source)) {
        return {file, location: at(node.range?.[0]), message: `alias *${node.source} is inside the value of &${node.source}, which would then contain itself: remove the alias or move it out`}
      }
    } else if (isPair(node)) {
      stack.push({node: node.value, depth, anchors}, {node: node.key, depth, anchors})
    } else if (isCollection(node)) {
      if (depth >= YAML_LIMITS.depth) return {file, location: at(node.range?.[0]), message: `nesting deeper than ${YAML_LIMITS.depth} levels`}
      const inner = node.anchor ? [...anchors, node.anchor] : anchors
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({node: node.items[i], depth: depth + 1, anchors: inner})
    }
  }
  return undefined
}

function firstAlias(doc: Document): number | undefined {
  const stack: unknown[] = [doc.contents]
  while (stack.length > 0) {
    const node = stack.pop()
    if (isAlias(node)) return node.range?.[0]
    if (isPair(node)) stack.push(node.value, node.key)
    else if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i])
  }
  return undefined
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
