/**
 * ProxLB's own configs, read in place and converted: the example configs of ProxLB 1.1.0,
 * 1.1.13 and 2.2.0 and the INI of 1.0.6, as ProxLB ships them (test/fixtures/proxlb, see
 * its README for where each comes from). What a converted config and policy read back as
 * must be what proxlb takes from the ProxLB file directly.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {readConfigFile} from '../../src/config/config-file.js'
import {credentialsLayer, resolveConnection} from '../../src/config/connection.js'
import {convertProxlbConfig, durationText} from '../../src/config/convert.js'
import {mapProxlbYaml, proxlbHost} from '../../src/config/proxlb-yaml.js'
import type {LoadedConfig} from '../../src/config/types.js'
import {readPolicy} from '../../src/model/policy.js'
import {ROOT} from '../helpers/cli.js'
import {problemsOf} from './helpers.js'

const FIXTURES = join(ROOT, 'test', 'fixtures', 'proxlb')
const fixture = (name: string) => ({file: join(FIXTURES, name), text: readFileSync(join(FIXTURES, name), 'utf8')})
const read = (text: string, file = '/etc/proxlb/proxlb.yaml') => readConfigFile(new TextEncoder().encode(text), file)
const inline = (config: LoadedConfig) => (config.policy && 'inline' in config.policy ? config.policy.inline : undefined)!

describe("ProxLB's YAML config, read in place", () => {
  test('2.2.0 example: connection, every balancing setting proxlb has, pools as rules, the service', () => {
    const {file, text} = fixture('2.2.0-proxlb_example.yaml')
    const config = readConfigFile(new TextEncoder().encode(text), file)
    expect(config.format).toBe('proxlb-yaml')
    expect(config.connection.settings).toEqual({hosts: ['virt01.example.com', '10.10.10.10'], user: 'root@pam', password: 'crazyPassw0rd!', insecure: false, timeoutSeconds: 10})
    expect(config.connection.where.hosts).toBe(`${file}:2: proxmox_api.hosts`)
    expect(config.service).toEqual({enabled: true, daemon: true, intervalSeconds: 12 * 3600})
    const {policy} = inline(config)
    expect(policy.balance).toMatchObject({method: 'memory', mode: 'used', threshold: 5, guestTypes: ['qemu', 'lxc']})
    expect(policy.maintenance.nodes).toEqual(['virt66.example.com'])
    expect(policy.limits).toMatchObject({parallel: 1, headroom: 4 * 2 ** 30, reserve: {node01: 2 * 2 ** 30}})
    expect(policy.migration).toMatchObject({online: true, withLocalDisks: true})
    expect(policy.rules.map((r) => [r.type, r.guests, r.nodes ?? [], r.strict])).toEqual([
      ['together', ['pool:dev'], [], false],
      ['apart', ['pool:de-nbg01-db'], [], false],
      ['pin', ['pool:de-nbg01-db'], ['virt66', 'virt77'], false],
    ])
    // What changes behaviour is warned about at its line; defaults and log levels are not.
    expect(config.warnings.map((w) => w.slice(file.length + 1))).toEqual([
      '2: proxmox_api.hosts: host "fe01:bad:code::cafe": not an IPv6 address; write an IPv6 address with a port as [address]:port; that host is left out',
      '17: proxmox_cluster.maintenance_nodes_schedule: proxlb has no maintenance calendar: drain virt77.example.com at those times with proxlb drain NODE from a systemd timer',
      '36: balancing.cpu_overcommit: proxlb has no limit on virtual CPUs per core; balance by cpu to spread CPU load',
      '37: balancing.max_node_inflow: proxlb limits the migrations running at once into or out of a node (limits.perNode, default 1), not how many a run sends to it',
      '40: balancing.memory_threshold: proxlb has no usage level that starts balancing: it balances whenever the spread between nodes exceeds balanciness',
      '41: balancing.cpu_threshold: proxlb has no usage level that starts balancing: it balances whenever the spread between nodes exceeds balanciness',
      '91: service.enable_ha: proxlb balance keeps one lock per cluster in its state folder: run the service on one node (or one machine outside the cluster)',
    ])
  })

  test('1.1.0 example: schedule in plain hours, mode assigned, not a daemon', () => {
    const {file, text} = fixture('1.1.0-proxlb_example.yaml')
    const config = read(text, file)
    expect(config.service).toEqual({enabled: true, daemon: false, intervalSeconds: 12 * 3600})
    expect(inline(config).policy.balance).toMatchObject({mode: 'assigned', threshold: 5})
    expect(inline(config).policy.limits.parallel).toBe(1)
  })

  test('ProxLB defaults stand where the file says nothing', () => {
    const config = read('proxmox_api:\n  hosts: [pve1]\n  user: proxlb@pve\n  token_id: balancer\n  token_secret: 0f2c\n')
    const {policy} = inline(config)
    expect(policy.balance).toMatchObject({method: 'memory', mode: 'used', threshold: 10})
    expect(policy.limits.parallel).toBe(1)
    expect(policy.migration).toMatchObject({online: true, withLocalDisks: true})
    expect(config.connection.settings).toEqual({hosts: ['pve1'], tokenId: 'proxlb@pve!balancer', tokenSecret: '0f2c'})
    expect(config.warnings).toEqual([])
  })

  test('parallel migrations, psi mode, minutes, hosts with ProxLB ports', () => {
    const config = read([
      'proxmox_api:',
      "  hosts: ['fc00::1:8006', '[fc00::2]:443', 'pve3:8007']",
      '  user: root@pam',
      '  pass: 123456',
      '  retries: 3',
      'balancing:',
      '  parallel: True',
      '  parallel_jobs: 3',
      '  mode: psi',
      '  balance_types: [ct]',
      'service:',
      '  schedule: {interval: 90, format: minutes}',
      '',
    ].join('\n'))
    expect(config.connection.settings).toMatchObject({hosts: ['[fc00::1]:8006', '[fc00::2]:443', 'pve3:8007'], password: '123456', retries: 2})
    expect(inline(config).policy.limits.parallel).toBe(3)
    expect(inline(config).policy.balance).toMatchObject({mode: 'used', guestTypes: ['lxc']})
    expect(config.service.intervalSeconds).toBe(5400)
    expect(config.warnings).toEqual(['/etc/proxlb/proxlb.yaml:9: balancing.mode: proxlb does not balance by pressure stall information; it balances what the guests use (mode used)'])
  })

  test('values of the wrong kind are errors at their line, all at once', () => {
    expect(problemsOf(() => read('proxmox_api:\n  hosts: pve1\n  ssl_verification: maybe\n  token_id: x\nbalancing:\n  method: ram\n  pools:\n    db: {type: together}\nservice:\n  schedule: {interval: 2, format: days}\n'))).toEqual([
      '/etc/proxlb/proxlb.yaml:3: proxmox_api.ssl_verification: expected True or False, got "maybe"',
      '/etc/proxlb/proxlb.yaml:4: proxmox_api.token_id: a token id needs the user it belongs to: add user (e.g. proxlb@pve)',
      '/etc/proxlb/proxlb.yaml:6: balancing.method: expected one of memory, cpu, disk, got "ram"',
      '/etc/proxlb/proxlb.yaml:8: balancing.pools.db.type: expected affinity or anti-affinity, got "together"',
      '/etc/proxlb/proxlb.yaml:10: service.schedule: expected a whole number of hours, or interval (a whole number) with format hours or minutes, got {"interval":2,"format":"days"}',
    ])
  })

  test('an unknown option is named, not silently dropped', () => {
    const mapped = mapProxlbYaml('proxmox_api:\n  hosts: [pve1]\n  user: a@pam\n  pass: x\nbalancing:\n  balanciness: 7\n  balancyness: 3\nextras: {}\n', 'p.yaml')
    expect(mapped.dropped.map((d) => `${d.where}: ${d.why}`)).toEqual([
      'p.yaml:7: balancing.balancyness: not a balancing option proxlb knows; it is ignored',
      'p.yaml:8: extras: not a ProxLB section proxlb knows; it is ignored',
    ])
  })

  test("hosts: ProxLB's port after the last colon of a bare IPv6 address", () => {
    expect(proxlbHost('fc00::1:8006')).toBe('[fc00::1]:8006')
    expect(proxlbHost('fc00::1')).toBe('fc00::1')
    expect(proxlbHost('[fc00::1]:443')).toBe('[fc00::1]:443')
    expect(proxlbHost('pve1:8006')).toBe('pve1:8006')
  })
})

describe('proxlb config convert', () => {
  const fixtures = ['1.1.0-proxlb_example.yaml', '1.1.13-proxlb_example.yaml', '2.2.0-proxlb_example.yaml', '1.0.6-proxlb.conf']

  test.each(fixtures)('%s: the converted config and policy read back as what proxlb takes from the file itself', (name) => {
    const {file, text} = fixture(name)
    const direct = read(text, file)
    const withPolicyInside = convertProxlbConfig(text, file)
    const converted = read(withPolicyInside.config, '/etc/proxlb/proxlb.conf')
    expect(converted.format).toBe('yaml')
    expect(converted.connection.settings).toEqual(direct.connection.settings)
    expect(converted.service).toEqual(direct.service)
    expect(inline(converted).hash).toBe(inline(direct).hash)
    expect(readPolicy(withPolicyInside.policy, 'policy.yaml').hash).toBe(inline(direct).hash)

    const withPolicyFile = convertProxlbConfig(text, file, 'policy.yaml')
    expect(read(withPolicyFile.config, '/etc/proxlb/proxlb.conf').policy).toEqual({path: '/etc/proxlb/policy.yaml'})
    // Every warning of the in-place read is among the lines convert prints.
    for (const warning of direct.warnings) expect(withPolicyInside.notCarried).toContain(warning)
  })

  test('2.2.0 example: one line per setting not carried over, the quiet ones too', () => {
    const {file, text} = fixture('2.2.0-proxlb_example.yaml')
    const lines = convertProxlbConfig(text, file).notCarried.map((l) => l.slice(file.length + 1).split(':').slice(0, 2).join(':'))
    expect(lines).toEqual([
      '2: proxmox_api.hosts', '17: proxmox_cluster.maintenance_nodes_schedule', '23: proxmox_cluster.overprovisioning',
      '27: balancing.enforce_affinity', '28: balancing.enforce_pinning', '35: balancing.with_conntrack_state', '36: balancing.cpu_overcommit',
      '37: balancing.max_node_inflow', '39: balancing.max_job_validation', '40: balancing.memory_threshold', '41: balancing.cpu_threshold',
      '91: service.enable_ha', '99: service.log_level',
    ])
  })

  test('the seed INI (ProxLB 1.0.6): its log level is the one setting left behind', () => {
    const {file, text} = fixture('1.0.6-proxlb.conf')
    const conversion = convertProxlbConfig(text, file)
    expect(conversion.format).toBe('proxlb-ini')
    expect(conversion.notCarried).toEqual([`${file}:22: log_verbosity: a config does not set the log level: pass --log-level to proxlb balance (the packaged unit logs info and above)`])
    expect(conversion.holdsSecret).toBe(true)
    expect(conversion.config).toContain('interval: 1d\n')
  })

  test('a proxlb file or anything else is refused in one line', () => {
    expect(problemsOf(() => convertProxlbConfig('apiVersion: proxlb/v1\nkind: Config\n', 'c.yaml'))).toEqual(['c.yaml: this is already a proxlb config: there is nothing to convert'])
    expect(problemsOf(() => convertProxlbConfig('apiVersion: proxlb/v1\nkind: Policy\n', 'p.yaml'))).toEqual(['p.yaml: this is already a proxlb policy: there is nothing to convert'])
    expect(problemsOf(() => convertProxlbConfig('hosts: [pve1]\n', 'x.yaml'))).toEqual(["x.yaml: this is not a ProxLB config: expected ProxLB's YAML (proxmox_api, balancing and service sections) or its INI ([proxmox], [balancing] ...)"])
    expect(problemsOf(() => convertProxlbConfig('{"format": "proxlb.plan/v1", "moves": []}', 'plan.json'))).toEqual(["plan.json: this is a proxlb plan (proxlb.plan/v1), not a ProxLB config: expected ProxLB's YAML (proxmox_api, balancing and service sections) or its INI ([proxmox], [balancing] ...)"])
  })

  test('durations in the largest unit that divides them', () => {
    expect([43200, 86400, 5400, 45].map(durationText)).toEqual(['12h', '1d', '90m', '45s'])
  })
})

describe('systemd credentials ($CREDENTIALS_DIRECTORY)', () => {
  const config = {source: 'proxlb.conf', settings: {hosts: ['pve1'], tokenId: 'proxlb@pve!balancer', tokenSecretFile: '/etc/proxlb/token'}, where: {hosts: 'proxlb.conf:2', tokenId: 'proxlb.conf:3', tokenSecretFile: 'proxlb.conf:4'}}

  test("the token-secret credential is the token's secret, over the config's file", () => {
    const credentials = credentialsLayer({CREDENTIALS_DIRECTORY: '/run/credentials/proxlb.service'}, (path) => path.endsWith('/token-secret'))!
    expect(credentials.settings).toEqual({tokenSecretFile: '/run/credentials/proxlb.service/token-secret'})
    const plan = resolveConnection([credentials, config])
    expect(plan.auth).toEqual({kind: 'token', tokenId: 'proxlb@pve!balancer', secret: {file: '/run/credentials/proxlb.service/token-secret', where: 'the token-secret credential ($CREDENTIALS_DIRECTORY/token-secret)'}})
  })

  test('a blank or missing credential counts as not given: the config decides', () => {
    expect(credentialsLayer({CREDENTIALS_DIRECTORY: '/run/credentials/proxlb.service'}, () => false)).toBeUndefined()
    expect(credentialsLayer({}, () => true)).toBeUndefined()
  })

  test('a password credential with a user from the config', () => {
    const credentials = credentialsLayer({CREDENTIALS_DIRECTORY: '/run/c/'}, (path) => path === '/run/c/password')!
    const plan = resolveConnection([credentials, {source: 'c', settings: {hosts: ['pve1'], user: 'proxlb@pve'}, where: {}}])
    expect(plan.auth).toMatchObject({kind: 'password', user: 'proxlb@pve', password: {file: '/run/c/password'}})
  })
})
