/** The frame of a snapshot made by one of the benchmark's generators, its fingerprint set. */
import {snapshotFingerprint, type Snapshot} from '../src/model/snapshot.js'

export function simulatedSnapshot(tool: string, cluster: string, takenAt: string, parts: Pick<Snapshot, 'nodes' | 'guests' | 'storages' | 'ha'>): Snapshot {
  const snapshot: Snapshot = {
    format: 'proxlb.snapshot/v1',
    takenAt,
    source: {kind: 'simulated', tool, pveVersion: '9.1.4', cpuWindow: 'sample'},
    cluster: {name: cluster, quorate: true, crs: {ha: 'static'}},
    ...parts,
  }
  snapshot.fingerprint = snapshotFingerprint(snapshot)
  return snapshot
}
