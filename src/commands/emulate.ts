import * as Flags from '@oclif/core/flags'
import {ProxlbCommand} from '../cli/base-command.js'
import {INPUT_LIMITS, readInputFile} from '../cli/files.js'
import {loadSnapshot} from '../cli/inputs.js'
import {collectCredentials} from '../emulator/credentials.js'
import {startEmulator} from '../emulator/index.js'
import {InvalidInputError, ProxlbError} from '../model/problems.js'
import {parseSize} from '../model/units.js'
import {emulatorStartJson, renderCall, renderEmulatorStart} from '../render/emulator.js'

export default class Emulate extends ProxlbCommand {
  static override summary = 'Serve a snapshot as a Proxmox VE API, for tests, demos and rehearsals.'

  static override description = `Starts a Proxmox VE API server (HTTPS with a self-signed certificate, or --http) that answers like a PVE 9 cluster in the state of the snapshot: the read endpoints clients use, ticket and API token logins, migrations that take (memory + copied local disks) / bandwidth, lock the guest and move it, HA guests through hamigrate. It runs until Ctrl-C (SIGINT) or SIGTERM. It prints one line when it listens (with --json one JSON object: url, address, port, certificate fingerprint, users). Nothing is real: use it to try proxlb snapshot, plan and apply without a cluster.

Credentials: --user user@realm:password and --token user@realm!id=secret (repeatable), or --users-file with one per line. Without any, root@pam logs in with password proxlb.

Privileges work as on Proxmox VE: roles on ACL paths, inherited down the path unless not propagated. Append to a user or token " acl=PATH:ROLE[,ROLE][:0]" (repeatable; :0 does not propagate), e.g. "alice@pve:pw acl=/:PVEAuditor acl=/vms/100:PVEVMAdmin", or " privileges=VM.Audit,Sys.Audit" for those privileges on /. Built-in roles are PVE's (PVEAuditor, PVEVMUser, PVEVMAdmin, PVEPoolAdmin, PVEAdmin, Administrator, NoAccess ...); define others with --role NAME:PRIV,PRIV. A token with grants of its own has privilege separation (it holds what both it and its user hold; privsep=0 gives it its user's privileges). A user or token that nothing grants anything holds every privilege; root@pam always does. Guests in a resource pool also get the roles granted on /pool/POOL. A users file also takes /etc/pve/user.cfg lines: role:NAME:PRIVS:, group:NAME:USERS:, acl:PROPAGATE:PATH:USERS:ROLES:.`

  static override examples = [
    {description: 'Serve the bundled demo cluster on https://127.0.0.1:8006 (root@pam / proxlb)', command: '<%= config.bin %> emulate'},
    {description: 'Serve a snapshot on any free port with a user and an API token', command: "<%= config.bin %> emulate --snapshot cluster.json --port 0 --user admin@pve:s3cret --token 'admin@pve!proxlb=0f2c0a1e'"},
    {description: 'Plain HTTP, migrations at 10 GiB/s, 5 ms added to every request, each request logged', command: '<%= config.bin %> emulate --http --bandwidth 10GiB --latency 5 --verbose'},
    {description: 'A read-only token and an operator who may migrate, with roles of their own', command: "<%= config.bin %> emulate --role ProxlbReader:Sys.Audit,VM.Audit,Datastore.Audit,Pool.Audit --user 'ops@pve:s3cret acl=/:PVEVMAdmin acl=/:ProxlbReader' --token 'ops@pve!ro=0f2c0a1e acl=/:ProxlbReader'"},
  ]

