/**
 * Packing guests onto nodes under hard rules: the search behind failover, node removal
 * and resilience. Given items (a guest, or guests that must stay together) and bins
 * (nodes with free memory and local disk), it finds the placement that leaves the least
 * memory unplaced, honouring which nodes each item may use and apart groups (no two items
 * of a group, nor an item and a guest already there of the same group, share a node).
 *
 * First, items largest first each go to the node with the most free memory (as an HA
 * stack spreads restarted guests); when that places everything it is the answer. Otherwise
 * a branch and bound search decides: items largest first, nodes tightest fit first,
 * identical items and nodes tried once, pruned by a capacity bound. Its first answer is the
 * best-fit-decreasing heuristic, and it stops at the first placement as good as the bound
 * before any item is placed (what fits nowhere left out, nothing more: the usual answer
 * when a full cluster loses a node); when its step budget runs out before the search space is
 * exhausted, the best placement found so far is returned and marked `heuristic`. A placement of every item is
 * a proof in itself, so a full placement is always `exact` in what it claims.
 * Pure and deterministic: ties are broken by index.
 */

export interface PackItem {
  /** Memory the item needs, in bytes. */
  memory: number
  /** Local disk the item needs, in bytes. */
  disk: number
  /** Bin indexes the item may use (ascending). */
  allowed: readonly number[]
  /** Apart groups the item belongs to. */
  apart: readonly number[]
}

export interface PackBin {
  /** Free memory (may be negative for an overfull node). */
  memory: number
  /** Free local disk. */
  disk: number
  /** Apart groups already present on the node. */
  apart: readonly number[]
}

export interface Packing {
  /** Bin of each item, or -1 when it is left out. */
  bins: number[]
  /** Memory of the items left out. */
  unplacedMemory: number
  /** exact: the least unplaced memory possible (or everything placed); heuristic: the budget ran out first. */
  method: 'exact' | 'heuristic'
  /**
   * Whether everything can be placed is settled: everything was placed, the search
   * finished, or capacity alone rules it out. When false (only with method heuristic),
   * a placement of everything may exist that the search did not reach.
   */
  settled: boolean
  /** Search steps taken. */
  steps: number
}

/** Steps after which the search settles for the best placement found. */
export const DEFAULT_STEP_BUDGET = 200_000

