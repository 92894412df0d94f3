/**
 * The quick YAML reader (js-yaml) and the slow one (`yaml`, which words every problem)
 * give the same data: whenever the quick one reads a text, the slow one reads it too,
 * without a problem, as the same values. Texts are written to hit where YAML readers
 * differ: scalars that look like numbers, booleans or null in another YAML version
 * (yes, 012, 1_000, 0b1, .5, 1e3, +.inf, ~), keys and strings with YAML's own
 * characters, every scalar style, block and flow, comments, CRLF, and then the same
 * texts broken by random edits (a colon, a dash, a tab, a quote, an anchor or a tag put
 * in), where js-yaml may take a malformed text `yaml` refuses, but never reads a value
 * differently.
 */
import {isDeepStrictEqual} from 'node:util'
import {fc, test} from '@fast-check/vitest'
import {dump} from 'js-yaml'
import {describe, expect} from 'vitest'
import {stringify} from 'yaml'
import {InvalidInputError} from '../../src/model/problems.js'
import {parseYamlLocated, parseYamlSlowly, readQuickly} from '../../src/model/yaml-document.js'

const EXPECTED = {empty: 'a mapping', notMapping: 'a mapping'}

/** Plain scalars YAML versions and readers resolve differently. */
const TRICKY = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE',
  'null', 'Null', 'NULL', 'nUll', '~', '', '0', '-0', '+0', '00', '012', '0o12', '0O12', '0o8', '0x1F', '0X1f', '-0x1', '0b101',
  '1_000', '1,000', '+12', '-12', '1.5', '.5', '-.5', '5.', '+5.', '1e3', '1E3', '1e+3', '1.5e-3', '.5e3', '1e', 'e3',
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.iNf', 'inf', '.nan', '.NaN', '.NAN', '.nAn', 'nan',
  '9007199254740993', '123456789012345678901234567890', '1e400', '-1e400', '2026-12-02', '2026-12-02T10:00:00Z', '12:30:00', '1:20',
  '<<', '=', '@x', '`x', '%x', 'a: b', 'a:b', 'a #b', 'a#b', '- x', '-x', '? x', '?x', ': x', 'x:', '[x]', '{x}', 'x, y',
  '"q"', "'q'", '\\', '\\n', 'a\tb', ' lead', 'trail ', 'multi\nline', 'multi\n\nparagraph\n', 'été', '\u2028', '\ufeffbom', '__proto__',
]

const scalar = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({maxLength: 10}),
  fc.string({unit: 'binary', maxLength: 6}),
  fc.string({unit: fc.constantFrom('0', '1', '7', '9', 'e', 'E', '.', '+', '-', '_', 'x', 'o', 'b', ':', '#', ' ', 'n', 'a', 'i', 'f', '~', "'", '"', '\n', '\t'), maxLength: 6}),
)
const key = fc.oneof(fc.constantFrom(...TRICKY, 'name', 'rules', 'guests'), fc.string({maxLength: 6}))
const value: fc.Arbitrary<unknown> = fc.letrec<{value: unknown}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    scalar,
    fc.array(tie('value'), {maxLength: 4}),
    fc.dictionary(key, tie('value'), {maxKeys: 4}),
  ),
})).value

/** The ways a value becomes YAML text: both libraries' writers in several styles, and JSON. */
const writer = fc.constantFrom<(v: unknown) => string>(
  (v) => stringify(v),
  (v) => stringify(v, {defaultStringType: 'QUOTE_DOUBLE'}),
  (v) => stringify(v, {defaultStringType: 'QUOTE_SINGLE'}),
  (v) => stringify(v, {defaultStringType: 'BLOCK_LITERAL'}),
  (v) => stringify(v, {defaultStringType: 'BLOCK_FOLDED', lineWidth: 20}),
  (v) => stringify(v, {collectionStyle: 'flow'}),
  (v) => stringify(v, {indent: 4, indentSeq: false}),
  (v) => dump(v),
  (v) => dump(v, {flowLevel: 1}),
  (v) => stringify(v).replace(/\n/g, '\r\n'),
  (v) => `# written by hand\n---\n${stringify(v)}`,
  (v) => JSON.stringify(v, null, 2),
  (v) => JSON.stringify(v, null, '\t'),
  (v) => JSON.stringify(v, null, 1).replace(/\n/g, '\r\n'),
  (v) => JSON.stringify(v),
)

