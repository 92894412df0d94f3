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

/** `sha256:<hex>` of the canonical JSON of a value. */
export function sha256Of(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(value)).digest('hex')
}

/** Pretty JSON for files: two-space indent, trailing newline, keys in the order given. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}
