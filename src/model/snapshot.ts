/**
 * Snapshot files: reading them with precise errors, and their fingerprint.
 *
 * A snapshot passes the schema, then the checks a schema cannot express: node names and
 * vmids are unique, every guest and storage sits on a listed node. An online node that
 * reports no memory (its status could not be read when the snapshot was taken) is
 * accepted: planning leaves it out and says so (see hasNoMemory). The fingerprint
 * covers the cluster state only (not when or how it was read) and ignores the order
 * nodes and guests are listed in, so the same cluster always has the same fingerprint.
 */
import {createHash, type Hash} from 'node:crypto'
import snapshotSchema from '../../schemas/snapshot.v1.json'
import {schemaCanonical, type SchemaNode, sha256Of} from './canonical.js'
import {readJsonDocument} from './document.js'
import type {Guest, Node, Snapshot} from './generated/snapshot.v1.js'
import {InvalidInputError, type Problem} from './problems.js'

export type {Guest, Node, Snapshot, Storage} from './generated/snapshot.v1.js'

export interface LoadedSnapshot {
  snapshot: Snapshot
  /** Fingerprint of the content, recomputed on load. */
  fingerprint: string
  /** Things worth telling the user that do not stop proxlb. */
  warnings: string[]
}

/** Parses and checks a snapshot file; throws InvalidInputError listing every problem. */
export function readSnapshot(input: Uint8Array | string, file: string): LoadedSnapshot {
  const snapshot = readJsonDocument<Snapshot>(input, file, {
    schema: 'snapshot',
    label: 'snapshot',
    remedy: 'take a new snapshot with this version (proxlb snapshot) or use the proxlb that wrote it',
    expected: 'give a snapshot (from proxlb snapshot, or simulate --out)',
  })
  const problems = consistencyProblems(snapshot, file)
  if (problems.length > 0) throw new InvalidInputError(problems)
  const fingerprint = snapshotFingerprint(snapshot, {valid: true})
  const warnings: string[] = []
  if (snapshot.fingerprint && snapshot.fingerprint !== fingerprint) {
    warnings.push(`${file}: the stored fingerprint does not match the content (edited by hand?); using ${fingerprint.slice(0, 19)}…`)
  }
  return {snapshot, fingerprint, warnings}
}

/** The checks a schema cannot express; each problem points at the offending value. */
export function consistencyProblems(snapshot: Snapshot, file: string): Problem[] {
  const problems: Problem[] = []
  const nodeIndex = new Map<string, number>()
  snapshot.nodes.forEach((node, i) => {
    const first = nodeIndex.get(node.name)
    if (first === undefined) nodeIndex.set(node.name, i)
    else problems.push({file, location: `/nodes/${i}/name`, message: `node ${JSON.stringify(node.name)} is listed twice (first at /nodes/${first}): keep one entry per node`})
  })
  const vmidIndex = new Map<number, number>()
  snapshot.guests.forEach((guest, i) => {
    const first = vmidIndex.get(guest.vmid)
    if (first === undefined) vmidIndex.set(guest.vmid, i)
    else problems.push({file, location: `/guests/${i}/vmid`, message: `vmid ${guest.vmid} is listed twice (first at /guests/${first}): vmids are unique in a cluster`})
    if (!nodeIndex.has(guest.node)) {
      problems.push({file, location: `/guests/${i}/node`, message: `guest ${guest.vmid} is on node ${JSON.stringify(guest.node)}, which is not in /nodes`})
    }
  })
  snapshot.storages?.forEach((storage, i) => {
    if (!nodeIndex.has(storage.node)) {
      problems.push({file, location: `/storages/${i}/node`, message: `storage ${JSON.stringify(storage.id)} is on node ${JSON.stringify(storage.node)}, which is not in /nodes`})
    }
  })
  return problems
}

