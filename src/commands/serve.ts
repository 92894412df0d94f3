import * as Flags from '@oclif/core/flags'
import {FORMATS} from '../model/formats.js'
import {ProxlbCommand} from '../cli/base-command.js'
import {clusterTransport, connectionSources, TRANSPORT_FLAGS} from '../cli/connection.js'
import {INPUT_LIMITS, readInputFile} from '../cli/files.js'
import {commandPolicy} from '../cli/sources.js'
import {stateDirPath} from '../cli/state.js'
import {VERSION} from '../cli/version.js'
import {sha256Of} from '../model/canonical.js'

export default class Serve extends ProxlbCommand {
  static override summary = 'Serve a web page to rebalance the cluster and migrate guests away from a node.'

  static override description = `Starts an HTTPS server (a self-signed certificate made at start, or --cert/--key) with a web page for the cluster the connection settings name. People log in with their own Proxmox VE account (user@realm and password, checked by the cluster's /access/ticket, or an API token); the page then acts with that user's ticket, so Proxmox's permissions decide what each may do. The server keeps sessions in memory (signed, HttpOnly, SameSite=Strict cookies; the ticket never reaches the browser) and checks a CSRF token on every change.

The page shows every node's load (memory, CPU, local disk), maintenance and drain state, the guests per node and the rules in force, with a warning when Proxmox's own HA auto-rebalance is on. Rebalance: the plan with the configured policy (or a policy pasted or uploaded, checked with its errors at their line), before/after bars and the moves; Apply runs it like proxlb apply (checked against the live cluster, under the cluster lock, journaled in the state folder) with live progress, a stop button and the result; the run goes on when the tab is closed. Migrate away: the drain of a node as proxlb drain plans it, the guests that cannot leave and why, then Restore. History: past runs from the journals in the state folder.

Listens on 127.0.0.1:8443 unless --listen says otherwise, and warns when the address is reachable from other machines. Credentials in the config file or the environment are not used: each user logs in. Runs until SIGINT or SIGTERM; then no new migration starts and running ones are followed to their end (a second signal stops waiting).`

  static override examples = [
    {description: 'Serve the page for the cluster of the config file on https://127.0.0.1:8443', command: '<%= config.bin %> serve -c /etc/proxlb/proxlb.conf'},
    {description: 'Listen on every address with a certificate of your own', command: '<%= config.bin %> serve --listen 0.0.0.0:8443 --cert /etc/proxlb/serve.pem --key /etc/proxlb/serve.key'},
    {description: 'Try it against the emulator (log in as root@pam / proxlb)', command: '<%= config.bin %> serve --host 127.0.0.1:8006 --insecure'},
  ]

  static override flags = {
    listen: Flags.string({summary: 'Address and port to serve on: HOST:PORT, [IPv6]:PORT.', default: '127.0.0.1:8443', helpValue: 'HOST:PORT'}),
    cert: Flags.string({summary: 'TLS certificate (PEM) instead of a self-signed one; needs --key.', helpValue: 'FILE', dependsOn: ['key']}),
    key: Flags.string({summary: 'Private key (PEM) of --cert.', helpValue: 'FILE', dependsOn: ['cert']}),
    policy: Flags.string({char: 'p', summary: "Policy file (YAML) for the page's plans. Default: the config file's policy, else the bundled default.", helpValue: 'FILE'}),
    'idle-timeout': Flags.integer({summary: 'Minutes without a request before a session ends.', default: 30, min: 1, max: 1440, helpValue: 'MINUTES'}),
    ...TRANSPORT_FLAGS,
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    const warn = (line: string) => this.warnLine(line)
    const log = (line: string) => process.stderr.write(`proxlb serve: ${line}\n`)
    // Required here: no other command loads the web server and its framework.
    const {isLoopback, parseListen, startWebServer} = require('../web/server.js') as typeof import('../web/server.js')
    const listen = parseListen(flags.listen)
    const sources = connectionSources(flags, process.env, warn)
    const transport = clusterTransport(sources, warn)
    const policy = commandPolicy(flags.policy, sources, this.packageRoot, warn)
    const pem = (file: string, what: string) => Buffer.from(readInputFile(file, what, INPUT_LIMITS.pem)).toString('utf8')
    const server = await startWebServer({
      listen,
      ...(flags.cert && flags.key ? {tls: {cert: pem(flags.cert, 'certificate'), key: pem(flags.key, 'key')}} : {}),
      context: {
        transport,
        policy: {policy: policy.value.policy, hash: sha256Of(policy.value.policy), label: policy.label},
        stateDir: stateDirPath(),
        tool: `proxlb ${VERSION}`,
        version: VERSION,
        log,
        readFile: (file) => readInputFile(file, 'drain record', INPUT_LIMITS.json),
        idleMinutes: flags['idle-timeout'],
      },
    })
    if (!isLoopback(listen.host)) warn(`listening on ${flags.listen}: other machines can reach the page (its login is Proxmox's; put it behind a firewall or a VPN, and give it a real certificate with --cert/--key)`)
    log(`serving ${server.url} for ${transport.endpoints.map((e) => e.origin).join(', ')}${flags.cert ? '' : ` (self-signed certificate, SHA-256 ${server.fingerprint})`}`)
    if (flags.json) this.out(JSON.stringify({format: FORMATS.serve, url: server.url, fingerprint: server.fingerprint ?? null, cluster: transport.endpoints.map((e) => e.origin)}))
    await untilSignalled(server.web.runs, log)
    await server.close()
  }
}

/** Resolves after SIGINT/SIGTERM once no run is under way; a second signal stops waiting for it. */
function untilSignalled(runs: {active(): unknown; stopAll(reason: string): void}, log: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let signalled = false
    const handler = (signal: NodeJS.Signals) => {
      if (signalled || !runs.active()) {
        process.off('SIGINT', handler)
        process.off('SIGTERM', handler)
        resolve()
        return
      }
      signalled = true
      runs.stopAll(`${signal}: the server is stopping`)
      log(`${signal}: no new migration starts; waiting for the running ones to finish (${signal} again to stop waiting: they go on in Proxmox, and proxlb apply --resume picks them up)`)
      const poll = setInterval(() => {
        if (runs.active()) return
        clearInterval(poll)
        resolve()
      }, 250)
    }
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  })
}
