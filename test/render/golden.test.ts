/**
 * Markdown views against golden files (test/render/golden/*.md): the exact pull-request
 * comment for a plan, a simulation and a snapshot diff, rendered from fixed documents in
 * test/render/fixtures/ (so planner changes do not churn them). A difference fails with a
 * diff; after an intended change, regenerate with `UPDATE_GOLDEN=1 npm test` and review
 * the golden files in the commit. Nothing is ever rewritten without that variable.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {Plan} from '../../src/model/plan.js'
import {renderDiffMarkdown} from '../../src/render/diff.js'
import {renderPlanMarkdown} from '../../src/render/plan-markdown.js'
import {renderSimulationMarkdown} from '../../src/render/simulate-markdown.js'
import type {SnapshotDiff} from '../../src/simulate/diff.js'
import type {Simulation} from '../../src/simulate/index.js'

const HERE = __dirname
const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(HERE, 'fixtures', name), 'utf8')) as T

function matchesGolden(name: string, actual: string): void {
  const file = join(HERE, 'golden', name)
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual)
    return
  }
  expect(existsSync(file), `${name} is missing: run UPDATE_GOLDEN=1 npm test and review it`).toBe(true)
  expect(actual, `${name} differs: if the change is intended, run UPDATE_GOLDEN=1 npm test and review the diff`).toBe(readFileSync(file, 'utf8'))
}

describe('Markdown views match their golden files', () => {
  test('plan: summary first, per-node table, moves folded away', () => {
    const markdown = renderPlanMarkdown(fixture<Plan>('plan.json'), {snapshot: 'bundled demo snapshot (snapshots/demo.json)', policy: 'bundled default policy (policies/default.yaml)'})
    expect(markdown.split('\n')[0]).toBe('### 🔀 proxlb plan: demo')
    matchesGolden('plan.md', markdown)
  })

  test('simulate: verdict and summary first, nodes, policies compared, details folded away', () => {
    const markdown = renderSimulationMarkdown(fixture<Simulation>('simulation.json'))
    expect(markdown.indexOf('**What-if:')).toBeLessThan(markdown.indexOf('| Node |'))
    matchesGolden('simulate.md', markdown)
  })

  test('snapshot diff: summary, load per node, changes folded away', () => {
    matchesGolden('snapshot-diff.md', renderDiffMarkdown(fixture<SnapshotDiff>('diff.json')))
  })
})