  static override flags = {
    snapshot: Flags.string({char: 's', summary: 'Snapshot to serve (JSON, from proxlb snapshot). Default: the bundled demo cluster.', helpValue: 'FILE'}),
    port: Flags.integer({summary: 'Port to listen on; 0 picks a free one.', default: 8006, min: 0, max: 65535}),
    host: Flags.string({summary: 'Address to listen on.', default: '127.0.0.1', helpValue: 'ADDRESS'}),
    http: Flags.boolean({summary: 'Serve plain HTTP instead of HTTPS.', default: false}),
    cert: Flags.string({summary: 'TLS certificate (PEM) instead of a self-signed one; needs --key.', helpValue: 'FILE', dependsOn: ['key']}),
    key: Flags.string({summary: 'Private key (PEM) of --cert.', helpValue: 'FILE', dependsOn: ['cert']}),
    user: Flags.string({char: 'u', summary: 'A user who may log in, with a password; acl=PATH:ROLES grants roles, privileges=LIST privileges on / (repeatable).', multiple: true, helpValue: 'USER@REALM:PASSWORD'}),
    token: Flags.string({char: 't', summary: 'An API token; acl=PATH:ROLES, privileges=LIST, privsep=0|1 as for users (repeatable).', multiple: true, helpValue: 'USER@REALM!ID=SECRET'}),
    role: Flags.string({summary: 'A role of your own, for acl=PATH:NAME (repeatable).', multiple: true, helpValue: 'NAME:PRIV,PRIV'}),
    'users-file': Flags.string({summary: 'File with one user or token per line (as --user/--token), or user.cfg role:, group:, acl: lines; # comments.', helpValue: 'FILE'}),
    bandwidth: Flags.string({summary: 'Migration speed: bytes per second of memory and local disks moved.', default: '1GiB', helpValue: 'SIZE'}),
    instant: Flags.boolean({summary: 'Migrations end at once (still as tasks), whatever they move.', default: false}),
    'ha-delay': Flags.integer({summary: 'Milliseconds the HA stack takes to start a requested migration (default 1000, 0 with --instant).', min: 0, helpValue: 'MS'}),
    latency: Flags.integer({summary: 'Milliseconds added to every response.', default: 0, min: 0, helpValue: 'MS'}),
    verbose: Flags.boolean({summary: 'Log every request to stderr (method, path, status, time).', default: false}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Emulate)
    const {snapshot} = loadSnapshot(flags.snapshot, this.packageRoot, (line) => this.warnLine(line)).value
    const file = flags['users-file']
    const credentials = collectCredentials(flags.user ?? [], flags.token ?? [], file ? {text: Buffer.from(readInputFile(file, 'users file', INPUT_LIMITS.text)).toString('utf8'), name: file} : undefined, flags.role ?? [])
    if (credentials.problems.length) throw new InvalidInputError(credentials.problems)
    const bandwidth = parseSize(flags.bandwidth.replace(/\/s$/, ''))
    if (!bandwidth) throw new ProxlbError(`--bandwidth: expected a size per second such as 1GiB or 500MiB, got ${JSON.stringify(flags.bandwidth)}`)
    const given = credentials.users.length + credentials.tokens.length > 0

    const emulator = await startEmulator({
      snapshot,
      host: flags.host,
      port: flags.port,
      http: flags.http,
      ...(flags.cert && flags.key ? {tls: {cert: Buffer.from(readInputFile(flags.cert, 'certificate', INPUT_LIMITS.pem)).toString(), key: Buffer.from(readInputFile(flags.key, 'key', INPUT_LIMITS.pem)).toString()}} : {}),
      ...(given ? {users: credentials.users, tokens: credentials.tokens} : {}),
      access: credentials.access,
      migration: {bandwidth, instant: flags.instant, ...(flags['ha-delay'] === undefined ? {} : {haDelayMs: flags['ha-delay']})},
      ...(flags.verbose ? {onCall: (call) => process.stderr.write(renderCall(call) + '\n')} : {}),
    })
    emulator.faults.latency(flags.latency)
    const start = {
      url: emulator.url,
      cluster: snapshot.cluster.name,
      nodes: snapshot.nodes.length,
      guests: snapshot.guests.length,
      users: credentials.users.map((u) => u.userid),
      tokens: credentials.tokens.map((t) => t.tokenid),
      defaultLogin: !given,
      fingerprint: emulator.fingerprint,
    }
    this.out(flags.json ? JSON.stringify(emulatorStartJson(start)) : renderEmulatorStart(start))
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'))
      process.once('SIGTERM', () => resolve('SIGTERM'))
    })
    await emulator.close()
    const answered = emulator.calls().length
    process.stderr.write(`proxlb emulate: stopped (${signal}) after ${answered} request${answered === 1 ? '' : 's'}\n`)
  }
}
