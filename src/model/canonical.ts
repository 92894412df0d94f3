/**
 * Canonical JSON and fingerprints.
 *
 * Canonical JSON sorts object keys and drops whitespace and undefined values, so the
 * same content always gives the same bytes whatever the order it was written in. The
 * fingerprint of a snapshot (and the hash of a policy) is sha256 over that text: plans
 * name the snapshot they were made from by it, and apply uses it to spot stale plans.
 */
import {createHash} from 'node:crypto'

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key]
      if (inner !== undefined) sorted[key] = sortKeys(inner)
    }
    return sorted
  }
  return value
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export function sha256Of(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(value)).digest('hex')
}

/** Pretty JSON for files: two-space indent, trailing newline, keys in the order given. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}
