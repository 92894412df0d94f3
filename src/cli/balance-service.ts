/**
 * `proxlb balance`: the original ProxLB loop. A cycle reads the cluster, plans with the
 * policy and, unless told only to look (--dry-run, or `enabled: false` / `[balancing]
 * enable = 0` in the config), carries the plan out like apply (checked, journaled; no
 * question asked). Once, or as a daemon every interval:
 *
 * - cycles never overlap: the next starts one interval after the previous one started,
 *   or at once if that one took longer;
 * - a failed cycle (the API unreachable, a refusal) is logged and the next cycle tries
 *   again; the service keeps running;
 * - SIGTERM or SIGINT: idle, it exits at once; in a cycle, no new migration starts, the
 *   running ones are followed to their end and journaled, then it exits 0. A second
 *   signal stops waiting (the journal keeps the migrations under way);
 * - SIGHUP: the config (connection, policy, schedule) is read again before the next cycle;
 *   a config that does not load is logged and the old one kept.
 *
 * Each cycle's plan and journal are kept in the state folder (the last 20 cycles).
 */
import {readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {RefusedError} from '../apply/errors.js'
import {type ApplyEvent, EVENT_FORMAT} from '../apply/events.js'
import {RunControl} from '../apply/executor.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import type {LoadedPolicy} from '../model/policy.js'
import {ProxlbError} from '../model/problems.js'
import {eventLine, runSummary} from '../render/apply-events.js'
import {duration as every} from '../render/replay-text.js'
import {TimeWindows} from '../model/cron.js'
import type {RunView} from './apply-view.js'
import {carryOut, exitCodeOf} from './carry-out.js'
import type {ConnectionSources} from './connection.js'
import type {SessionOptions} from './drain-session.js'
import {drainedNodes, withDrainedInMaintenance} from './drains.js'
import {drainedNote} from '../apply/drain-records.js'
import {writeFileAtomic} from './files.js'
import {type ErrorDocument, errorDocument, proxlbErrorDocument} from './machine-output.js'
import type {Loaded} from './inputs.js'
import type {Logger} from './log.js'
import {planLive, planToRun} from './plan-run.js'
import {liveSnapshotWith, openClusterClient} from './live-client.js'
import {fileSafe, stateDir, stateDirPath} from './state.js'
import {readCalmMemory, writeCalmMemory} from './calm-memory.js'
import {clusterSpread, cooldownSeconds, cycleInput, type Migrated, remember, withServiceDefaults} from '../planner/calm.js'

/** What a cycle works from; read again on SIGHUP. */
export interface ServiceConfig {
  sources: ConnectionSources
  policy: Loaded<LoadedPolicy>
  /** false: plan and log only (the config's service.enabled / [balancing] enable). */
  enabled: boolean
  daemon: boolean
  intervalSeconds: number
}

export interface ServiceOptions {
  load(): ServiceConfig
  log: Logger
  /** How carryOut runs each cycle's plan (limits, timeouts, dry run, JSON events). */
  execution: SessionOptions
  /** Newline-delimited JSON on stdout (--json): the plan of each cycle, then its events. */
  json: boolean
  out(line: string): void
}

const KEEP_CYCLES = 20

/** Runs once or as a daemon; resolves to the exit code. */
export async function runBalance(options: ServiceOptions): Promise<number> {
  const {log} = options
  let config = options.load()
  let control: RunControl | undefined
  let stopping = false
  let reload = false
  let wake: (() => void) | undefined
  const onStop = (signal: NodeJS.Signals) => {
    if (!stopping) {
      stopping = true
      log.info(control ? `${signal}: finishing the migrations under way, starting no new one; ${signal} again to stop waiting` : `${signal}: stopping`)
      control?.stop(`stopped by ${signal}`)
    } else if (control && !control.abandoned) {
      log.warning(`${signal} again: no longer waiting; migrations under way go on in Proxmox and stay in the journal`)
      control.abandon(`stopped by ${signal}`)
    }
    wake?.()
  }
  let waitingForWindow = false
  const onHangup = () => {
    reload = true
    log.info('SIGHUP: the config is read again before the next cycle')
    if (waitingForWindow) wake?.()
  }
  process.on('SIGTERM', onStop)
  process.on('SIGINT', onStop)
  if (config.daemon) {
    process.on('SIGHUP', onHangup)
    log.info(`balance service started: a cycle every ${every(config.intervalSeconds)}${config.enabled && !options.execution.dryRun ? '' : ', planning only'}`)
  }
  try {
    for (let cycle = 1; ; cycle++) {
      if (reload) {
        reload = false
        try {
          config = options.load()
          log.info(`config read again: a cycle every ${every(config.intervalSeconds)}${config.enabled ? '' : ', planning only'}`)
        } catch (error) {
          log.error(`the config does not load, keeping the old one: ${oneLine(error)}`)
        }
      }
      const windows = new TimeWindows(config.policy.value.policy.balance.during ?? [])
      if (!windows.contains(new Date())) {
        const open = windows.nextOpen(new Date())
        const during = windows.expressions.join(' | ')
        if (!config.daemon) {
          log.info(`outside the policy's balance.during (${during}): no cycle now${open ? `; the next window opens ${open.toISOString()}` : ''}`)
          return 0
        }
        if (!open) {
          log.error(`the policy's balance.during (${during}) never matches again: no cycle will run; fix the policy and send SIGHUP`)
        } else log.info(`outside the policy's balance.during (${during}): the next cycle waits for ${open.toISOString()}`)
        // Woken early by SIGHUP (a new policy may have other windows) or a stop.
        waitingForWindow = true
        await sleep(open ? open.getTime() - Date.now() : Infinity, (w) => (wake = w))
        waitingForWindow = false
        wake = undefined
        if (stopping) break
        cycle--
        continue
      }
      const started = Date.now()
      control = new RunControl()
      let code: number
      try {
        code = await runCycle(cycle, config, control, options)
      } catch (error) {
        if (!config.daemon) throw error
        code = error instanceof ProxlbError ? error.exitCode : 1
        log.error(`cycle ${cycle} failed: ${oneLine(error)}; trying again next cycle`, {cycle})
        if (options.json) options.out(JSON.stringify({...cycleError(error), cycle}))
      } finally {
        control = undefined
      }
      if (!config.daemon) return code
      if (stopping) break
      const next = started + config.intervalSeconds * 1000
      log.debug(`next cycle at ${new Date(Math.max(next, Date.now())).toISOString()}`)
      await sleep(next - Date.now(), (w) => (wake = w))
      wake = undefined
      if (stopping) break
    }
    log.info('balance service stopped')
    return 0
  } finally {
    process.off('SIGTERM', onStop)
    process.off('SIGINT', onStop)
    process.off('SIGHUP', onHangup)
  }
}

async function runCycle(cycle: number, config: ServiceConfig, control: RunControl, options: ServiceOptions): Promise<number> {
  const {log} = options
  const fields = {cycle}
  const client = await openClusterClient(config.sources, (line) => log.warning(line, fields))
  try {
    const window = config.policy.value.policy.balance.window ?? 'off'
    const live = await liveSnapshotWith(client, {cpuWindow: window, averageMemory: window !== 'off'}, (line) => log.warning(line, fields))
    const cluster = live.snapshot.cluster.name
    const drained = drainedNodes(cluster)
    const note = drainedNote(drained)
    if (note) log.info(`cycle ${cycle}: ${note}`, fields)
    const policy = withServiceDefaults(withDrainedInMaintenance(config.policy.value.policy, drained), live.snapshot)
    // What earlier cycles left (cooldowns, the imbalance streak), also across restarts.
    const remembered = readCalmMemory(stateDirPath(), cluster)
    if (remembered.problem) log.warning(`cycle ${cycle}: ${remembered.problem}`, fields)
    const calm = cycleInput(remembered.memory, policy, clusterSpread(live.snapshot, policy), new Date())
    const keep = (done: Migrated[] = []) => {
      if (!options.execution.dryRun) writeCalmMemory(stateDir(), cluster, remember(calm.memory, done))
    }
    const cooling = calm.calm.cooling?.length ?? 0
    if (cooling) log.debug(`cycle ${cycle}: ${cooling} guest${cooling === 1 ? '' : 's'} cooling down (limits.cooldown ${every(cooldownSeconds(policy))}): balancing leaves them where they are`, fields)
    const plan = planLive(live.snapshot, policy, sha256Of(policy), undefined, calm.calm)
    log.info(`cycle ${cycle}: cluster ${cluster}: ${plan.summary.message}`, {...fields, moves: plan.moves.length})
    for (const m of plan.moves) log.debug(`  ${m.name} (${m.vmid}) ${m.from} → ${m.to} [${m.reason}] ${m.detail}`, fields)
    for (const w of plan.warnings) log.warning(w.message, fields)
    if (options.json) options.out(JSON.stringify({format: EVENT_FORMAT, type: 'cycle-planned', at: new Date().toISOString(), cycle, plan}))
    if (plan.moves.length === 0 || !config.enabled || options.execution.dryRun) {
      keep()
      if (plan.moves.length) log.info(`cycle ${cycle}: ${options.execution.dryRun ? 'dry run' : 'balancing is disabled in the config'}: nothing moved`, fields)
      return 0
    }
    const dir = stateDir()
    const base = join(dir, `balance-${fileSafe(plan.snapshot.cluster)}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`)
    writeFileAtomic(`${base}.plan.json`, prettyJson(plan))
    prune(dir, plan.snapshot.cluster)
    const viewer: RunView = options.json
      ? {emit: (event) => options.out(JSON.stringify({format: EVENT_FORMAT, cycle, ...event})), close() {}}
      : {emit: (event) => logEvent(log, event, plan.moves.length, cycle), close() {}}
    let result: Awaited<ReturnType<typeof carryOut>> | undefined
    try {
      result = await carryOut(client, planToRun(plan, policy, `cycle ${cycle}`), {
        ...options.execution,
        yes: true,
        command: 'balance',
        planFile: `${base}.plan.json`,
        journalPath: `${base}.journal.jsonl`,
        resume: false,
        live: live.snapshot,
        unavailable: drained,
        viewer,
        control,
        show: () => {},
      })
      return exitCodeOf(result.report)
    } catch (error) {
      // A refusal (stale, busy) is an ordinary outcome for a service: the next cycle looks again.
      if (error instanceof RefusedError) {
        log.warning(`cycle ${cycle}: ${error.lines().join(' ')}`, fields)
        if (options.json) options.out(JSON.stringify({...proxlbErrorDocument(error), cycle}))
        return error.exitCode
      }
      throw error
    } finally {
      keep(migrated(result))
    }
  } finally {
    await client.close()
  }
}

/** The migrations a run made, or may have made (still under way when it ended): they cool down from now. */
function migrated(result: Awaited<ReturnType<typeof carryOut>> | undefined): Migrated[] {
  if (!result?.report) return []
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
  return result.plan.moves.flatMap((m, i) => {
    const outcome = result.report!.outcomes[i]
    return outcome?.status === 'done' || outcome?.status === 'unknown' ? [{vmid: m.vmid, from: m.from, to: m.to, at}] : []
  })
}

function logEvent(log: Logger, event: ApplyEvent, total: number, cycle: number): void {
  const fields = {cycle, event: event.type}
  switch (event.type) {
    case 'move-failed':
    case 'move-unknown':
    case 'move-skipped':
      return log.warning(eventLine(event, total), fields)
    case 'move-accepted':
      return log.debug(eventLine(event, total), fields)
    case 'run-ended':
      return log.info(`cycle ${cycle}: ${runSummary(event)}`, fields)
    default:
      return log.info(eventLine(event, total), fields)
  }
}

/** Waits `ms` (Infinity: until woken); `setWake` receives the function that ends the wait early. */
function sleep(ms: number, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    // setTimeout takes at most 2^31-1 ms; a longer wait ends early and the loop looks again.
    const timer = Number.isFinite(ms) ? setTimeout(resolve, Math.min(Math.max(0, ms), 2 ** 31 - 1)) : undefined
    setWake(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/** Keeps the plans and journals of the last cycles of this cluster. */
function prune(dir: string, cluster: string): void {
  const prefix = `balance-${fileSafe(cluster)}-`
  const stamps = [...new Set(readdirSync(dir).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('.')[0]))].sort()
  for (const stamp of stamps.slice(0, Math.max(0, stamps.length - KEEP_CYCLES))) {
    for (const suffix of ['.plan.json', '.journal.jsonl']) rmSync(join(dir, `${prefix}${stamp}${suffix}`), {force: true})
  }
}


/** A failed cycle of the service as the error document its JSON stream carries (it goes on). */
function cycleError(error: unknown): ErrorDocument {
  if (error instanceof ProxlbError) return proxlbErrorDocument(error)
  return errorDocument('internal', [`internal error, a bug in proxlb: ${error instanceof Error ? error.message : String(error)}`], null, 1)
}

function oneLine(error: unknown): string {
  return error instanceof ProxlbError ? error.lines().join(' ') : error instanceof Error ? error.message : String(error)
}
