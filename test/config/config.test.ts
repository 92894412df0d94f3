/**
 * Config files (proxlb YAML and the original ProxLB INI) and the precedence of flags,
 * environment and config, setting by setting.
 */
import {describe, expect, test} from 'vitest'
import {readConfigFile} from '../../src/config/config-file.js'
import {environmentLayer, missingPassword, resolveConnection} from '../../src/config/connection.js'
import type {SourcedLayer} from '../../src/config/types.js'
import {problemsOf} from './helpers.js'

const bytes = (text: string) => new TextEncoder().encode(text)

const PROXLB_INI = `[proxmox]
api_host: pve1.example.com, pve2.example.com:8007
api_user: root@pam
api_pass: FooBar
verify_ssl: 0
timeout: 20
[vm_balancing]
enable: 1
method: cpu
mode: assigned
type: all
balanciness: 15
parallel_migrations: 0
maintenance_nodes: pve3
ignore_nodes: dummynode01,test*
ignore_vms: testvm01,backup-*
[storage_balancing]
enable: 0
[update_service]
enable: 0
[api]
enable: 0
[service]
daemon: 1
schedule: 24
log_verbosity: CRITICAL
config_version: 3
`

describe('the original ProxLB INI', () => {
  test('connection, policy and service are all taken from it', () => {
    const config = readConfigFile(bytes(PROXLB_INI), '/etc/proxlb/proxlb.conf')
    expect(config.format).toBe('proxlb-ini')
    expect(config.warnings).toEqual([])
    expect(config.connection.settings).toEqual({hosts: ['pve1.example.com', 'pve2.example.com:8007'], user: 'root@pam', password: 'FooBar', insecure: true, timeoutSeconds: 20})
    expect(config.connection.where.hosts).toBe('/etc/proxlb/proxlb.conf:2: api_host')
    expect(config.service).toEqual({enabled: true, daemon: true, intervalSeconds: 86400})
    const policy = 'inline' in config.policy! ? config.policy.inline.policy : undefined
    expect(policy).toMatchObject({
      balance: {method: 'cpu', mode: 'assigned', threshold: 15, guestTypes: ['qemu', 'lxc']},
      ignore: {nodes: ['dummynode01', 'test*'], guests: ['testvm01', 'backup-*']},
      maintenance: {nodes: ['pve3']},
      limits: {parallel: 1},
    })
  })

  test('a section that says nothing gives ProxLB\'s defaults: memory, used, threshold 10, virtual machines only', () => {
    const config = readConfigFile(bytes('[proxmox]\napi_host: pve1\n[balancing]\n'), 'proxlb.conf')
    expect('inline' in config.policy! && config.policy.inline.policy.balance).toMatchObject({method: 'memory', mode: 'used', threshold: 10, guestTypes: ['qemu']})
  })

  test('bad values and broken lines are errors at their line; unknown options are warnings', () => {
    expect(problemsOf(() => readConfigFile(bytes('[proxmox]\napi_host pve1\n'), 'p.conf'))).toEqual(['p.conf:2: expected "key = value", "key: value" or a [section] header, got "api_host pve1"'])
    expect(problemsOf(() => readConfigFile(bytes('[proxmox]\nverify_ssl: maybe\n[balancing]\nmethod: ram\nbalanciness: 250\n'), 'p.conf'))).toEqual([
      'p.conf:2: verify_ssl: expected 1 or 0, got "maybe"',
      'p.conf:4: method: expected one of memory, cpu, disk, got "ram"',
      'p.conf:5: balanciness: expected a percentage from 0 to 100, got "250"',
    ])
    expect(problemsOf(() => readConfigFile(bytes('[proxmox]\napi_user: a@pam\napi_user: b@pam\n'), 'p.conf'))).toEqual(['p.conf:3: api_user is given twice in [proxmox] (first on line 2): keep one'])
    const config = readConfigFile(bytes('[proxmox]\napi_host: a\nfrobnicate: 1\n[storage_balancing]\nenable: 1\n[weird]\n'), 'p.conf')
    expect(config.warnings).toEqual([
      'p.conf:3: frobnicate is not a [proxmox] option proxlb knows; it is ignored',
      'p.conf:6: section [weird] is not a ProxLB section proxlb knows; it is ignored',
      'p.conf:5: [storage_balancing] is enabled, but proxlb has no storage balancing; the section is ignored',
    ])
  })
})

