/**
 * Reading YAML documents proxlb takes from users (policies, config files) with precise
 * errors: syntax errors and duplicate keys at their `line:column`, and a locator that
 * turns a path of keys and indexes into `line:column: dotted.path`, so that any later
 * check (schema, ranges) can point at the value it is about. Pure: text in, value out.
 */
import {isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode} from 'yaml'
import {InvalidInputError, type Problem} from './problems.js'
import type {Locator} from './schemas.js'
import {decodeUtf8} from './text.js'

export interface YamlDocument {
  value: unknown
  /** `line:column: dotted.path` of the value at a path (or of the deepest part of it that exists). */
  locate: Locator
  /** The text holds nothing but whitespace. */
  empty: boolean
}

/** Decodes and parses YAML; throws InvalidInputError with every syntax problem. */
export function readYamlDocument(input: Uint8Array | string, file: string): YamlDocument {
  const decoded = typeof input === 'string' ? {ok: true as const, value: input} : decodeUtf8(input, file)
  if (!decoded.ok) throw new InvalidInputError(decoded.problems)
  const text = decoded.value
  if (text.trim() === '') return {value: undefined, locate: () => '', empty: true}

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
  return {value, locate: (path) => locateInYaml(doc, path, at), empty: false}
}

/** Orders problems by YAML line and column, so they read top to bottom. */
export function byPosition(a: Problem, b: Problem): number {
  const pos = (p: Problem) => /^(\d+):(\d+)/.exec(p.location)?.slice(1).map(Number) ?? [0, 0]
  const [la, ca] = pos(a)
  const [lb, cb] = pos(b)
  return la - lb || ca - cb
}

/** `limits.maxMoves`, `rules[2].guests[0]`: a path as a YAML reader would say it. */
export function dotted(path: (string | number)[]): string {
  if (path.length === 0) return ''
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')
}

/**
 * `line:column: field` of the value at `path`; for a path that does not exist (a
 * missing field), the position of the deepest part that does.
 */
function locateInYaml(doc: Document, path: (string | number)[], at: (offset: number | undefined) => string): string {
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
