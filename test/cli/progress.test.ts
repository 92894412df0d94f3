/**
 * Progress is shown on a terminal, rewritten in place and erased at the end; where no one
 * watches (not a terminal, or CI) nothing is printed at all.
 */
import {describe, expect, test} from 'vitest'
import {progressLine} from '../../src/cli/progress.js'

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
})