/** Plain text put in as written, where YAML resolves it: the scalars no writer leaves unquoted. */
const plainLine = fc.tuple(fc.constantFrom(...TRICKY.filter((t) => !t.includes('\n'))), fc.constantFrom('k: ', '- ', 'k:\n  - ', '[', '{k: '))

const edit = fc.tuple(fc.nat(), fc.nat({max: 2}), fc.constantFrom(':', ': ', '-', '- ', ' ', '  ', '\n', '\n  ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '|', '>', '\t', '&a ', '*a', '!', '!!str ', '!!int ', '? ', '<<: ', '---\n', '...\n', '%YAML 1.1\n---\n', '\\'))

function broken(text: string, edits: [number, number, string][]): string {
  let out = text
  for (const [at, remove, insert] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1)
    out = out.slice(0, i) + insert + out.slice(i + remove)
  }
  return out
}

/** What the slow reader makes of a text: its value, or its problems. */
function slowly(text: string): {value: unknown} | {problems: string[]} {
  try {
    return {value: parseYamlSlowly(text, 'f.yaml', EXPECTED).value}
  } catch (error) {
    if (error instanceof InvalidInputError) return {problems: error.problems.map((p) => `${p.location}: ${p.message}`)}
    throw error
  }
}

/**
 * The property: a text the quick reader takes, the slow one reads the same. A text broken
 * by random edits may be one `yaml` refuses as malformed where js-yaml is more lenient
 * (a plain scalar over two lines as a key): then the slow reader's
 * only complaint is the syntax, never a value, a duplicate key or a limit.
 */
function agree(text: string, broken = false): void {
  const quick = readQuickly(text)
  if (quick === undefined) return
  const slow = slowly(text)
  if (!('value' in slow)) {
    if (broken && slow.problems.every((p) => /^\d+:\d+: invalid YAML: /.test(p))) return
    expect.fail(`js-yaml read ${JSON.stringify(text)} but yaml says: ${slow.problems.join('; ')}`)
  }
  if (!isDeepStrictEqual(quick, slow.value)) expect.fail(`${JSON.stringify(text)} reads as ${String(JSON.stringify(quick))} quickly and ${String(JSON.stringify(slow.value))} slowly`)
}

describe('the quick and the slow YAML reader', () => {
  test.prop([value, writer], {numRuns: 600})('read what a writer wrote the same', (v, write) => {
    const text = write({v})
    agree(text)
  })

  test.prop([fc.array(plainLine, {minLength: 1, maxLength: 3})], {numRuns: 300})('resolve plain scalars the same', (lines) => {
    for (const [token, before] of lines) {
      const close = before === '[' ? ']' : before === '{k: ' ? '}' : ''
      agree(`a: 1\nx: ${before}${token}${close}\n`)
    }
  })

  test.prop([value, writer, fc.array(edit, {minLength: 1, maxLength: 3})], {numRuns: Number(process.env.YAML_RUNS ?? 1500)})('agree on texts broken by random edits', (v, write, edits) => {
    agree(broken(write({v, w: [1, 'two']}), edits), true)
  })

  test('leave aliases, tags they do not share, directives, deep nesting (YAML or JSON) and block scalars with their indentation given to the slow reader', () => {
    // The last: what the broken texts' property found with seed 1590988959 (js-yaml read " ", yaml "").
    for (const text of ['v: |2-\r\n   \r\n#  000\r\nw:\r\n  -\t 1\r\n  - two\r\n', 'v: >1\n  \nw: 1\n', '- |+2\n   x\n', ' --- \nv: 0\n', 'a: &x 1\nb: *x\n', 'a: !!binary aGk=\n', 'a: !local x\n', '%YAML 1.1\n---\na: yes\n', `a: ${'['.repeat(40)}${']'.repeat(40)}\n`, `{"a": ${'['.repeat(40)}${']'.repeat(40)}}`, 'a: 1\na: 2\n', '- 1\n', 'a: [1\n']) {
      expect(readQuickly(text), text).toBeUndefined()
    }
  })

  test('a quickly read file still says where its problems are', () => {
    const {value, locate} = parseYamlLocated('apiVersion: proxlb/v1\nrules:\n  - name: a\n    guests: [1, 2]\n', 'p.yaml', EXPECTED)
    expect(value).toEqual({apiVersion: 'proxlb/v1', rules: [{name: 'a', guests: [1, 2]}]})
    expect(locate(['rules', 0, 'guests', 1])).toBe('4:17: rules[0].guests[1]')
    expect(locate(['rules', 0, 'missing'])).toBe('3:5: rules[0].missing')
  })
})
