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
import {defineMappingTag, defineScalarTag, load as loadYaml, NOT_RESOLVED, Schema, seqTag, strTag} from 'js-yaml'
import {InvalidInputError, type Problem, preview} from './problems.js'
import {type SchemaName, validateAgainst} from './schemas.js'
import {decodeUtf8, readWhole} from './text.js'
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
  const quick = readQuickly(text)
  if (quick !== undefined) {
    // Positions are wanted only for problems, which most files do not have: the document
    // that knows them is parsed on the first question.
    let located: YamlDocument['locate'] | undefined
    return {value: quick, locate: (path) => (located ??= parseYamlSlowly(text, file, expected).locate)(path)}
  }
  return parseYamlSlowly(text, file, expected)
}

/**
 * The plain data of a YAML mapping read the quick way, or undefined when the text is
 * left to the slow way, whose messages and positions proxlb words: a syntax error, a
 * duplicate key, an alias, a tag, deep nesting, a document that is not a mapping, and
 * whatever the quick readers might read differently.
 *
 * YAML 1.2 holds JSON, so a JSON text is read by JSON.parse, checked as proxlb's strict
 * JSON reader checks it (keys given twice, as YAML refuses them, and too deep nesting). Block YAML, with one-line lists of scalars, is
 * read by js-yaml 5 with the core schema as `yaml` resolves it; both pass the YAML test
 * suite. Either is many times faster than `yaml` (a 170 KB policy of 800 rules: 30 ms
 * against 140). test/model/yaml-readers.property.test.ts holds them to the same values.
 * On some malformed texts js-yaml is more lenient than `yaml` (a plain key spread over
 * two lines, a comment between a key and its value): such a file is read as js-yaml
 * reads it, and the schema still judges what it says.
 */
export function readQuickly(text: string): Record<string, unknown> | undefined {
  let value: unknown
  // A carriage return alone ends a line for these readers, not for `yaml`.
  if (/\r(?!\n)/.test(text)) return undefined
  if (/^\s*\{/.test(text)) {
    try {
      value = JSON.parse(text)
    } catch {
      return undefined
    }
    if (!readWhole(text, value, QUICK_DEPTH)) return undefined
  } else {
    if (QUICK_UNSURE.test(text) || /[[\]{}]/.test(text.replace(ONE_LINE_LIST, ''))) return undefined
    try {
      value = loadYaml(text, {schema: QUICK_SCHEMA, maxAliases: 0, maxDepth: QUICK_DEPTH})
    } catch {
      return undefined
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/**
 * What js-yaml is not asked to read, although it could: a directive (which could ask
 * for YAML 1.1, where yes and 012 mean something else), and the places where it lets
 * through what YAML does not allow: an empty key (`: x`), an explicit one (`? x`), a
 * document end (`...`), an indented `---`, a tag or an anchor (`!x`, `&x`), a tab in a
 * line's indentation, and flow collections other than a list of scalars closed on its
 * line (ONE_LINE_LIST); and a block scalar with its indentation given (`|2-`), whose
 * lines of only spaces the two read differently (js-yaml keeps the spaces past the
 * indentation, `yaml` drops them).
 * proxlb's files have none of them; a text merely mentioning them (`name: "a : b"`) is
 * read the slow way too.
 */
const QUICK_UNSURE = /^%|^\.\.\.|^ +(?:---|\.\.\.)(?:\s|$)|^ *\t|(?:^|[\s[{,])[?:](?:\s|$)|(?:^|[\s[{,:])[!&]|(?:^|[ \t])[|>](?:[1-9][+-]?|[+-][1-9])[ \t]*(?:#.*)?\r?$/m
const ONE_LINE_LIST = /\[[^[\]{}\n]*\](?= *(?:#|$))/gm

/** Deeper files, YAML or JSON, are read the slow way, which says where YAML_LIMITS.depth is passed. */
const QUICK_DEPTH = 32

/**
 * The YAML 1.2 core schema as `yaml` resolves it, for js-yaml: the same patterns, in the
 * same order, giving the same values (1e400 is Infinity, 0o17 is 15, a 30-digit integer
 * is the nearest number), and mapping keys written the way `yaml` writes them (a null
 * key is ""). Load only: nothing is written with it.
 */
const QUICK_SCHEMA = (() => {
  const loadOnly = {implicit: true, identify: () => false}
  const scalar = (tag: string, firstChars: string[], patterns: [RegExp, (source: string) => unknown][]) =>
    defineScalarTag(`tag:yaml.org,2002:${tag}`, {
      ...loadOnly,
      implicitFirstChars: firstChars,
      resolve: (source) => {
        for (const [pattern, value] of patterns) if (pattern.test(source)) return value(source)
        return NOT_RESOLVED
      },
    })
  const map = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
    create: () => ({}),
    identify: () => false,
    addPair: (container, key, value) => {
      if (key !== null && typeof key === 'object') return 'a key that is a collection'
      Object.defineProperty(container, key === null ? '' : String(key), {value, enumerable: true, configurable: true, writable: true})
      return ''
    },
    has: (container, key) => (key !== null && typeof key === 'object' ? false : Object.hasOwn(container, key === null ? '' : String(key))),
    keys: (container) => Object.keys(container),
    get: (container, key) => container[key === null ? '' : String(key)] ?? null,
  })
  return new Schema([
    strTag,
    seqTag,
    map,
    scalar('null', ['', ...'~nN'], [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalar('bool', [...'tTfF'], [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']]),
    scalar('int', [...'+-0123456789'], [
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
    ]),
    scalar('float', [...'+-.0123456789'], [
      [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
    ]),
  ])
})()

export function parseYamlSlowly(text: string, file: string, expected: {empty: string; notMapping: string}): YamlDocument {
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
