/**
 * Strict reading of file text: UTF-8 decoding and JSON syntax.
 *
 * `JSON.parse` accepts duplicate keys silently, turns 1e400 into Infinity and reports
 * syntax errors as a character offset. Files proxlb reads decide where guests run, so
 * this module refuses all three with a position the user can jump to: bad UTF-8 and
 * syntax errors as `line:column`, duplicate keys and unrepresentable numbers as a JSON
 * pointer, and nesting deeper than MAX_DEPTH.
 *
 * Reading is fast where the file is good, precise where it is not: the bytes are checked
 * and decoded natively, `JSON.parse` reads the text, and one walk over the result checks
 * numbers, depth and (by counting colons, see `colonsInValue`) that no key was given
 * twice. Only when one of these fails does the hand-written scanner run, which is slower
 * but says where the problem is; it is iterative, so hostile nesting cannot overflow the
 * stack. Pure: text in, value or problems out.
 */
import {isAscii, isUtf8} from 'node:buffer'
import {type Problem, preview, toPointer} from './problems.js'

/** Deepest nesting accepted in a JSON document; real files need fewer than ten levels. */
export const MAX_DEPTH = 256

export type ReadResult<T> = {ok: true; value: T} | {ok: false; problems: Problem[]}

/** Decodes UTF-8 (dropping a byte-order mark); invalid bytes are refused with their position. */
export function decodeUtf8(bytes: Uint8Array, file: string): ReadResult<string> {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.length - bom)
  if (isAscii(buffer)) return {ok: true, value: buffer.toString('latin1')}
  if (isUtf8(buffer)) return {ok: true, value: buffer.toString('utf8')}
  const offset = firstInvalidUtf8(bytes)
  const valid = new TextDecoder('utf-8').decode(bytes.subarray(0, offset))
  return {
    ok: false,
    problems: [
      {
        file,
        location: lineColumn(valid, valid.length),
        message: `invalid UTF-8 (byte 0x${bytes[offset].toString(16).padStart(2, '0')} at offset ${offset}): save the file as UTF-8`,
      },
    ],
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    let need: number
    let min: number
    if (b < 0x80) {
      i++
      continue
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80]
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800]
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000]
    else return i
    let code = b & (0xff >> (need + 2))
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      code = (code << 6) | (c & 0x3f)
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i
    i += need + 1
  }
  return bytes.length
}

/** 1-based `line:column` of a character offset. */
export function lineColumn(text: string, offset: number): string {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return `${line}:${offset - lineStart + 1}`
}

/**
 * Parses JSON text strictly: syntax errors, duplicate keys, numbers beyond 2^53 and
 * nesting deeper than MAX_DEPTH are refused, each with its place.
 */
export function parseJson(text: string, file: string): ReadResult<unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return locateJsonProblems(text, file, error as Error)
  }
  if (!readWhole(text, value)) return locateJsonProblems(text, file)
  return {ok: true, value}
}

/**
 * `value`, what JSON.parse made of `text`, is all the text says, as parseJson reads it:
 * no key given twice, no number beyond 2^53, no nesting deeper than `depth` levels. When
 * it is not, parseJson's precise scanner says where.
 */
export function readWhole(text: string, value: unknown, depth = MAX_DEPTH): boolean {
  // A colon written as \u003a would not be counted in the text; such files take the precise way.
  const trusted = text.indexOf('\\u003a') === -1 && text.indexOf('\\u003A') === -1
  const colons = trusted ? colonsInValue(value, 0, depth) : -1
  return colons >= 0 && colons === countColons(text)
}

function countColons(text: string): number {
  let count = 0
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) count++
  return count
}

/**
 * The colons the JSON text of `value` holds: one after each key, plus those inside keys
 * and strings; -1 when a number is beyond 2^53 or the nesting is deeper than `limit`.
 *
 * In JSON text a colon is either the separator after a key or a character of a string
 * (written as itself, or as the escape \u003a, which the caller rules out). JSON.parse
 * keeps only the last of two equal keys, so the value it returns lacks at least the
 * separator of every key given twice: its count falls short of the text's exactly when
 * a key was repeated.
 */
function colonsInValue(value: unknown, depth: number, limit: number): number {
  if (typeof value === 'string') return countColons(value)
  if (typeof value === 'number') return value <= Number.MAX_SAFE_INTEGER && value >= -Number.MAX_SAFE_INTEGER ? 0 : -1
  if (value === null || typeof value !== 'object') return 0
  if (depth >= limit) return -1
  let count = 0
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = colonsInValue(value[i], depth + 1, limit)
      if (inner < 0) return -1
      count += inner
    }
    return count
  }
  for (const key in value) {
    const inner = colonsInValue((value as Record<string, unknown>)[key], depth + 1, limit)
    if (inner < 0) return -1
    count += 1 + countColons(key) + inner
  }
  return count
}

