/**
 * Property 8: on tiny clusters (at most 4 nodes and 8 guests) the planner does as well as
 * trying every placement: it leaves no more rules broken than the best placement
 * reachable within the budget, reaches the threshold whenever one does, and then uses no
 * more moves. The brute force (test/helpers/oracle.ts) shares no code with the planner's
 * search.
 */
import {test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {planRebalance} from '../../src/planner/index.js'
import {compilePolicy} from '../../src/policy/compile.js'
import {finalPlacement} from '../helpers/check.js'
import {buildCluster, clusterRecipe} from '../helpers/clusters.js'
import {exhaustiveBest, outcomeOf} from '../helpers/oracle.js'

const TINY = {nodes: [1, 4] as [number, number], guests: [0, 8] as [number, number]}

describe('tiny clusters against exhaustive search', () => {
  test.prop([clusterRecipe({...TINY, budgets: true, overfull: true})], {numRuns: 150})(
    'no more broken rules, the threshold whenever reachable, and no more moves than the minimum',
    (recipe) => {
      const {snapshot, policy} = buildCluster(recipe)
      const model = compilePolicy(snapshot, policy)
      const plan = planRebalance(snapshot, policy, {
        createdAt: '2026-11-21T10:00:00Z',
        toolVersion: '0.0.0-test',
        snapshot: {fingerprint: snapshot.fingerprint!, takenAt: snapshot.takenAt, cluster: snapshot.cluster.name},
        policy: {document: policy, hash: 'sha256:' + '0'.repeat(64)},
      })
      const ours = outcomeOf(model, finalPlacement(model, plan))
      const best = exhaustiveBest(snapshot, policy)
      expect(ours.broken).toBeLessThanOrEqual(best.broken)
      if (ours.broken === best.broken) expect(ours.unpreferred).toBeLessThanOrEqual(best.unpreferred)
      if (ours.broken === best.broken && ours.unpreferred === best.unpreferred && best.reached) {
        expect(ours.reached).toBe(true)
        expect(ours.moves).toBeLessThanOrEqual(best.moves)
      }
    },
  )
})
