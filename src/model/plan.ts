/**
 * Plan files: reading them back (for apply, simulate --plan, review) with precise errors.
 *
 * Beyond the schema, a plan must move each guest at most once, its moves must be in
 * wave order, and its embedded policy must itself be a valid policy: apply re-plans
 * with it.
 */
import {sha256Of} from './canonical.js'
import {readJsonDocument} from './document.js'
import type {Plan} from './generated/plan.v1.js'
import {type NormalizedPolicy, normalizePolicy, type Policy} from './policy.js'
import {InvalidInputError, type Problem} from './problems.js'
import {toPointer} from './problems.js'
import {validateAgainst} from './schemas.js'

export type {CopiedDisk, Move, NodeMetrics, NodeResult, Plan, Warning as PlanWarning} from './generated/plan.v1.js'

export interface LoadedPlan {
  plan: Plan
  /** The embedded policy, normalized (it already is in plans proxlb writes). */
  policy: NormalizedPolicy
}

/** How old a plan's snapshot is at `now`, and, given a most age, whether it is older. */
export function snapshotAge(plan: Plan, now: Date, maxSeconds?: number): {snapshotTakenAt: string; seconds: number; maxSeconds?: number; older?: boolean} {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(plan.snapshot.takenAt)) / 1000))
  return {snapshotTakenAt: plan.snapshot.takenAt, seconds, ...(maxSeconds === undefined ? {} : {maxSeconds, older: seconds > maxSeconds})}
}

/** Parses and checks a plan file; throws InvalidInputError listing every problem. */
export function readPlan(input: Uint8Array | string, file: string): LoadedPlan {
  const plan = readJsonDocument<Plan>(input, file, {
    schema: 'plan',
    label: 'plan',
    remedy: 'make the plan again with this version of proxlb (proxlb plan)',
    expected: 'give a plan (from proxlb plan --out)',
  })
  const problems: Problem[] = []
  const seen = new Map<number, number>()
  let lastWave = 0
  plan.moves.forEach((move, i) => {
    const first = seen.get(move.vmid)
    if (first !== undefined) problems.push({file, location: `/moves/${i}/vmid`, message: `guest ${move.vmid} moves twice (first at /moves/${first}): a plan moves each guest at most once`})
    seen.set(move.vmid, i)
    if (move.from === move.to) problems.push({file, location: `/moves/${i}/to`, message: `guest ${move.vmid} moves from ${move.from} to itself`})
    if (move.wave < lastWave) problems.push({file, location: `/moves/${i}/wave`, message: `moves are not in wave order (wave ${move.wave} after wave ${lastWave})`})
    lastWave = Math.max(lastWave, move.wave)
  })
  if (plan.summary.moves !== plan.moves.length) {
    problems.push({file, location: '/summary/moves', message: `summary counts ${plan.summary.moves} moves but the plan lists ${plan.moves.length}`})
  }
  const policyPath = (path: (string | number)[]) => '/policy/document' + (path.length ? toPointer(path) : '')
  const policyProblems = validateAgainst('policy', plan.policy.document, file, policyPath)
  problems.push(...policyProblems)
  if (problems.length > 0) throw new InvalidInputError(problems)

  const normalizeProblems: Problem[] = []
  const policy = normalizePolicy(plan.policy.document as unknown as Policy, (path, message) => normalizeProblems.push({file, location: policyPath(path), message}), () => {})
  if (normalizeProblems.length > 0) throw new InvalidInputError(normalizeProblems)
  if (sha256Of(policy) !== plan.policy.hash) {
    throw new InvalidInputError([{file, location: '/policy/hash', message: 'the embedded policy does not match its hash: the plan was edited; make it again with proxlb plan'}])
  }
  return {plan, policy}
}