interface Frame {
  kind: 'object' | 'array'
  path: (string | number)[]
  keys: Set<string>
  index: number
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y

/**
 * The precise scanner: every problem of `text` with its place (exported so that a property
 * test can hold parseJson to it). Syntax errors stop at the
 * first one (later text cannot be trusted); duplicate keys and numbers beyond 2^53 are all
 * collected. `parseError` is what JSON.parse said, if it refused the text.
 */
export function locateJsonProblems(text: string, file: string, parseError?: Error): ReadResult<unknown> {
  const problems: Problem[] = []
  const syntax = (offset: number, message: string): ReadResult<unknown> => ({
    ok: false,
    problems: [...problems, {file, location: lineColumn(text, offset), message}],
  })
  if (text.trim() === '') return {ok: false, problems: [{file, location: '', message: 'the file is empty: expected a JSON object'}]}

  const stack: Frame[] = []
  let pos = 0
  let expectValue = true

  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(pos)
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++
      else return
    }
  }
  const describeAt = (offset: number) =>
    offset >= text.length ? 'the end of the file' : `${JSON.stringify(text[offset])}`

  /** Reads a string starting at the opening quote; returns its value or an error message. */
  const readString = (): string | {error: string; at: number} => {
    const start = pos
    pos++
    let hasEscape = false
    for (;;) {
      if (pos >= text.length) return {error: 'unterminated string: add the closing "', at: start}
      const c = text.charCodeAt(pos)
      if (c === 34) break
      if (c < 32) return {error: 'control character inside a string: escape it (\\n, \\t, \\u00XX)', at: pos}
      if (c === 92) {
        hasEscape = true
        const next = text[pos + 1]
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) return {error: 'invalid \\u escape: expected four hex digits', at: pos}
          pos += 6
          continue
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) return {error: next === undefined ? 'unterminated escape at the end of the file' : `invalid escape ${JSON.stringify(`\\${next}`)} in a string: a backslash starts one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`, at: pos}
        pos += 2
        continue
      }
      pos++
    }
    const raw = text.slice(start, pos + 1)
    pos++
    return hasEscape ? (JSON.parse(raw) as string) : raw.slice(1, -1)
  }

  const currentPath = (): (string | number)[] => {
    const top = stack.at(-1)
    return top ? top.path : []
  }

  let pendingKey: string | number | undefined
  const childPath = () => (pendingKey === undefined ? [] : [...currentPath(), pendingKey])

  for (;;) {
    skipSpace()
    if (expectValue) {
      const c = text[pos]
      if (c === '{' || c === '[') {
        if (stack.length >= MAX_DEPTH) return syntax(pos, `nesting deeper than ${MAX_DEPTH} levels`)
        stack.push({kind: c === '{' ? 'object' : 'array', path: childPath(), keys: new Set(), index: 0})
        pos++
        skipSpace()
        const close = c === '{' ? '}' : ']'
        if (text[pos] === close) {
          pos++
          stack.pop()
          expectValue = false
          continue
        }
        if (c === '{') {
          const keyError = readKey()
          if (keyError) return keyError
        } else pendingKey = 0
        continue
      }
      if (c === '"') {
        const s = readString()
        if (typeof s !== 'string') return syntax(s.at, s.error)
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = pos
        const m = NUMBER.exec(text)
        if (!m) return syntax(pos, `invalid number near ${describeAt(pos)}`)
        const n = Number(m[0])
        if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) {
          problems.push({
            file,
            location: toPointer(childPath()),
            message: `number ${preview(m[0], 24)} is too large: values must stay within ±2^53 (9007199254740991)`,
          })
        }
        pos += m[0].length
      } else if (text.startsWith('true', pos)) pos += 4
      else if (text.startsWith('false', pos)) pos += 5
      else if (text.startsWith('null', pos)) pos += 4
      else {
        const top = stack.at(-1)
        if (top && (c === ']' || c === '}'))
          return syntax(pos, `trailing comma before ${JSON.stringify(c)}: remove the comma`)
        return syntax(pos, `unexpected ${describeAt(pos)} where a value was expected`)
      }
      expectValue = false
      continue
    }

    const top = stack.at(-1)
    if (!top) {
      if (pos < text.length) return syntax(pos, `unexpected ${describeAt(pos)} after the end of the JSON document`)
      break
    }
    const c = text[pos]
    if (c === ',') {
      pos++
      skipSpace()
      if (top.kind === 'array') {
        top.index++
        pendingKey = top.index
        expectValue = true
      } else {
        const keyError = readKey()
        if (keyError) return keyError
      }
      continue
    }
    if ((top.kind === 'array' && c === ']') || (top.kind === 'object' && c === '}')) {
      pos++
      stack.pop()
      continue
    }
    const wanted = top.kind === 'array' ? '"," or "]"' : '"," or "}"'
    return syntax(pos, `expected ${wanted} but found ${describeAt(pos)}`)
  }

  function readKey(): ReadResult<unknown> | undefined {
    const top = stack.at(-1) as Frame
    if (text[pos] !== '"') {
      if (text[pos] === '}') return syntax(pos, 'trailing comma before "}": remove the comma')
      return syntax(pos, `expected a quoted field name but found ${describeAt(pos)}`)
    }
    const key = readString()
    if (typeof key !== 'string') return syntax(key.at, key.error)
    if (top.keys.has(key)) {
      problems.push({
        file,
        location: toPointer([...top.path, key]),
        message: `duplicate field ${JSON.stringify(key)}: keep only one`,
      })
    }
    top.keys.add(key)
    skipSpace()
    if (text[pos] !== ':') return syntax(pos, `expected ":" after field name ${JSON.stringify(key)}`)
    pos++
    pendingKey = key
    expectValue = true
    return undefined
  }

  if (problems.length > 0) return {ok: false, problems}
  // Both readers follow RFC 8259; should they ever disagree, say what JSON.parse said.
  if (parseError) return {ok: false, problems: [{file, location: '', message: `invalid JSON: ${parseError.message}`}]}
  return {ok: true, value: JSON.parse(text)}
}
