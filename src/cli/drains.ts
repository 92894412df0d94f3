/**
 * Drains on record in the state folder, as commands see them: the nodes being drained,
 * and a policy with them in maintenance for every command that plans. Light: planning
 * commands load it at every start.
 */
import {drainedNodes as drainedIn, drainedNote, withDrainedInMaintenance} from '../apply/drain-records.js'
import {stateDirPath} from './state.js'

export {withDrainedInMaintenance}

/**
 * Nodes of `cluster` with a drain on record (drained and not yet restored), with why no
 * guest may go there: apply refuses such moves, every command that plans treats them as in
 * maintenance.
 */
export function drainedNodes(cluster: string, except?: string): Map<string, string> {
  return drainedIn(stateDirPath(), cluster, except)
}

/** `policy` with the nodes of `cluster` being drained in maintenance, said in one line when there are any. */
export function withDrainsOf<T extends {maintenance: {nodes: string[]}}>(cluster: string, policy: T, warn: (line: string) => void, except?: string): T {
  const drained = drainedNodes(cluster, except)
  const note = drainedNote(drained)
  if (note) warn(note)
  return withDrainedInMaintenance(policy, drained)
}
