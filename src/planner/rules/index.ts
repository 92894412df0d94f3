/**
 * Every placement rule, in the order their violations are repaired: together groups are
 * gathered first (so that they then move as one), maintenance nodes emptied, pins and
 * apart groups repaired, nodes over their memory limit relieved; the storage rule repairs
 * nothing, it only keeps copied disks within their storages. Each move of any phase is
 * checked against all of them.
 */
import type {PlacementModel} from '../../policy/compile.js'
import {apartRule} from './apart.js'
import {capacityRule} from './capacity.js'
import {maintenanceRule} from './maintenance.js'
import {pinRule} from './pin.js'
import type {PlacementRule} from './rule.js'
import {storageRule} from './storage.js'
import {togetherRule, type TogetherGroups} from './together.js'

export function placementRules(model: PlacementModel, groups: TogetherGroups): PlacementRule[] {
  return [togetherRule(model, groups), maintenanceRule(model), pinRule(model), apartRule(model), capacityRule(model), storageRule(model)]
}
