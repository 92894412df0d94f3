import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {CONNECTION_FLAGS, connectionSources} from '../cli/connection.js'
import {drainNode, restoreNode} from '../cli/drain-session.js'
import {EXECUTION_FLAGS, executionOptions} from '../cli/execution-flags.js'
import {openClusterClient} from '../cli/live-client.js'
import {commandPolicy} from '../cli/sources.js'
import {ProxlbError} from '../model/problems.js'

export default class Drain extends ProxlbCommand {
  static override summary = 'Empty a node for maintenance, and bring its guests back afterwards.'

  static override description = `Plans the evacuation of NODE from the live cluster under the policy (--policy, else the config file's, else the bundled default) with NODE in maintenance: each of its guests goes to the least utilised node that may take it (apart rules, pins, capacity with headroom; ignored guests are reported and stay), and no other guest moves. A preference no target keeps, and rules broken elsewhere before (which a drain does not repair), are listed before anything moves. Guests that cannot leave (local devices, strict pins to NODE, no room anywhere) are listed with the reason, and the drain refuses to start unless --force accepts leaving them. Then it runs like proxlb apply: checked, confirmed (or --yes), journaled, resumable.

The drain's plan and journal are kept in the state folder ($PROXLB_STATE_DIR, /var/lib/proxlb for root, else ~/.local/state/proxlb): they record where every guest came from. While the record stands, every command that plans treats NODE as in maintenance. Once the node is back (online, out of maintenance), --restore moves exactly those guests back where that is still valid (the guest may move, pins allow it, apart rules hold, NODE has room) and lists the others with the reason.

Exit codes: 0 done; 1 error; 2 with --plan-only --detailed-exitcode, migrations are planned; 3 some migrations failed or did not run; 4 refused, nothing moved (guests that cannot leave without --force, a drain already recorded, NODE not back for --restore, not confirmed, cluster busy).`

  static override examples = [
    {description: 'See what a drain of pve3 would do', command: '<%= config.bin %> drain pve3 --plan-only -c /etc/proxlb/proxlb.conf'},
    {description: 'Empty pve3, two migrations at a time', command: '<%= config.bin %> drain pve3 --yes --parallel 2'},
    {description: 'Empty it even though a guest with a passed-through GPU must stay', command: '<%= config.bin %> drain pve3 --yes --force'},
    {description: 'After the maintenance: bring the guests back', command: '<%= config.bin %> drain pve3 --restore --yes'},
  ]

  static override args = {
    node: Args.string({description: 'The node to empty (or to refill with --restore).', required: true}),
  }

  static override flags = {
    policy: Flags.string({char: 'p', summary: 'Policy file (YAML). Default: the config file\'s policy, else the bundled default.', helpValue: 'FILE'}),
    'plan-only': Flags.boolean({summary: 'Show the drain plan and the guests that would stay; move nothing, write nothing.', default: false, exclusive: ['restore', 'resume']}),
    force: Flags.boolean({summary: 'Drain even though some guests cannot leave NODE (they are listed and stay).', default: false, exclusive: ['restore']}),
    restore: Flags.boolean({summary: 'Move the guests the recorded drain of NODE moved away back to it.', default: false}),
    resume: Flags.boolean({summary: 'Continue an interrupted drain from its journal.', default: false, exclusive: ['restore']}),
    'detailed-exitcode': Flags.boolean({summary: 'With --plan-only: exit 0 when the node has nothing to move, 2 when migrations are planned, 1 on error.', default: false}),
    ...EXECUTION_FLAGS,
    ...CONNECTION_FLAGS,
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(Drain)
    const warn = (line: string) => this.warnLine(line)
    if (flags['detailed-exitcode'] && !flags['plan-only']) throw new ProxlbError('--detailed-exitcode needs --plan-only as well: it tells whether a drain would move anything; add --plan-only', 1, '--detailed-exitcode')
    const sources = connectionSources(flags, process.env, warn)
    const policy = flags.restore && !flags.policy ? undefined : commandPolicy(flags.policy, sources, this.packageRoot, warn)
    const options = {...executionOptions(flags), say: (line: string) => process.stderr.write(line + '\n'), warn, out: (text: string) => this.out(text)}
    const client = await openClusterClient(sources, warn)
    try {
      process.exitCode = flags.restore
        ? await restoreNode(client, args.node, policy, options)
        : await drainNode(client, args.node, policy!, {planOnly: flags['plan-only'], force: flags.force, resume: flags.resume, detailedExitcode: flags['detailed-exitcode']}, options)
    } finally {
      await client.close()
    }
  }
}
