/**
 * Selectors: which guests and nodes a policy entry means.
 *
 * Guest selectors: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool
 * (pool:prod), or a name with * wildcards (web-* or name:web-*). Node selectors are
 * names with * wildcards. Matching is exact and case-sensitive, as in Proxmox.
 */
import type {GuestSelector} from '../model/policy.js'
import type {Guest} from '../model/snapshot.js'

export function matchesGuest(selector: GuestSelector, guest: Guest): boolean {
  if (typeof selector === 'number') return guest.vmid === selector
  const colon = selector.indexOf(':')
  const kind = colon < 0 ? 'name' : selector.slice(0, colon)
  const value = colon < 0 ? selector : selector.slice(colon + 1)
  switch (kind) {
    case 'vmid': {
      const [low, high = low] = value.split('-').map(Number)
      return guest.vmid >= low && guest.vmid <= high
    }
    case 'tag':
      return (guest.tags ?? []).some((tag) => wildcard(value).test(tag))
    case 'pool':
      return guest.pool !== undefined && wildcard(value).test(guest.pool)
    case 'name':
      return wildcard(value).test(guest.name)
    default:
      return false
  }
}

export function matchesNode(selector: string, node: string): boolean {
  return wildcard(selector).test(node)
}

const patterns = new Map<string, RegExp>()

/** A pattern where * matches any run of characters and everything else is literal. */
export function wildcard(pattern: string): RegExp {
  let re = patterns.get(pattern)
  if (!re) {
    re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$')
    patterns.set(pattern, re)
  }
  return re
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
}
