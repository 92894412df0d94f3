/**
 * copySnapshot, the copy every what-if change edits: a deep copy of plain data that
 * shares nothing with its input and keeps what structuredClone kept.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, test} from 'vitest'
import {readSnapshot} from '../../src/model/snapshot.js'
import {copySnapshot} from '../../src/simulate/edit.js'

/** Every object and array reachable from `value`. */
function objects(value: unknown, into = new Set<object>()): Set<object> {
  if (value !== null && typeof value === 'object' && !into.has(value)) {
    into.add(value)
    for (const inner of Object.values(value)) objects(inner, into)
  }
  return into
}

describe('copySnapshot', () => {
  const {snapshot} = readSnapshot(readFileSync(new URL('../../snapshots/lab-12-nodes.json', import.meta.url)), 'lab-12-nodes.json')

  test('copies as structuredClone does, and shares no object with the snapshot', () => {
    const copy = copySnapshot(snapshot)
    expect(copy).toStrictEqual(structuredClone(snapshot))
    const mine = objects(snapshot)
    for (const o of objects(copy)) expect(mine.has(o)).toBe(false)
    copy.guests[0].memory.used += 1
    expect(snapshot.guests[0].memory.used).toBe(copy.guests[0].memory.used - 1)
  })

  test('keeps an own "__proto__" key as a key, and keys whose value is undefined', () => {
    const odd = JSON.parse('{"__proto__": {"polluted": true}, "list": [1, {"a": null}]}') as Record<string, unknown>
    odd.gone = undefined
    const copy = copySnapshot(odd as never) as unknown as Record<string, unknown>
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.keys(copy)).toEqual(['__proto__', 'list', 'gone'])
    expect(copy).toStrictEqual(structuredClone(odd))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