describe('proxlb YAML config', () => {
  test('connection settings, a policy inline and the service; paths relative to the file', () => {
    const config = readConfigFile(bytes(`apiVersion: proxlb/v1
kind: Config
connection:
  hosts: [pve1, "[fe80::1]:8006"]
  tokenId: proxlb@pve!ro
  tokenSecretFile: secrets/token
  caFile: /etc/proxlb/ca.pem
  fingerprints: AA:BB
policy:
  balance: {method: memory, threshold: 5%}
service: {daemon: true, interval: 30m}
`), '/etc/proxlb/proxlb.conf')
    expect(config.connection.settings).toEqual({hosts: ['pve1', '[fe80::1]:8006'], tokenId: 'proxlb@pve!ro', tokenSecretFile: '/etc/proxlb/secrets/token', caFile: '/etc/proxlb/ca.pem', fingerprints: ['AA:BB']})
    expect(config.connection.where.tokenSecretFile).toBe('/etc/proxlb/proxlb.conf:6:20: connection.tokenSecretFile')
    expect('inline' in config.policy! && config.policy.inline.policy.balance.threshold).toBe(5)
    expect(config.service).toEqual({daemon: true, intervalSeconds: 1800})
  })

  test('a policy path is resolved against the config file', () => {
    expect(readConfigFile(bytes('apiVersion: proxlb/v1\nkind: Config\npolicy: policies/memory.yaml\n'), '/srv/proxlb/config.yaml').policy).toEqual({path: '/srv/proxlb/policies/memory.yaml'})
  })

  test('mistakes are reported at their line and column, in the inline policy too', () => {
    expect(problemsOf(() => readConfigFile(bytes('apiVersion: proxlb/v1\nkind: Config\nconnection:\n  hostz: pve1\n  timeout: -1\npolicy:\n  balance: {method: memroy}\n'), 'c.yaml'))).toEqual([
      'c.yaml:4:10: connection.hostz: unknown field "hostz" (did you mean "hosts"?)',
      'c.yaml:5:12: connection.timeout: expected a number > 0, got -1',
    ])
    expect(problemsOf(() => readConfigFile(bytes('apiVersion: proxlb/v1\nkind: Config\npolicy:\n  balance: {method: memroy}\n'), 'c.yaml'))).toEqual([
      'c.yaml:4:21: policy.balance.method: expected one of memory, cpu, disk, weighted; got "memroy" (did you mean "memory"?)',
    ])
    expect(problemsOf(() => readConfigFile(bytes('apiVersion: proxlb/v1\nkind: Policy\n'), 'c.yaml'))).toEqual(['c.yaml:2: this is a policy, not a config: pass it with --policy, or name it in a config under "policy:"'])
    expect(problemsOf(() => readConfigFile(bytes('proxmox_api:\n  hosts: [pve1]\nbalancing:\n  balanciness: high\n'), 'c.yaml'))).toEqual([
      'c.yaml:4: balancing.balanciness: expected a percentage from 0 to 100, got "high"',
    ])
    expect(problemsOf(() => readConfigFile(bytes('# nothing\n'), 'c.yaml'))).toEqual(['c.yaml: the file is empty: a config starts with "apiVersion: proxlb/v1" and "kind: Config" (or is a ProxLB INI or YAML file)'])
  })
})

