/**
 * The balance service's memory against the emulator: the guests it migrated cool down in
 * the state folder (calm-CLUSTER.json), across runs and restarts, and balancing leaves
 * them be; cycles run only inside the policy's balance.during windows.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {acceptedMigrations, cli, emulatorPerTest, tempDir} from './helpers.js'

const emulator = emulatorPerTest()

function policyFile(dir: string, extra = ''): string {
  const file = join(dir, 'policy.yaml')
  writeFileSync(file, `apiVersion: proxlb/v1\nbalance: {threshold: 15${extra}}\nmigration: {withLocalDisks: true}\nlimits: {parallel: 4, perNode: 2}\n`)
  return file
}

const memoryOf = (dir: string, cluster: string) => JSON.parse(readFileSync(join(dir, 'state', `calm-${cluster}.json`), 'utf8'))

describe('the balance service remembers', () => {
  test('cooling guests stay where they are; the guests a run migrated are written down', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const policy = policyFile(dir)
    const dryPlan = async () => {
      const r = await cli(emu, dir, ['balance', '-p', policy, '--dry-run', '--json'])
      expect(r.status).toBe(0)
      return JSON.parse(r.stdout.split('\n')[0]).plan as {moves: {vmid: number; reason: string}[]}
    }
    const wanted = (await dryPlan()).moves.filter((m) => m.reason === 'balance').map((m) => m.vmid)
    expect(wanted.length).toBeGreaterThan(0)
    // As after a restart: these guests were migrated a minute ago.
    mkdirSync(join(dir, 'state'), {recursive: true})
    const at = new Date(Date.now() - 60_000).toISOString()
    writeFileSync(join(dir, 'state', 'calm-lab.json'), JSON.stringify({v: 1, cluster: 'lab', imbalancedCycles: 0, migrated: wanted.map((vmid) => ({vmid, from: 'elsewhere', to: 'here', at}))}))
    const cooled = (await dryPlan()).moves.filter((m) => m.reason === 'balance').map((m) => m.vmid)
    expect(cooled.filter((v) => wanted.includes(v))).toEqual([])

    rmSync(join(dir, 'state', 'calm-lab.json'))
    const run = await cli(emu, dir, ['balance', '-p', policy])
    expect(run.status).toBe(0)
    const moved = [...acceptedMigrations(emu).keys()].sort((a, b) => a - b)
    expect(moved.length).toBeGreaterThan(0)
    const memory = memoryOf(dir, 'lab')
    expect(memory).toMatchObject({v: 1, cluster: 'lab', imbalancedCycles: 1})
    expect(memory.migrated.map((m: {vmid: number}) => m.vmid).sort((a: number, b: number) => a - b)).toEqual(moved)
  })

  test('an unreadable memory is said in one line and the run goes on', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const policy = policyFile(dir)
    await cli(emu, dir, ['balance', '-p', policy, '--dry-run'])
    expect(existsSync(join(dir, 'state', 'calm-lab.json'))).toBe(false)
    const state = join(dir, 'state')
    mkdirSync(state, {recursive: true})
    writeFileSync(join(state, 'calm-lab.json'), '{"v": 7}')
    const r = await cli(emu, dir, ['balance', '-p', policy])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/warning .*calm-lab\.json cannot be read \(not a proxlb calm memory of version 1\): starting without cooldowns/)
    expect(memoryOf(dir, 'lab').v).toBe(1)
  })
})

describe('balance.window', () => {
  test('plans from RRD averages: one history read per running guest and per node', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const r = await cli(emu, dir, ['balance', '-p', policyFile(dir, ', window: hour'), '--dry-run'])
    expect(r.status).toBe(0)
    const reads = emu.calls().filter((c) => c.path.endsWith('/rrddata'))
    expect(reads.length).toBeGreaterThan(0)
    expect(reads.every((c) => c.status === 200)).toBe(true)
  })
})

describe('balance.during', () => {
  test('outside every window, a run moves nothing and says when the next window opens', async () => {
    const emu = await emulator()
    const dir = tempDir()
    const now = new Date()
    // A window one hour from now, for a minute.
    const later = new Date(now.getTime() + 3600_000)
    const policy = policyFile(dir, `, during: ["${later.getUTCMinutes()} ${later.getUTCHours()} * * *"]`)
    const r = await cli(emu, dir, ['balance', '-p', policy])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/outside the policy's balance\.during \(\d+ \d+ \* \* \*\): no cycle now; the next window opens \d{4}-/)
    expect(acceptedMigrations(emu).size).toBe(0)
  })
})
