/**
 * ProxLB's guest tags, understood without any policy entry (when `proxlbTags` is on):
 * `plb_include_<g>` / `plb_affinity_<g>` keep a group together, `plb_exclude_<g>` /
 * `plb_anti_affinity_<g>` keep it apart, `plb_ignore_vm` / `plb_ignore_<x>` leave a guest
 * alone, `plb_pin_<node>` pins a guest (several tags allow several nodes).
 * Only reading tags lives here; what the rules mean is the planner's business.
 */
import type {RuleType} from '../model/policy.js'

const GROUP_TAGS: readonly {prefix: string; kind: 'together' | 'apart'; canonical: string}[] = [
  {prefix: 'plb_include_', kind: 'together', canonical: 'plb_include_'},
  {prefix: 'plb_affinity_', kind: 'together', canonical: 'plb_include_'},
  {prefix: 'plb_exclude_', kind: 'apart', canonical: 'plb_exclude_'},
  {prefix: 'plb_anti_affinity_', kind: 'apart', canonical: 'plb_exclude_'},
]

const PIN_PREFIX = 'plb_pin_'

/** The group a tag puts its guest in: both spellings of one group share a name. */
export function tagGroup(tag: string): {kind: Extract<RuleType, 'together' | 'apart'>; name: string} | undefined {
  const match = GROUP_TAGS.find((t) => tag.startsWith(t.prefix) && tag.length > t.prefix.length)
  return match && {kind: match.kind, name: match.canonical + tag.slice(match.prefix.length)}
}

/** The node a `plb_pin_<node>` tag names. */
export function tagPin(tag: string): string | undefined {
  return tag.startsWith(PIN_PREFIX) && tag.length > PIN_PREFIX.length ? tag.slice(PIN_PREFIX.length) : undefined
}

/** `plb_ignore_vm` and any other `plb_ignore_<x>`. */
export function isIgnoreTag(tag: string): boolean {
  return tag === 'plb_ignore_vm' || tag.startsWith('plb_ignore_')
}
