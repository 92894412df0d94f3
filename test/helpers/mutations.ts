/**
 * Random structural corruptions of parsed documents, for property tests of anything that
 * must cope with wrong input: a value replaced by a strange one, a key or entry deleted, an
 * unknown field added. Each mutation picks its target among all paths of the document, so
 * shrinking finds the smallest document and the shallowest change that still fails.
 */
import {fc} from '@fast-check/vitest'

type Path = (string | number)[]

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix)
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out))
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out)
  return out
}

export const strangeValues = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, 2 ** 60, -(2 ** 53) - 2, 0.5, '', 'x', '10%', '512GiB', [], {}, [1, 'a'], {a: 1}),
  fc.string({maxLength: 20}),
  fc.double({noNaN: true, noDefaultInfinity: true}),
  fc.integer(),
)

export type Mutation = {kind: 'set'; pick: number; value: unknown} | {kind: 'delete'; pick: number} | {kind: 'unknown'; pick: number; key: string}

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({kind: fc.constant('set' as const), pick: fc.nat(), value: strangeValues}),
  fc.record({kind: fc.constant('delete' as const), pick: fc.nat()}),
  fc.record({kind: fc.constant('unknown' as const), pick: fc.nat(), key: fc.string({minLength: 1, maxLength: 12})}),
)

export function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc)
  const all = paths(copy)
  const path = all[m.pick % all.length]
  if (path.length === 0) return m.kind === 'set' ? m.value : copy
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy)
  const key = path[path.length - 1]
  if (m.kind === 'set') parent[key] = m.value
  else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]
  else {
    const target = parent[key]
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) target[m.key] = 1
    else parent[key] = {[m.key]: target}
  }
  return copy
}
