import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {runBalance, type ServiceConfig} from '../cli/balance-service.js'
import {CONNECTION_FLAGS, connectionSources} from '../cli/connection.js'
import {EXECUTION_FLAGS, executionOptions, parseDuration} from '../cli/execution-flags.js'
import {createLogger, LOG_LEVELS, type LogLevel} from '../cli/log.js'
import {commandPolicy} from '../cli/sources.js'

const {yes: _yes, ...execution} = EXECUTION_FLAGS

export default class Balance extends ProxlbCommand {
  static override summary = 'Balance the cluster: snapshot, plan, apply; once or as a service.'

  static override description = `The original ProxLB loop. Reads the cluster, plans with the policy (--policy, else the config file's, else the bundled default) and carries the plan out like proxlb apply (checked against the live cluster, journaled in the state folder, no question asked). Reads proxlb's YAML config or ProxLB's own (its INI, or the YAML of ProxLB 1.1 and 2.x) (-c, default /etc/proxlb/proxlb.conf): [service] daemon and schedule (hours), [balancing] enable (0: plan and log only).

As a daemon (--daemon, or daemon: 1 in the config) it runs a cycle every interval (--every, service.interval, or the INI's schedule; default 12h), never two at once; a cycle that fails (the API unreachable, a stale plan, another proxlb busy) is logged and the next one tries again. It stays calm: balancing starts only when the spread exceeds the threshold by balance.margin (default 5 points here, 0 for proxlb plan) and must narrow it by at least that much, and by balance.minGain points per GiB moved (default 0.02 on nodes of 64 GiB, in proportion to the nodes' memory on others); with balance.persistence N only an imbalance seen N cycles in a row counts; a guest it migrated is not moved again by balancing, nor back to the node it left, within limits.cooldown (default 6h); limits.maxMoves caps each cycle. What it remembers (cooldowns, the imbalance streak) is kept in the state folder (calm-CLUSTER.json) across restarts. balance.window hour|day plans from RRD averages instead of one sample; balance.during (cron expressions, UTC) lets cycles run only in those windows. proxlb simulate --cycles replays it under drifting load. SIGTERM stops it cleanly: migrations under way are followed to their end and journaled first. SIGHUP reads the config again. Logs go to stderr (--log-level, --log-format); under systemd they carry journald priorities. contrib/systemd/proxlb.service runs it as a service.

Exit codes (once): 0 balanced or nothing to do; 1 error; 3 some migrations failed or did not run; 4 refused (a stale plan, the cluster busy). As a daemon: 0 after SIGTERM.`

  static override examples = [
    {description: 'One balancing run with the settings of the ProxLB config file', command: '<%= config.bin %> balance -c /etc/proxlb/proxlb.conf'},
    {description: 'What a run would move, as JSON', command: '<%= config.bin %> balance --dry-run --json'},
    {description: 'The service: every 6 hours, JSON logs', command: '<%= config.bin %> balance --daemon --every 6h --log-format json'},
  ]

  static override flags = {
    policy: Flags.string({char: 'p', summary: "Policy file (YAML). Default: the config file's policy, else the bundled default.", helpValue: 'FILE'}),
    daemon: Flags.boolean({summary: 'Keep running and balance every interval (default: the config\'s service.daemon / [service] daemon).', allowNo: true}),
    every: Flags.string({helpValue: 'DURATION', summary: 'Time between two cycles as a daemon: 30m, 12h, 1d (seconds, e.g. 20s, for trials). Default: the config\'s interval or schedule, else 12h.'}),
    'log-level': Flags.string({summary: 'Least important log lines shown.', options: [...LOG_LEVELS], default: 'info'}),
    'log-format': Flags.string({summary: 'Log lines as text (journald-friendly) or JSON objects.', options: ['text', 'json'], default: 'text'}),
    ...execution,
    ...CONNECTION_FLAGS,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Balance)
    const log = createLogger(flags['log-level'] as LogLevel, flags['log-format'] as 'text' | 'json')
    const warn = (line: string) => log.warning(line)
    const load = (): ServiceConfig => {
      const sources = connectionSources(flags, process.env, warn)
      const service = sources.config?.service ?? {}
      return {
        sources,
        policy: commandPolicy(flags.policy, sources, this.packageRoot, warn),
        enabled: service.enabled ?? true,
        daemon: flags.daemon ?? service.daemon ?? false,
        intervalSeconds: flags.every ? parseDuration(flags.every, '--every') : service.intervalSeconds ?? 12 * 3600,
      }
    }
    const options = executionOptions({...flags, yes: true})
    process.exitCode = await runBalance({
      load,
      log,
      execution: {...options, say: (line) => log.info(line), warn, out: (text) => this.out(text)},
      json: flags.json,
      out: (line) => this.out(line),
    })
  }
}