export function pack(items: readonly PackItem[], bins: readonly PackBin[], budget = DEFAULT_STEP_BUDGET): Packing {
  // Largest first; identical items side by side, so that they can be kept in bin order.
  const shape = items.map((item) => `${item.disk}|${item.allowed.join(',')}|${item.apart.join(',')}`)
  const order = items.map((_, i) => i).sort((a, b) => items[b].memory - items[a].memory || items[a].allowed.length - items[b].allowed.length || (shape[a] < shape[b] ? -1 : shape[a] > shape[b] ? 1 : 0) || a - b)
  const sameAsPrevious = order.map((item, k) => k > 0 && items[order[k - 1]].memory === items[item].memory && shape[order[k - 1]] === shape[item])
  const freeMemory = bins.map((b) => b.memory)
  const freeDisk = bins.map((b) => b.disk)
  // How many items of each apart group sit on each bin.
  const apartCount = bins.map((b) => {
    const m = new Map<number, number>()
    for (const g of b.apart) m.set(g, (m.get(g) ?? 0) + 1)
    return m
  })
  // Bins that no item can tell apart (same allowance for every item) are interchangeable
  // whenever their free space and apart groups match.
  // Each allowance told by a small number (the first bin with it): the search builds a key with it at every step.
  const allowances = new Map<string, number>()
  // Which items may use each bin, from the items' own lists (a bin's list by asking every item of it cost bins × items × allowed).
  const mayUse = bins.map(() => new Array<string>(items.length).fill('0'))
  items.forEach((item, i) => {
    for (const b of item.allowed) if (b < bins.length) mayUse[b][i] = '1'
  })
  const staticKey = bins.map((_, b) => {
    const allowance = mayUse[b].join('')
    let id = allowances.get(allowance)
    if (id === undefined) allowances.set(allowance, (id = b))
    return id
  })
  // Leaving an item out costs its memory, then one per item: the least memory left out,
  // and among equal memory the fewest guests (a stopped guest needs no memory, yet it
  // must still find a node).
  const scale = items.length + 1
  const cost = (item: PackItem) => item.memory * scale + 1
  const suffixMemory = new Array<number>(order.length + 1).fill(0)
  const suffixSmallest = new Array<number>(order.length + 1).fill(Infinity)
  for (let k = order.length - 1; k >= 0; k--) {
    suffixMemory[k] = suffixMemory[k + 1] + items[order[k]].memory
    suffixSmallest[k] = Math.min(suffixSmallest[k + 1], items[order[k]].memory)
  }

  // The apart groups present on each bin, told by a hash kept as groups come and go (XOR
  // of a mix of each): a node of a cluster of replicated services holds hundreds of groups,
  // and a list of them made for every candidate bin at every step took most of the search.
  // Bins whose hashes match are compared group by group before one counts as tried.
  const apartHash = apartCount.map((counts) => {
    let hash = 0
    for (const [g, n] of counts) if (n > 0) hash ^= mix(g)
    return hash
  })
  const samePresent = (a: number, b: number): boolean => {
    let present = 0
    for (const [g, n] of apartCount[a]) {
      if (n <= 0) continue
      if (!(apartCount[b].get(g)! > 0)) return false
      present++
    }
    for (const n of apartCount[b].values()) if (n > 0) present--
    return present === 0
  }

  const current = new Array<number>(items.length).fill(-1)
  let best: number[] = new Array<number>(items.length).fill(-1)
  let bestUnplaced = Infinity
  let steps = 0
  let exhausted = false
  /** What any placement leaves out at least (lowerBound before the first item). */
  let rootBound = 0

  const fits = (item: PackItem, b: number) =>
    freeMemory[b] >= item.memory && freeDisk[b] >= item.disk && item.apart.every((g) => !apartCount[b].get(g))

  const lowerBound = (k: number): number => {
    let blockedMemory = 0
    let blockedCost = 0
    for (let j = k; j < order.length; j++) {
      const item = items[order[j]]
      if (!item.allowed.some((b) => fits(item, b))) {
        blockedMemory += item.memory
        blockedCost += cost(item)
      }
    }
    // Free memory smaller than every remaining item is of no use.
    let free = 0
    for (const m of freeMemory) if (m > 0 && m >= suffixSmallest[k]) free += m
    return blockedCost + Math.max(0, suffixMemory[k] - blockedMemory - free) * scale
  }

  const search = (k: number, unplaced: number): void => {
    // A placement as good as the bound at the root is the best there is: nothing left to try.
    if (exhausted || bestUnplaced <= rootBound) return
    if (++steps > budget) {
      exhausted = true
      return
    }
    if (k === order.length) {
      if (unplaced < bestUnplaced) {
        bestUnplaced = unplaced
        best = [...current]
      }
      return
    }
    if (unplaced + lowerBound(k) >= bestUnplaced) return
    const index = order[k]
    const item = items[index]
    // Identical items take bins in ascending order, and once one is left out so are the rest:
    // every other arrangement of them is the same placement.
    const previous = sameAsPrevious[k] ? current[order[k - 1]] : undefined
    const candidates = (previous === -1 ? [] : item.allowed.filter((b) => fits(item, b) && (previous === undefined || b >= previous))).sort((a, b) => freeMemory[a] - item.memory - (freeMemory[b] - item.memory) || a - b)
    const tried = new Map<string, number[]>()
    for (const b of candidates) {
      const key = `${staticKey[b]}|${freeMemory[b]}|${freeDisk[b]}|${apartHash[b]}`
      const alike = tried.get(key)
      if (alike?.some((other) => samePresent(other, b))) continue
      if (alike) alike.push(b)
      else tried.set(key, [b])
      place(item, b, 1)
      current[index] = b
      search(k + 1, unplaced)
      current[index] = -1
      place(item, b, -1)
      if (bestUnplaced <= rootBound || exhausted) return
    }
    search(k + 1, unplaced + cost(item))
  }

  function spreadFirst(): number[] | undefined {
    const bins = new Array<number>(items.length).fill(-1)
    for (const index of order) {
      const item = items[index]
      let chosen = -1
      for (const b of item.allowed) if (fits(item, b) && (chosen < 0 || freeMemory[b] > freeMemory[chosen])) chosen = b
      if (chosen < 0) break
      place(item, chosen, 1)
      bins[index] = chosen
    }
    order.forEach((index) => bins[index] >= 0 && place(items[index], bins[index], -1))
    return bins.every((b) => b >= 0) ? bins : undefined
  }

  const place = (item: PackItem, b: number, sign: 1 | -1) => {
    freeMemory[b] -= sign * item.memory
    freeDisk[b] -= sign * item.disk
    for (const g of item.apart) {
      const before = apartCount[b].get(g) ?? 0
      apartCount[b].set(g, before + sign)
      if ((before > 0) !== (before + sign > 0)) apartHash[b] ^= mix(g)
    }
  }

  // Failover restarts guests where there is most room (as Proxmox's HA stack does): when
  // that simple spread places everything, it is the answer; otherwise the search decides.
  const spread = spreadFirst()
  if (spread) return {bins: spread, unplacedMemory: 0, method: 'exact', settled: true, steps: order.length}
  rootBound = lowerBound(0)
  search(0, 0)
  const complete = !exhausted || bestUnplaced === 0
  const unplacedMemory = best.reduce((sum, b, i) => (b < 0 ? sum + items[i].memory : sum), 0)
  return {bins: best, unplacedMemory, method: complete ? 'exact' : 'heuristic', settled: complete || rootBound > 0, steps: Math.min(steps, budget)}
}

/** A group's bits in a bin's apart hash: well spread, so that sets of groups rarely share a hash. */
function mix(group: number): number {
  let h = Math.imul(group + 1, 0x9e3779b1)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  return h ^ (h >>> 13)
}
