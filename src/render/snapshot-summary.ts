/**
 * The one paragraph `proxlb snapshot --out` prints: what was read, from where, how much
 * of it cannot move right now, and what it cost. No decisions, only counting and words.
 */
import type {Snapshot} from '../model/snapshot.js'
import {plural, shortFingerprint} from './format.js'

export interface SnapshotReadFacts {
  file: string
  endpoint: string
  requests: number
  elapsedMs: number
}

export function renderSnapshotSummary(snapshot: Snapshot, facts: SnapshotReadFacts): string {
  const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length
  const nodeNotes = [
    [count(snapshot.nodes, (n) => n.status === 'offline'), 'offline', 'offline'],
    [count(snapshot.nodes, (n) => n.status === 'unknown'), 'unknown', 'unknown'],
    [count(snapshot.nodes, (n) => n.maintenance === true), 'in maintenance', 'in maintenance'],
  ] as const
  const guestNotes = [
    [count(snapshot.guests, (g) => g.status === 'running'), 'running', 'running'],
    [count(snapshot.guests, (g) => g.template === true), 'template', 'templates'],
    [count(snapshot.guests, (g) => g.lock !== undefined), 'locked', 'locked'],
    [count(snapshot.guests, (g) => g.ha?.managed === true), 'HA-managed', 'HA-managed'],
  ] as const
  const notes = (items: readonly (readonly [number, string, string])[]) => {
    const shown = items.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many))
    return shown.length ? ` (${shown.join(', ')})` : ''
  }
  const seconds = (facts.elapsedMs / 1000).toFixed(1)
  return [
    `Wrote ${facts.file}: cluster ${snapshot.cluster.name}${snapshot.cluster.quorate ? '' : ' (no quorum)'} read from ${facts.endpoint}`,
    `  ${plural(snapshot.nodes.length, 'node')}${notes(nodeNotes)}, ${plural(snapshot.guests.length, 'guest')}${notes(guestNotes)}, ${plural(snapshot.ha?.rules?.length ?? 0, 'HA rule')}`,
    `  fingerprint ${shortFingerprint(snapshot.fingerprint ?? '')}, ${plural(facts.requests, 'API request')} in ${seconds} s`,
  ].join('\n')
}
