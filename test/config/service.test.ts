/**
 * How the packaged service gets its settings, against the emulator: the API token's secret
 * from systemd's credentials ($CREDENTIALS_DIRECTORY/token-secret, the other credential a
 * blank line as the unit's fallback gives it), and ProxLB's YAML config read by balance -c
 * as it is.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {proxlbAsync} from '../helpers/cli.js'
import {acceptedMigrations, emulatorPerTest, tempDir, TOKEN} from '../apply/helpers.js'

const emulator = emulatorPerTest()
const env = (dir: string, extra: NodeJS.ProcessEnv = {}) => ({PROXLB_STATE_DIR: join(dir, 'state'), CI: '1', ...extra})

describe('the service settings', () => {
  test('the token secret comes from $CREDENTIALS_DIRECTORY/token-secret; a blank password credential is no password', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const credentials = join(dir, 'credentials')
    mkdirSync(credentials)
    writeFileSync(join(credentials, 'token-secret'), TOKEN.secret + '\n', {mode: 0o400})
    writeFileSync(join(credentials, 'password'), '\n', {mode: 0o400})
    const config = join(dir, 'proxlb.conf')
    writeFileSync(config, `apiVersion: proxlb/v1\nkind: Config\nconnection:\n  hosts: [${emu.url}]\n  tokenId: ${TOKEN.tokenid}\n  fingerprints: ["${emu.fingerprint}"]\n`, {mode: 0o640})
    const r = await proxlbAsync(['plan', '-c', config, '--json'], {env: env(dir, {CREDENTIALS_DIRECTORY: credentials})})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).snapshot.cluster).toBe('lab')

    const without = await proxlbAsync(['plan', '-c', config], {env: env(dir, {CREDENTIALS_DIRECTORY: join(dir, 'none')})})
    expect(without).toMatchObject({status: 1, stderr: `error: no secret for API token ${TOKEN.tokenid} (${config}:5:12: connection.tokenId): pass --token-secret-file FILE (or set PROXLB_TOKEN_SECRET)\n`})
  })

  test("balance -c reads ProxLB's YAML config: its connection, balancing and service settings", async () => {
    const emu = await emulator()
    const dir = tempDir()
    const file = join(dir, 'proxlb.yaml')
    const [user, token] = TOKEN.tokenid.split('!')
    writeFileSync(file, [
      'proxmox_api:',
      `  hosts: ['${new URL(emu.url).host}']`,
      `  user: ${user}`,
      `  token_id: ${token}`,
      `  token_secret: ${TOKEN.secret}`,
      'balancing:',
      '  enable: True',
      '  parallel: True',
      '  parallel_jobs: 4',
      '  balanciness: 15',
      '  balance_types: [vm, ct]',
      'service:',
      '  daemon: False',
      '',
    ].join('\n'), {mode: 0o600})
    const r = await proxlbAsync(['balance', '-c', file, '--fingerprint', emu.fingerprint!], {env: env(dir)})
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/cycle 1: cluster lab: \d+ migrations in \d+ waves, .* within the threshold of 15\.\n/)
    expect(acceptedMigrations(emu).size).toBeGreaterThan(5)
  })
})
