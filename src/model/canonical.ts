/**
 * Canonical JSON and fingerprints.
 *
 * Canonical JSON sorts object keys and drops whitespace and undefined values, so the
 * same content always gives the same bytes whatever the order it was written in. The
 * fingerprint of a snapshot (and the hash of a policy) is sha256 over that text: plans
 * name the snapshot they were made from by it, and apply uses it to spot stale plans.
 * The bytes are a contract (fingerprints are stored in snapshots and plans): any faster
 * way of making them must make the same ones.
 */
import {createHash} from 'node:crypto'

export function canonicalJson(value: unknown): string {
  return JSON.stringify(new KeySorter().sorted(value))
}

/**
 * Copies of values with every object's keys in sorted order, for JSON.stringify to
 * write. Objects whose keys are sorted already and whose values need no change are
 * used as they are, and what was found for a list of keys is remembered: a snapshot
 * holds thousands of objects of a few shapes (guests, their cpu, memory, disks).
 */
class KeySorter {
  /** What is known of key lists, by their first key. */
  private readonly shapes = new Map<string, Shape[]>()

  sorted(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined
      for (let i = 0; i < value.length; i++) {
        const item = value[i]
        const sorted = this.sorted(item)
        if (sorted !== item && copy === undefined) copy = value.slice(0, i)
        if (copy !== undefined) copy.push(sorted)
      }
      return copy ?? value
    }
    const record = value as Record<string, unknown>
    const shape = this.shapeOf(Object.keys(record))
    const order = shape.sorted
    // Anything but a plain object (a Date, a Map) is written as the plain object of its own keys.
    const prototype = Object.getPrototypeOf(record)
    let copy: Record<string, unknown> | undefined = shape.copy || (prototype !== Object.prototype && prototype !== null) ? {} : undefined
    for (let i = 0; i < order.length; i++) {
      const key = order[i]
      const inner = record[key]
      const sorted = inner === undefined ? undefined : this.sorted(inner)
      if (copy === undefined && sorted !== inner) {
        copy = {}
        for (let j = 0; j < i; j++) copy[order[j]] = record[order[j]]
      }
      if (copy !== undefined && sorted !== undefined) copy[key] = sorted
    }
    return copy ?? record
  }

  private shapeOf(keys: string[]): Shape {
    const first = keys.length > 0 ? keys[0] : ''
    let known = this.shapes.get(first)
    if (known === undefined) this.shapes.set(first, (known = []))
    for (const shape of known) if (sameKeys(shape.keys, keys)) return shape
    let ordered = true
    for (let i = 1; i < keys.length && ordered; i++) ordered = keys[i - 1] < keys[i]
    // An own "__proto__" key is dropped by the assignment that copies it, as it always was.
    const shape = {keys, sorted: ordered ? keys : [...keys].sort(), copy: !ordered || keys.includes('__proto__')}
    // A handful of shapes per first key is what data has; beyond that, stop remembering.
    if (known.length < 16) known.push(shape)
    return shape
  }
}

interface Shape {
  keys: string[]
  /** The keys in canonical order. */
  sorted: string[]
  /** Objects of this shape must be copied to be written in canonical order. */
  copy: boolean
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A JSON Schema, as far as `schemaCanonical` reads it. */
export interface SchemaNode {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, SchemaNode>
  additionalProperties?: boolean | SchemaNode
  items?: SchemaNode
  $defs?: Record<string, SchemaNode>
  [keyword: string]: unknown
}

/**
 * A maker of canonical copies for values a schema has validated: where the schema lists
 * an object's every property and allows no other, the order its keys are written in is
 * known before a value is seen, so each such object becomes one object literal with its
 * keys in canonical order (compiled once per schema object), without asking its keys or
 * sorting them; anything the schema leaves open is sorted as `canonicalJson` does. For a
 * valid value, `JSON.stringify` of the copy is its canonical JSON to the byte (the
 * property in test/model/canonical.test.ts); for any other value it may not be. `at`: the
 * part of `schema` (its definitions shared) the values are of.
 */
export function schemaCanonical(schema: SchemaNode, at: SchemaNode = schema): (value: unknown) => unknown {
  const defs = schema.$defs ?? {}
  const generic = new KeySorter()
  const made = new Map<SchemaNode, (value: unknown) => unknown>()
  const resolve = (node: SchemaNode): SchemaNode => {
    for (let seen = 0; node.$ref !== undefined && seen < 32; seen++) {
      const name = /^#\/\$defs\/(.+)$/.exec(node.$ref)?.[1]
      const target = name === undefined ? undefined : defs[name]
      if (!target) return {}
      node = target
    }
    return node
  }
  const isOpen = (node: SchemaNode) => ['patternProperties', 'oneOf', 'anyOf', 'allOf', 'if', 'not', 'dependentSchemas'].some((k) => node[k] !== undefined)
  /** A node whose copier passes any value but an object through as it is (the last branch below). */
  const scalar = (node: SchemaNode) => {
    node = resolve(node)
    return !isOpen(node) && !node.properties && !node.items && isScalar(node.type)
  }
  const copier = (node: SchemaNode): ((value: unknown) => unknown) => {
    node = resolve(node)
    const known = made.get(node)
    if (known) return known
    // Filled in below; a recursive schema meets it through this indirection.
    let copy: (value: unknown) => unknown = (value) => generic.sorted(value)
    const self = (value: unknown) => copy(value)
    made.set(node, self)
    const open = isOpen(node)
    if (!open && node.properties && node.additionalProperties === false) {
      const keys = Object.keys(node.properties).sort()
      const inner = keys.map((k) => copier(node.properties![k]))
      // `{"a": c[0](v["a"]), ...}`: a property the value lacks is undefined in the copy, which
      // JSON.stringify leaves out. A scalar property is copied in place, its copier called
      // only for an object (what it would pass through, it passes here): most of a
      // snapshot's values are scalars, and a call for each cost more than the copy.
      const body = keys
        .map((k, i) => {
          const key = JSON.stringify(k)
          return scalar(node.properties![k]) ? `${key}: (t = v[${key}]) === null || typeof t !== 'object' ? t : c[${i}](t)` : `${key}: c[${i}](v[${key}])`
        })
        .join(', ')
      const literal = new Function('c', `return (v) => { let t; return {${body}} }`)(inner) as (v: Record<string, unknown>) => unknown
      copy = (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? literal(value as Record<string, unknown>) : generic.sorted(value))
    } else if (!open && node.items && typeof node.items === 'object' && !Array.isArray(node.items)) {
      const item = copier(node.items)
      copy = (value) => (Array.isArray(value) ? value.map(item) : generic.sorted(value))
    } else if (!open && !node.properties && !node.items && isScalar(node.type)) {
      copy = (value) => (value === null || typeof value !== 'object' ? value : generic.sorted(value))
    }
    return self
  }
  return copier(at)
}

function isScalar(type: SchemaNode['type']): boolean {
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type]
  return types.length > 0 && types.every((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean' || t === 'null')
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export function sha256Of(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(value)).digest('hex')
}

/** Pretty JSON for files: two-space indent, trailing newline, keys in the order given. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}
