/**
 * The planner: a pure function from a snapshot and a policy to a plan.
 *
 * It reads no files, calls no API, looks at no clock: the caller passes the time and the
 * identities of its inputs in a PlanContext. The same inputs give the same plan, byte
 * for byte, whatever order the snapshot lists nodes and guests in.
 */
import type {Plan} from '../model/plan.js'
import type {NormalizedPolicy} from '../model/policy.js'
import type {Snapshot} from '../model/snapshot.js'
import {type CalmInput, compilePolicy, type PlanScope} from '../policy/compile.js'
import {asItIs, buildPlan, type PlanContext} from './build.js'
import {searchMoves} from './search.js'
import {ClusterState} from './state.js'
import {assignWaves} from './waves.js'

export type {PlanContext} from './build.js'
export type {CalmInput, PlanScope} from '../policy/compile.js'

/**
 * `scope`: only the guests on these nodes may move (a drain); the plan records it.
 * `calm`: what the balance service remembers between cycles (cooling guests, whether
 * balancing may act this cycle; see calm.ts).
 */
export function planRebalance(snapshot: Snapshot, policy: NormalizedPolicy, context: PlanContext, scope?: PlanScope, calm?: CalmInput): Plan {
  const model = compilePolicy(snapshot, policy, scope, calm)
  const result = searchMoves(model)
  const waves = assignWaves(model, result.moves)
  const plan = buildPlan(context, model, result, waves)
  return scope ? {...plan, scope: {nodes: [...scope.nodes]}} : plan
}
/**
 * The cluster as the policy sees it, nothing planned: each node's metrics and the spread,
 * as a plan made now would give them as its `before` (simulate's "now" column), without
 * the search that plan would run.
 */
export function clusterNow(snapshot: Snapshot, policy: NormalizedPolicy): ReturnType<typeof asItIs> {
  const model = compilePolicy(snapshot, policy)
  return asItIs(model, new ClusterState(model))
}

export {type BrokenRule, ruleChanges, ruleKey, type RuleChanges} from './rule-check.js'