/**
 * sha256 of the cluster state, independent of listing order and of takenAt/source.
 * `valid`: the snapshot passed its schema (as readSnapshot checks), so its canonical JSON
 * is made by the schema (schemaCanonical), without asking each object for its keys: the
 * same bytes, in about half the time for a snapshot of thousands of guests.
 */
export function snapshotFingerprint(snapshot: Snapshot, options: {valid?: boolean} = {}): string {
  const byName = <T extends {name: string}>(a: T, b: T) => compareText(a.name, b.name)
  const parts = {
    cluster: snapshot.cluster,
    nodes: inOrder(snapshot.nodes, byName),
    guests: inOrder(snapshot.guests, (a, b) => a.vmid - b.vmid),
    storages: inOrder(snapshot.storages ?? [], (a, b) => compareText(a.node, b.node) || compareText(a.id, b.id)),
    ha: {rules: inOrder(snapshot.ha?.rules ?? [], (a, b) => compareText(a.id, b.id))},
  }
  if (!options.valid) return sha256Of(parts)
  const copy = (COPIERS ??= copiers())
  // The canonical JSON written piece by piece into the hash, keys in canonical order, each
  // object copied by its schema: no copy outlives its piece, so none has to be kept.
  const hash = createHash('sha256')
  hash.update(`{"cluster":${JSON.stringify(copy.cluster(parts.cluster))},"guests":`)
  hashList(hash, parts.guests, copy.guest)
  hash.update(',"ha":{"rules":')
  hashList(hash, parts.ha.rules, copy.haRule)
  hash.update('},"nodes":')
  hashList(hash, parts.nodes, copy.node)
  hash.update(',"storages":')
  hashList(hash, parts.storages, copy.storage)
  hash.update('}')
  return 'sha256:' + hash.digest('hex')
}

/**
 * `[item,item,...]` of the items' canonical JSON into `hash`: the copies of a few hundred
 * items written by one `JSON.stringify`, which costs less than one call for each item.
 */
function hashList<T>(hash: Hash, list: readonly T[], copy: (value: unknown) => unknown): void {
  const chunk: unknown[] = []
  hash.update('[')
  for (let start = 0; start < list.length; start += CHUNK) {
    chunk.length = 0
    for (let i = start; i < list.length && i < start + CHUNK; i++) chunk.push(copy(list[i]))
    const text = JSON.stringify(chunk)
    // The chunk's own brackets left out: the pieces make one list.
    hash.update(start > 0 ? ',' + text.slice(1, -1) : text.slice(1, -1))
  }
  hash.update(']')
}

/** Items written at once into the fingerprint's hash. */
const CHUNK = 256

let COPIERS: ReturnType<typeof copiers> | undefined

function copiers() {
  const schema = snapshotSchema as SchemaNode
  const of = (name: string) => schemaCanonical(schema, {$ref: `#/$defs/${name}`})
  return {cluster: of('Cluster'), node: of('Node'), guest: of('Guest'), storage: of('Storage'), haRule: of('HaRule')}
}

/** The list sorted (stably) by `compare`: itself when it is in that order already, as collected snapshots are. */
function inOrder<T>(list: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return [...list].sort(compare)
  return list
}

/**
 * An online node without memory: what a snapshot holds when the node's status failed to
 * read. Planning with it would see it overfull and empty it; it is left out instead.
 */
export function hasNoMemory(node: Pick<Node, 'status' | 'memory'>): boolean {
  return node.status === 'online' && node.memory.total === 0
}

/** A running or paused guest: it occupies memory and CPU on its node, and migrates live (or by restart). */
export function isRunning(guest: Pick<Guest, 'status'>): boolean {
  return guest.status === 'running' || guest.status === 'paused'
}

/** Bytes of a guest's disks on node-local storage, CD-ROM images left out: what a migration copies along. */
export function localDiskBytes(guest: Guest): number {
  return (guest.migration?.localDisks ?? []).reduce((sum, d) => sum + (d.cdrom ? 0 : d.size), 0)
}

/** Locale-independent string order, used wherever proxlb breaks ties by name. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
