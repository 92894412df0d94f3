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
import {buildPlan, type PlanContext} from './build.js'
import {searchMoves} from './search.js'
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
export {type BrokenRule, ruleChanges, ruleKey, type RuleChanges} from './rule-check.js'
