/**
 * The flags every command that moves guests shares (apply, drain, balance), and how they
 * become carryOut's options.
 */
import * as Flags from '@oclif/core/flags'
import {ProxlbError} from '../model/problems.js'
import {parseDuration as parseSeconds} from '../model/units.js'
import type {ViewMode} from './apply-view.js'
import {viewMode} from './apply-view.js'

/** `90s`, `30m`, `12h`, `1d` in seconds; anything else is a ProxlbError naming the flag. */
export function parseDuration(text: string, flag: string): number {
  const seconds = parseSeconds(text)
  if (!seconds) throw new ProxlbError(`${flag} ${text}: expected a duration such as 90s, 30m, 12h or 1d`)
  return seconds
}


const helpGroup = 'EXECUTION'

export const EXECUTION_FLAGS = {
  yes: Flags.boolean({char: 'y', helpGroup, summary: 'Do not ask before migrating (needed where there is no terminal to ask on).', default: false}),
  'dry-run': Flags.boolean({char: 'd', helpGroup, summary: 'Check the plan against the live cluster and print the API requests that would be sent; send none, write nothing.', default: false}),
  parallel: Flags.integer({helpGroup, helpValue: 'N', min: 1, max: 64, summary: "Most migrations at once in the cluster. Default: the policy's limits.parallel."}),
  'per-node': Flags.integer({helpGroup, helpValue: 'N', min: 1, max: 64, summary: "Most migrations at once touching one node (source or target). Default: the policy's limits.perNode."}),
  'on-failure': Flags.string({helpGroup, options: ['continue', 'stop'], default: 'continue', summary: 'After a failed migration: continue with the others, or start no new one (running ones finish).'}),
  'migration-timeout': Flags.string({helpGroup, helpValue: 'DURATION', summary: 'Most time one migration may take (90s, 30m, 2h); then proxlb stops its task and counts it failed. Default 1h.'}),
  json: Flags.boolean({char: 'j', helpGroup, summary: 'Print the run as newline-delimited JSON events on stdout (see the README for their shapes).', default: false}),
}

export interface ExecutionFlags {
  yes: boolean
  'dry-run': boolean
  parallel?: number
  'per-node'?: number
  'on-failure': string
  'migration-timeout'?: string
  json: boolean
}

export function executionOptions(flags: ExecutionFlags): {yes: boolean; dryRun: boolean; parallel?: number; perNode?: number; onFailure: 'continue' | 'stop'; migrationTimeoutSeconds: number; view: ViewMode} {
  return {
    yes: flags.yes,
    dryRun: flags['dry-run'],
    ...(flags.parallel !== undefined ? {parallel: flags.parallel} : {}),
    ...(flags['per-node'] !== undefined ? {perNode: flags['per-node']} : {}),
    onFailure: flags['on-failure'] === 'stop' ? 'stop' : 'continue',
    migrationTimeoutSeconds: flags['migration-timeout'] === undefined ? 3600 : parseDuration(flags['migration-timeout'], '--migration-timeout'),
    view: viewMode(flags.json),
  }
}
