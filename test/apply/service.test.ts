/**
 * The service files the repository ships: the sample config loads as the balance service
 * needs it, and the systemd unit starts proxlb balance with flags it has, reloads with
 * SIGHUP and stops with SIGTERM, giving migrations under way time to finish.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {readConfigFile} from '../../src/config/config-file.js'
import {ROOT} from '../helpers/cli.js'

describe('service files', () => {
  test('contrib/proxlb.yaml is a valid config: connection by token, an inline policy, a daemon every 12 h', () => {
    const file = join(ROOT, 'contrib', 'proxlb.yaml')
    const config = readConfigFile(readFileSync(file), file)
    expect(config.warnings).toEqual([])
    expect(config.connection.settings).toMatchObject({hosts: ['pve1.example.com', 'pve2.example.com', 'pve3.example.com'], tokenId: 'proxlb@pve!balancer', tokenSecretFile: '/etc/proxlb/token'})
    expect(config.policy && 'inline' in config.policy && config.policy.inline.policy.limits).toMatchObject({parallel: 2, perNode: 1, maxMoves: 20})
    expect(config.service).toEqual({enabled: true, daemon: true, intervalSeconds: 12 * 3600})
  })

  test('contrib/systemd/proxlb.service runs proxlb balance with flags it knows', () => {
    const unit = readFileSync(join(ROOT, 'contrib', 'systemd', 'proxlb.service'), 'utf8')
    const setting = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1]
    const [binary, command, ...args] = setting('ExecStart')!.split(/\s+/)
    expect(binary).toBe('/usr/bin/proxlb')
    expect(command).toBe('balance')
    const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8'))
    const flags = Object.keys(manifest.commands.balance.flags)
    for (const arg of args.filter((a) => a.startsWith('--'))) expect(flags).toContain(arg.slice(2))
    expect(setting('ExecReload')).toBe('/bin/kill -HUP $MAINPID')
    expect(setting('KillSignal')).toBe('SIGTERM')
    expect(setting('Environment')).toBe('PROXLB_STATE_DIR=/var/lib/proxlb')
    expect(setting('StateDirectory')).toBe('proxlb')
    // Not root; the secret as a systemd credential, which proxlb reads from $CREDENTIALS_DIRECTORY.
    expect(setting('User')).toBe('proxlb')
    expect(setting('LoadCredential')).toBe('token-secret:/etc/proxlb/token')
    expect(setting('ProtectSystem')).toBe('strict')
  })

  test('packaging/proxlb.conf, the config the packages install, is valid and names no cluster: proxlb plans its demo until it is edited', () => {
    const file = join(ROOT, 'packaging', 'proxlb.conf')
    const config = readConfigFile(readFileSync(file), file)
    expect(config).toMatchObject({warnings: [], connection: {settings: {}}, service: {}})
    expect(config.policy).toBeUndefined()
  })
})
