/**
 * What a policy names that a cluster does not have: selectors in ignore lists, rules and
 * maintenance that match no guest or node of a snapshot, rules that cover too few guests
 * to mean anything, reserves for unknown nodes, target storages the cluster does not
 * have (when the snapshot lists its storages). Not errors (the cluster may grow into
 * the policy) but usually typos: `proxlb policy validate --snapshot` reports them at their
 * line, and every plan carries them as warnings (compile.ts), so plan, simulate, apply
 * --replan and balance say so too. Pure.
 */
import type {PlanWarning} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import type {Snapshot} from '../model/snapshot.js'
import {matchesGuest, matchesNode} from './selectors.js'

export interface CoverageWarning {
  /** Path of the policy field, as the YAML locator takes it. */
  path: (string | number)[]
  message: string
}

export function policyCoverage(policy: NormalizedPolicy, snapshot: Snapshot, snapshotLabel: string): CoverageWarning[] {
  const warnings: CoverageWarning[] = []
  // Guests by vmid, in the snapshot's order: a vmid selector is looked up, not matched against every guest (800 rules listing vmids, 12,000 guests).
  const byVmid = new Map<number, Snapshot['guests']>()
  for (const g of snapshot.guests) {
    const list = byVmid.get(g.vmid)
    if (list) list.push(g)
    else byVmid.set(g.vmid, [g])
  }
  const guestsMatching = (selector: string | number) => (typeof selector === 'number' ? byVmid.get(selector) ?? [] : snapshot.guests.filter((g) => matchesGuest(selector, g)))
  // The guests a rule covers, in no particular order: vmids looked up, only patterns matched against every guest.
  const membersOf = (selectors: readonly (string | number)[]) => {
    const members = new Set<Snapshot['guests'][number]>()
    for (const s of selectors) if (typeof s === 'number') for (const g of byVmid.get(s) ?? []) members.add(g)
    const patterns = selectors.filter((s) => typeof s !== 'number')
    if (patterns.length > 0) for (const g of snapshot.guests) if (patterns.some((s) => matchesGuest(s, g))) members.add(g)
    return [...members]
  }
  const nodesMatching = (selector: string) => snapshot.nodes.filter((n) => matchesNode(selector, n.name))
  const noGuest = (selector: string | number) => `${JSON.stringify(selector)} matches no guest in ${snapshotLabel}`
  const noNode = (selector: string) => `${JSON.stringify(selector)} matches no node in ${snapshotLabel} (it has ${snapshot.nodes.map((n) => n.name).join(', ')})`

  policy.ignore.nodes.forEach((s, i) => nodesMatching(s).length === 0 && warnings.push({path: ['ignore', 'nodes', i], message: noNode(s)}))
  policy.ignore.guests.forEach((s, i) => guestsMatching(s).length === 0 && warnings.push({path: ['ignore', 'guests', i], message: noGuest(s)}))
  policy.maintenance.nodes.forEach((s, i) => nodesMatching(s).length === 0 && warnings.push({path: ['maintenance', 'nodes', i], message: noNode(s)}))
  policy.rules.forEach((rule, i) => {
    rule.guests.forEach((s, j) => guestsMatching(s).length === 0 && warnings.push({path: ['rules', i, 'guests', j], message: noGuest(s)}))
    const members = membersOf(rule.guests)
    if (rule.type !== 'pin' && members.length === 1) {
      warnings.push({path: ['rules', i], message: `${rule.type} rule ${rule.name} matches only one guest (${members[0].vmid} ${members[0].name}) in ${snapshotLabel}: it has no effect`})
    }
    rule.nodes?.forEach((s, j) => nodesMatching(s).length === 0 && warnings.push({path: ['rules', i, 'nodes', j], message: noNode(s)}))
  })
  for (const node of Object.keys(policy.limits.reserve)) {
    if (!snapshot.nodes.some((n) => n.name === node)) warnings.push({path: ['limits', 'reserve', node], message: `reserve for ${JSON.stringify(node)}, which is not a node in ${snapshotLabel}`})
  }
  const storageIds = new Set((snapshot.storages ?? []).map((s) => s.id))
  if (storageIds.size > 0) {
    const known = `(it has ${[...storageIds].sort().join(', ')})`
    for (const [source, target] of Object.entries(policy.migration.targetStorage ?? {})) {
      const path = ['migration', 'targetStorage', source]
      if (source !== '*' && !storageIds.has(source)) warnings.push({path, message: `storage ${JSON.stringify(source)} is not a storage in ${snapshotLabel} ${known}`})
      if (!storageIds.has(target)) warnings.push({path, message: `target storage ${JSON.stringify(target)} is not a storage in ${snapshotLabel} ${known}: disks mapped to it cannot move`})
    }
  }
  return warnings
}

/** The coverage warnings as plan warnings, each naming the policy field it is about. */
export function coverageWarnings(policy: NormalizedPolicy, snapshot: Snapshot): PlanWarning[] {
  return policyCoverage(policy, snapshot, 'the snapshot').map((w) => ({code: 'unmatched', message: `policy ${fieldPath(w.path)}: ${w.message}`}))
}

/** `maintenance.nodes[0]`, `limits.reserve.pve1`. */
function fieldPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}