describe('precedence: flags, then environment, then config file, setting by setting', () => {
  const config: SourcedLayer = {
    source: 'proxlb.conf',
    settings: {hosts: ['from-config'], user: 'config@pam', password: 'config-secret', insecure: true, timeoutSeconds: 20},
    where: {hosts: 'proxlb.conf:2: api_host', user: 'proxlb.conf:3: api_user', password: 'proxlb.conf:4: api_pass', insecure: 'proxlb.conf:5: verify_ssl', timeoutSeconds: 'proxlb.conf:6: timeout'},
  }
  const flags = (settings: SourcedLayer['settings'], where: SourcedLayer['where'] = {}): SourcedLayer => ({source: 'flags', settings, where})

  test('each setting comes from the highest source that has it', () => {
    const env = environmentLayer({PROXLB_HOST: 'from-env:8007', PROXLB_USER: 'env@pve', PROXLB_TIMEOUT: '5'})
    const plan = resolveConnection([flags({user: 'flag@pam'}, {user: '--user'}), env, config])
    expect(plan.endpoints.map((e) => e.origin)).toEqual(['https://from-env:8007'])
    expect(plan.auth).toEqual({kind: 'password', user: 'flag@pam', password: {value: 'config-secret', where: 'proxlb.conf:4: api_pass'}})
    expect(plan.timeoutMs).toBe(5000)
    expect(plan.tls.insecure).toBe(true)
    expect(plan.warnings).toEqual(["TLS certificate verification is off (proxlb.conf:5: verify_ssl): anyone between proxlb and the cluster can read the credentials and the cluster's data; prefer --ca-file or --fingerprint"])
    expect(resolveConnection([flags({insecure: false}, {insecure: '--no-insecure'}), config]).tls.insecure).toBe(false)
  })

  test('a token from a higher source replaces a password from a lower one as a whole', () => {
    const env = environmentLayer({PROXLB_TOKEN_ID: 'proxlb@pve!ro', PROXLB_TOKEN_SECRET: ' s3cret '})
    expect(resolveConnection([flags({}), env, config]).auth).toEqual({kind: 'token', tokenId: 'proxlb@pve!ro', secret: {value: ' s3cret ', where: 'PROXLB_TOKEN_SECRET'}})
  })

  test('fingerprints are normalized and make --insecure moot', () => {
    const pin = '80d4f2df6495cd8da08282ac48bac07a1b6b878bfeb9831c954e7958779969f5'
    const plan = resolveConnection([flags({fingerprints: [pin]}, {fingerprints: '--fingerprint'}), config])
    expect(plan.tls).toEqual({insecure: false, fingerprints: [pin.toUpperCase().match(/../g)!.join(':')]})
    expect(plan.warnings[0]).toBe('proxlb.conf:5: verify_ssl is ignored: the certificate is pinned by fingerprint (--fingerprint), which is safer')
  })

  test('what is missing or wrong is named by where it was written', () => {
    expect(problemsOf(() => resolveConnection([flags({user: 'root@pam'}, {user: '--user'})]))).toEqual([
      'no Proxmox host given: pass --host (or set PROXLB_HOST, or connection.hosts in the config file)',
    ])
    // A user without a password is asked for it on a terminal; elsewhere the command says what is missing.
    expect(resolveConnection([flags({hosts: ['pve1'], user: 'root@pam'}, {hosts: '--host', user: '--user'})]).auth).toEqual({kind: 'password', user: 'root@pam', password: {prompt: true, where: '--user'}})
    expect(missingPassword('root@pam', '--user')).toBe('no password for root@pam (--user): give --user with --password-file (or PROXLB_PASSWORD), or --token-id with --token-secret-file (or PROXLB_TOKEN_SECRET)')
    expect(problemsOf(() => resolveConnection([environmentLayer({PROXLB_HOST: 'pve1:0', PROXLB_USER: 'root@pam', PROXLB_PASSWORD: 'x'})]))).toEqual(['PROXLB_HOST: host "pve1:0": port "0" is not a number from 1 to 65535'])
    expect(problemsOf(() => resolveConnection([environmentLayer({PROXLB_HOST: 'pve1', PROXLB_USER: 'root', PROXLB_PASSWORD: 'x'})]))).toEqual(['PROXLB_USER: user "root" has no realm: write it as name@realm, e.g. root@pam or root@pve'])
    expect(problemsOf(() => environmentLayer({PROXLB_INSECURE: 'sure'}))).toEqual(['PROXLB_INSECURE: expected 1 or 0 (true or false), got "sure"'])
    expect(problemsOf(() => resolveConnection([flags({hosts: ['a'], password: 'x', tokenId: 'a@pam!t'}, {password: '--password', tokenId: '--token-id'})]))).toEqual([
      '--password and --token-id: a password and an API token are both given; keep one',
    ])
  })
})
