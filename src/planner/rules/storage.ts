/**
 * Storage: the local disks a move copies find, on the target node, their storage (the
 * same id or the one migration.targetStorage maps it to), usable and holding the guest's
 * content type, with room for what each volume will occupy there (see
 * src/policy/storage.ts for how that is counted).
 *
 * Checks: nothing is repaired: a storage already fuller than its limit only receives no
 * more.
 * Forbids: a move whose volumes would find no storage, an unusable one, or one without
 * the room. Asked against the state at that moment, so volumes sent to the same storage
 * one after another add up and volumes that left it have freed what they are known to
 * occupy. Shared storages and storages of unknown size are not counted; without a
 * storage model (no storage information in the snapshot) nothing is checked.
 * Costs O(volumes of the unit) and allocates nothing unless it refuses.
 */
import {formatBytes} from '../../model/units.js'
import type {PlacementModel} from '../../policy/compile.js'
import {contentFor, counted} from '../../policy/storage.js'
import type {ClusterState} from '../state.js'
import {type PlacementRule, REFUSED_LASTING} from './rule.js'

/**
 * A storage that holds more than its limit in `state` and more than it did in `initial`:
 * no order of the moves between them can be carried out (a cheap test before looking for one).
 */
export function storageOverfilled(state: ClusterState, initial: ClusterState): boolean {
  const storages = state.model.storage?.storages
  if (!storages) return false
  for (let s = 0; s < storages.length; s++) {
    if (state.storageUsed[s] > storages[s].limit + 1e-6 && state.storageUsed[s] > initial.storageUsed[s] + 1e-6) return true
  }
  return false
}

export function storageRule(model: PlacementModel): PlacementRule {
  const storage = model.storage
  const count = storage?.storages.length ?? 0
  // Bytes the unit asked of each storage, valid where stamp equals the current call's.
  const pending = new Float64Array(count)
  const stamp = new Int32Array(count)
  const touched: number[] = []
  let call = 0

  return {
    kind: 'storage',
    perMigration: true,
    // What it reads of the state, the target's storages, changes only with the target's guests.
    local: true,

    refuse(state, unit, target, _level, quiet) {
      if (!storage) return undefined
      call++
      touched.length = 0
      for (const g of unit) {
        if (state.nodeOf(g) === target) continue
        const volumes = storage.volumes[g]
        const home = state.origin[g] === target
        for (let i = 0; i < volumes.length; i++) {
          const s = state.volumeStorage(g, target, i)
          if (s < 0) return quiet ? REFUSED_LASTING : `${model.nodes[target].name} has no storage ${storage.ids[volumes[i].target]} for ${model.guests[g].name}'s ${volumes[i].key}`
          const st = storage.storages[s]
          if (!home && !st.usable) return quiet ? REFUSED_LASTING : `storage ${st.id} on ${model.nodes[target].name} is disabled or inactive`
          if (!home && st.content && !st.content.includes(contentFor(model.guests[g].type))) return quiet ? REFUSED_LASTING : `storage ${st.id} on ${model.nodes[target].name} holds no ${contentFor(model.guests[g].type)}`
          if (!counted(st)) continue
          if (stamp[s] !== call) {
            stamp[s] = call
            pending[s] = 0
            touched.push(s)
          }
          pending[s] += state.volumeBytes(g, target, s, i)
        }
      }
      for (const s of touched) {
        const st = storage.storages[s]
        if (pending[s] > 0 && state.storageUsed[s] + pending[s] > st.limit + 1e-6) {
          // Room only shrinks while the target's storages give nothing back.
          if (quiet) return REFUSED_LASTING
          const free = Math.max(0, st.limit - state.storageUsed[s])
          return `storage ${st.id} on ${model.nodes[target].name} has no room for the disks (${formatBytes(pending[s])} needed, ${formatBytes(free)} free${st.limit < st.total ? ' above its reserve' : ''})`
        }
      }
      return undefined
    },

    violations() {
      return []
    },

    repair() {},

    explain() {
      throw new Error('the storage rule reports no violations to explain')
    },
  }
}
