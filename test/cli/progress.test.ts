/**
 * Progress is shown on a terminal, rewritten in place and erased at the end; where no one
 * watches (not a terminal, or CI) nothing is printed at all.
 */
import {describe, expect, test} from 'vitest'
import {spawn, spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {type ProgressClock, progressLine, SILENCE_MS} from '../../src/cli/progress.js'
import {connect, emulatorPerTest, tempDir, TOKEN} from '../apply/helpers.js'
import {ROOT} from '../helpers/cli.js'

/** A clock the test moves by hand, with the ticker's callbacks it fires. */
function manualClock() {
  let now = 1_000_000
  const ticks = new Set<() => void>()
  const clock: ProgressClock = {
    now: () => now,
    every(_ms, tick) {
      ticks.add(tick)
      return () => ticks.delete(tick)
    },
  }
  return {clock, ticks, advance(ms: number) {
    now += ms
    for (const tick of ticks) tick()
  }}
}

function stream(isTTY: boolean) {
  const written: string[] = []
  return {written, stream: {isTTY, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream}
}

describe('progress of a long read', () => {
  test('on a terminal: one line rewritten in place, erased when done', () => {
    const {written, stream: s} = stream(true)
    const line = progressLine(s, {})
    line.update({phase: 'guest configs and volumes', done: 1, total: 3})
    line.update({phase: 'guest configs and volumes', done: 2, total: 3})
    line.update({phase: 'guest configs and volumes', done: 3, total: 3})
    line.done()
    // The 2/3 update comes within 100 ms of the first and is skipped (unless the machine stalls).
    expect(written[0]).toBe('\r\x1b[2Kreading guest configs and volumes 1/3 …')
    expect(written.slice(-2)).toEqual(['\r\x1b[2Kreading guest configs and volumes 3/3 …', '\r\x1b[2K'])
    expect(written.length).toBeLessThanOrEqual(4)
  })

  test.each([
    ['not a terminal', false, {}],
    ['in CI', true, {CI: 'true'}],
  ])('%s: nothing at all', (_, isTTY, env) => {
    const {written, stream: s} = stream(isTTY as boolean)
    const line = progressLine(s, env as NodeJS.ProcessEnv)
    line.update({phase: 'cluster', done: 0, total: 1})
    line.done()
    expect(written).toEqual([])
  })

  test('a host that keeps the read waiting is named, with the seconds of silence and the retries', () => {
    const {written, stream: s} = stream(true)
    const {clock, ticks, advance} = manualClock()
    const line = progressLine(s, {}, clock)
    line.asking('https://pve1:8006')
    line.update({phase: 'cluster', done: 0, total: 1})
    advance(SILENCE_MS - 1000)
    expect(written.at(-1)).toBe('\r\x1b[2Kreading cluster …')
    advance(6000)
    expect(written.at(-1)).toBe('\r\x1b[2Kreading cluster …, no answer from pve1:8006 for 10 s')
    line.clientEvent({type: 'retry', method: 'GET', path: '/cluster/status', attempt: 2, retries: 5, delayMs: 500, reason: 'no answer within 10 s'}, 'https://pve1:8006')
    expect(written.at(-1)).toBe('\r\x1b[2Kreading cluster … retrying (2/5): no answer within 10 s, no answer from pve1:8006 for 10 s')
    line.clientEvent({type: 'response', method: 'GET', path: '/cluster/status', status: 200, endpoint: 'https://pve2:8006', ms: 3}, 'https://pve2:8006')
    expect(written.at(-1)).toBe('\r\x1b[2Kreading cluster …')
    line.done()
    expect(ticks.size).toBe(0)
    expect(written.at(-1)).toBe('\r\x1b[2K')
  })
})

// The CLI under a pseudo-terminal (util-linux `script`), so that it sees a terminal on stderr.
const script = spawnSync('sh', ['-c', 'command -v script']).status === 0

describe.skipIf(!script)('progress of a live snapshot, on a terminal', () => {
  const emulator = emulatorPerTest()

  test("the client's retries show on the line while the cluster answers 503", async () => {
    const emu = await emulator()
    emu.faults.burst(2, 503)
    const command = ['node', join(ROOT, 'bin', 'run.js'), 'plan', ...connect(emu)].map((a) => `'${a}'`).join(' ')
    const env: NodeJS.ProcessEnv = {...process.env, PROXLB_TOKEN_SECRET: TOKEN.secret, PROXLB_STATE_DIR: join(tempDir(), 'state')}
    delete env.CI
    const run = await new Promise<{status: number | null; output: string}>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {env})
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.on('close', (status) => resolve({status, output}))
    })
    expect(run.status, run.output).toBe(0)
    expect(run.output).toMatch(/reading cluster … retrying \(1\/3\): 503/)
    expect(run.output).toContain('proxlb plan for cluster lab')
  })
})
