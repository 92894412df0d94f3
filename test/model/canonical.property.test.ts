/**
 * canonicalJson makes the bytes it always made: fingerprints stored in snapshots and
 * plans depend on them. The reference is the first implementation (copy every object with
 * its keys sorted, then JSON.stringify), kept here; values include what it handled in
 * its own way: undefined values, integer-like keys, an own "__proto__" key (from
 * JSON.parse), Dates and Maps, shared and repeated shapes.
 */
import {fc, test} from '@fast-check/vitest'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect} from 'vitest'
import {canonicalJson, schemaCanonical, type SchemaNode} from '../../src/model/canonical.js'
import {validateAgainst} from '../../src/model/schemas.js'
import {snapshotFingerprint} from '../../src/model/snapshot.js'
import {ROOT} from '../helpers/cli.js'
import {buildCluster, clusterRecipe} from '../helpers/clusters.js'
import {generateCluster} from '../helpers/generate.js'
import {mutate, mutation} from '../helpers/mutations.js'

function referenceSortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referenceSortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key]
      if (inner !== undefined) sorted[key] = referenceSortKeys(inner)
    }
    return sorted
  }
  return value
}

const reference = (value: unknown) => JSON.stringify(referenceSortKeys(value))

const key = fc.constantFrom('a', 'b', 'c', 'name', 'vmid', '10', '9', '0', '__proto__', 'toJSON', 'Z', 'é', '')
const leaf = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -0, 1.5, 2 ** 60, '', 'x'),
  fc.constantFrom(new Date(0), new Map([['a', 1]])),
  fc.integer(),
  fc.double({noNaN: true}),
  fc.string({maxLength: 6}),
)
const value = fc.letrec<{v: unknown}>((tie) => ({
  v: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    leaf,
    fc.array(fc.tuple(key, tie('v')), {maxLength: 5}).map((pairs) => {
      const o: Record<string, unknown> = {}
      for (const [k, v] of pairs) Object.defineProperty(o, k, {value: v, enumerable: true, writable: true, configurable: true})
      return o
    }),
    fc.array(tie('v'), {maxLength: 5}),
  ),
})).v

describe('canonicalJson', () => {
  test.prop([value], {numRuns: 3000})('writes what the first implementation wrote', (v) => {
    expect(canonicalJson(v)).toBe(reference(v))
  })

  test.prop([fc.array(value, {maxLength: 6})], {numRuns: 500})('also for many objects of the same shapes, as in a snapshot', (items) => {
    const many = [...items, ...items.map((item) => structuredCloneable(item)), items]
    expect(canonicalJson(many)).toBe(reference(many))
  })

  test('leaves the fingerprints of the shipped snapshots as they are', () => {
    for (const file of ['demo.json', 'lab-12-nodes.json']) {
      const doc = JSON.parse(readFileSync(join(ROOT, 'snapshots', file), 'utf8'))
      expect(snapshotFingerprint(doc)).toBe(doc.fingerprint)
      expect(snapshotFingerprint(doc, {valid: true})).toBe(doc.fingerprint)
    }
  })
})

describe('canonical copies made by a schema', () => {
  const shipped = ['demo.json', 'lab-12-nodes.json'].map((file) => JSON.parse(readFileSync(join(ROOT, 'snapshots', file), 'utf8')))
  const valid = (doc: unknown) => validateAgainst('snapshot', doc, 'f', () => '').length === 0

  test.prop([fc.constantFrom(...shipped.keys()), fc.array(mutation, {minLength: 1, maxLength: 6})], {numRuns: 400})(
    'give a valid snapshot, changed at random, the fingerprint canonicalJson gives',
    (which, mutations) => {
      // Fields set, removed or added at random; what the schema refuses is left out, as readSnapshot refuses it.
      const doc = mutations.reduce<unknown>((d, m) => mutate(d, m), shipped[which])
      if (!valid(doc)) return
      expect(snapshotFingerprint(doc as never, {valid: true})).toBe(snapshotFingerprint(doc as never))
    },
  )

  test.prop([clusterRecipe({nodes: [2, 8], guests: [0, 40], rules: true})], {numRuns: 100})('and a generated cluster, with every field a guest can have, the same', (recipe) => {
    const {snapshot} = buildCluster(recipe)
    // Keys in another order than the collector writes them, as a hand-edited file has them.
    const reordered = JSON.parse(JSON.stringify(snapshot, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)))
    for (const doc of [snapshot, reordered]) {
      expect(valid(doc)).toBe(true)
      expect(snapshotFingerprint(doc, {valid: true})).toBe(snapshotFingerprint(doc))
    }
  })

  test.prop([fc.integer({min: 250, max: 800}), fc.integer({min: 1, max: 2 ** 31 - 1})], {numRuns: 12})(
    'and a snapshot whose lists are written a few hundred items at a time, the same across every boundary',
    (guests, seed) => {
      const snapshot = generateCluster({name: 'big', nodes: 40, guests, seed})
      // The list of guests cut at each length around the pieces the fingerprint writes at once.
      for (const length of [guests, 255, 256, 257, 512, 513]) {
        const doc = {...snapshot, guests: snapshot.guests.slice(0, length)}
        expect(valid(doc)).toBe(true)
        expect(snapshotFingerprint(doc, {valid: true})).toBe(snapshotFingerprint(doc))
      }
    },
  )

  test.prop([value], {numRuns: 1000})('and for anything a schema leaves open, what canonicalJson writes', (v) => {
    // Open objects and lists, a typed list of open items, a closed object of open values.
    const schema: SchemaNode = {$defs: {Open: {}, List: {type: 'array', items: {$ref: '#/$defs/Open'}}}, type: 'object', properties: {a: {$ref: '#/$defs/Open'}, b: {$ref: '#/$defs/List'}}, additionalProperties: false}
    expect(JSON.stringify(schemaCanonical(schema, {$ref: '#/$defs/Open'})(v))).toBe(canonicalJson(v))
    const closed = {a: v, b: Array.isArray(v) ? v : [v]}
    expect(JSON.stringify(schemaCanonical(schema)(closed))).toBe(canonicalJson(closed))
  })
})

/** A copy made the way JSON.parse makes objects (same keys, fresh objects), where the value allows. */
function structuredCloneable(v: unknown): unknown {
  try {
    const text = JSON.stringify(v)
    return text === undefined ? v : JSON.parse(text)
  } catch {
    return v
  }
}
