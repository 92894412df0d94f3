/**
 * Loading the inputs commands share: a snapshot (a file, or the bundled demo), a policy (a
 * file, or the bundled default), a plan, a scenario. Problems surface as InvalidInputError with
 * every location; warnings go to the caller's warn function.
 */
import {type LoadedPlan, readPlan} from '../model/plan.js'
import {type LoadedPolicy, readPolicy} from '../model/policy.js'
import {type LoadedScenario, readScenario} from '../model/scenario.js'
import {type LoadedSnapshot, readSnapshot} from '../model/snapshot.js'
import {BUNDLED, readBundled} from './assets.js'
import {INPUT_LIMITS, readInputFile} from './files.js'

export interface Loaded<T> {
  value: T
  /** How to name the input in output: the path, or `bundled demo snapshot`. */
  label: string
}

export function loadSnapshot(path: string | undefined, packageRoot: string, warn: (line: string) => void): Loaded<LoadedSnapshot> {
  const label = path ?? 'bundled demo snapshot (snapshots/demo.json)'
  const bytes = path ? readInputFile(path, 'snapshot', INPUT_LIMITS.json) : readBundled(BUNDLED.demoSnapshot, packageRoot)
  const loaded = readSnapshot(bytes, path ?? BUNDLED.demoSnapshot)
  loaded.warnings.forEach(warn)
  return {value: loaded, label}
}

export function loadPolicy(path: string | undefined, packageRoot: string, warn: (line: string) => void): Loaded<LoadedPolicy> {
  const label = path ?? 'bundled default policy (policies/default.yaml)'
  const bytes = path ? readInputFile(path, 'policy', INPUT_LIMITS.text) : readBundled(BUNDLED.defaultPolicy, packageRoot)
  const loaded = readPolicy(bytes, path ?? BUNDLED.defaultPolicy)
  loaded.warnings.forEach(warn)
  return {value: loaded, label}
}

export function loadPlan(path: string): Loaded<LoadedPlan> {
  return {value: readPlan(readInputFile(path, 'plan', INPUT_LIMITS.json), path), label: path}
}

export function loadScenario(path: string): Loaded<LoadedScenario> {
  return {value: readScenario(readInputFile(path, 'scenario', INPUT_LIMITS.text), path), label: path}
}
