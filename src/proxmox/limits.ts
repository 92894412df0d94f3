/**
 * How many requests proxlb keeps in flight when it reads a cluster. A module of constants
 * only, so that commands and their help can name them without loading the HTTP stack.
 */

/**
 * Requests in flight at once by default. Per-guest reads are proxied to the guest's node,
 * whose pveproxy runs three workers; the node that was contacted relays all of them. 32
 * keeps a real cluster's nodes busy without queueing much on any of them (see
 * PER_NODE_CONCURRENCY) and brings 10,000 configs within a few seconds (BENCHMARKS.md).
 */
export const DEFAULT_CONCURRENCY = 32

/**
 * Reads about one node in flight at once, whatever the concurrency: one more than the
 * three pveproxy workers that serve them, so none idles between two requests and none
 * piles up. Guests are read node by node in turn, so a cluster of many nodes spreads the
 * load and a single node is never asked for more than this.
 */
export const PER_NODE_CONCURRENCY = 4
