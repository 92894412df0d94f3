/**
 * The fast JSON reader (JSON.parse, then one walk over the result) says exactly what the
 * precise scanner says, on texts written to hit what JSON.parse lets through: keys given
 * twice (also with spaces before the colon, or colons inside keys and strings, written
 * plainly or as \u003a), numbers beyond 2^53, deep nesting, and broken syntax.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {locateJsonProblems, MAX_DEPTH, parseJson} from '../../src/model/text.js'

/** A JSON value as written: objects are lists of pairs, so a key can come twice. */
type Written = {kind: 'object'; pairs: [string, Written][]} | {kind: 'array'; items: Written[]} | {kind: 'raw'; text: string}

const key = fc.constantFrom('a', 'b', 'a:b', ':', 'node', 'memory', '\\u003a', 'x\\"y', '', '__proto__')
const scalar = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '9007199254740991', '9007199254740992', '-9007199254740993', '1e308', '1e400', '2e15', 'true', 'false', 'null'),
  fc.constantFrom('"x"', '":"', '"a:b:c"', '"\\u003a"', '"\\u003A"', '"\\\\u003a"', '"\\":"', '"\\u00e9t\\u00e9"', '"été"', '"\\ud800"'),
  fc.integer().map(String),
  fc.double({noNaN: true, noDefaultInfinity: true}).map((d) => JSON.stringify(d)),
  fc.string({maxLength: 8}).map((s) => JSON.stringify(s)),
)
const written: fc.Arbitrary<Written> = fc.letrec<{value: Written}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    scalar.map((text) => ({kind: 'raw' as const, text})),
    fc.array(fc.tuple(key, tie('value')), {maxLength: 4}).map((pairs) => ({kind: 'object' as const, pairs})),
    fc.array(tie('value'), {maxLength: 4}).map((items) => ({kind: 'array' as const, items})),
  ),
})).value

const space = fc.constantFrom('', '', ' ', '\n  ', '\t', '\r\n')

function serialize(value: Written, spaces: string[], at = {i: 0}): string {
  const ws = () => spaces[at.i++ % spaces.length]
  if (value.kind === 'raw') return value.text
  if (value.kind === 'array') return `[${ws()}${value.items.map((item) => serialize(item, spaces, at)).join(`,${ws()}`)}${ws()}]`
  return `{${ws()}${value.pairs.map(([k, v]) => `"${k}"${ws()}:${ws()}${serialize(v, spaces, at)}`).join(`,${ws()}`)}${ws()}}`
}

function nested(depth: number, inner: string): string {
  return '['.repeat(depth) + inner + ']'.repeat(depth)
}

describe('parseJson', () => {
  test.prop([written, fc.array(space, {minLength: 1, maxLength: 6})], {numRuns: 2000})('agrees with the precise scanner', (value, spaces) => {
    const text = serialize(value, spaces)
    expect(parseJson(text, 'f.json')).toEqual(locateJsonProblems(text, 'f.json'))
  })

  test.prop([written, fc.nat(), fc.nat({max: 3})], {numRuns: 500})('agrees with the precise scanner on broken texts', (value, at, how) => {
    const text = serialize(value, [' '])
    const i = at % (text.length + 1)
    const broken = [text.slice(0, i), text.slice(0, i) + ',' + text.slice(i), text.slice(0, i) + '}' + text.slice(i), text.slice(0, i) + '"' + text.slice(i)][how]
    expect(parseJson(broken, 'f.json')).toEqual(locateJsonProblems(broken, 'f.json'))
  })

  test.each([
    ['a key twice', '{"a": 1, "a": 2}', ['f.json:/a: duplicate field "a": keep only one']],
    ['a key twice with spaces before the colons', '{"a" : {"b" :1}, "a" :2}', ['f.json:/a: duplicate field "a": keep only one']],
    ['a key twice where a string hides a colon as \\u003a', '{"x": "\\u003a", "k": 1, "k": 2}', ['f.json:/k: duplicate field "k": keep only one']],
    ['a number beyond 2^53', '{"a": [9007199254740993]}', ['f.json:/a/0: number "9007199254740993" is too large: values must stay within ±2^53 (9007199254740991)']],
    ['nesting one level too deep', nested(MAX_DEPTH + 1, '1'), [`f.json:1:${MAX_DEPTH + 1}: nesting deeper than ${MAX_DEPTH} levels`]],
  ])('refuses %s, at its place', (_, text, lines) => {
    const result = parseJson(text, 'f.json')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => `${p.file}:${p.location}: ${p.message}`)).toEqual(lines)
  })

  test('accepts the deepest nesting allowed, and keys and strings full of colons', () => {
    expect(parseJson(nested(MAX_DEPTH, '1'), 'f.json').ok).toBe(true)
    expect(parseJson('{"a:b": "c:d", "e": {"f": ":::"}}', 'f.json')).toEqual({ok: true, value: {'a:b': 'c:d', e: {f: ':::'}}})
  })
})
