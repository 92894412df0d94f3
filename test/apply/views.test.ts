/**
 * One event stream, three views: on a terminal a live block (running migrations, counts,
 * bytes, elapsed, time left) with finished moves printed above it for good and the block
 * erased at the end; in CI or a pipe one plain line per event; with --json one JSON object
 * per line. The view is chosen once, from --json, the terminal and CI.
 */
import {describe, expect, test} from 'vitest'
import {runView, viewMode} from '../../src/cli/apply-view.js'
import type {ApplyEvent, EventMove} from '../../src/apply/events.js'
import {liveBlock} from '../../src/render/apply-events.js'

const GiB = 2 ** 30
const move = (index: number, name: string, bytes: number): EventMove => ({index, vmid: 100 + index, name, type: 'qemu', from: 'pve1', to: 'pve2', bytes})
const at = '2026-11-21T10:00:00.000Z'
const EVENTS: ApplyEvent[] = [
  {type: 'run-started', at, moves: 2, bytes: 6 * GiB, parallel: 2, perNode: 2, resumed: false, settled: 0, alreadyThere: 0},
  {type: 'move-started', at, move: move(0, 'web-01', 2 * GiB)},
  {type: 'move-started', at, move: move(1, 'db-01', 4 * GiB)},
  {type: 'move-accepted', at, move: move(0, 'web-01', 2 * GiB), upid: 'UPID:pve1:00001000:00C0FFEE:6B000000:qmigrate:100:root@pam:'},
  {type: 'move-done', at, move: move(0, 'web-01', 2 * GiB), durationMs: 1000, recovered: false},
  {type: 'move-failed', at, move: move(1, 'db-01', 4 * GiB), reason: 'migration aborted: no route to host', durationMs: 1500},
  {type: 'run-ended', at, status: 'completed', done: 1, failed: 1, skipped: 0, pending: 0, bytesMoved: 2 * GiB, durationMs: 1600},
]

function terminal(isTTY: boolean) {
  const written: string[] = []
  return {written, stream: {isTTY, columns: 100, write: (text: string) => written.push(text)} as unknown as NodeJS.WriteStream}
}

describe('views of an apply run', () => {
  test.each([
    ['--json', true, true, {}, 'json'],
    ['a terminal', false, true, {}, 'live'],
    ['a terminal in CI', false, true, {CI: 'true'}, 'plain'],
    ['a pipe', false, false, {}, 'plain'],
  ])('%s gives the %s view', (_, json, isTTY, env, mode) => {
    expect(viewMode(json as boolean, terminal(isTTY as boolean).stream, env as NodeJS.ProcessEnv)).toBe(mode)
  })

  test('plain: one line per event', () => {
    const lines: string[] = []
    const view = runView('plain', 'plan.json', 2, {out: (l) => lines.push(l), err: terminal(false).stream})
    EVENTS.forEach((e) => view.emit(e))
    view.close()
    expect(lines).toEqual([
      'applying 2 migrations (6 GiB in the plan), at most 2 at once, 2 per node',
      '[1/2] start   web-01 (100) pve1 → pve2, 2 GiB',
      '[2/2] start   db-01 (101) pve1 → pve2, 4 GiB',
      '[1/2] task    web-01 (100) UPID:pve1:00001000:00C0FFEE:6B000000:qmigrate:100:root@pam:',
      '[1/2] done    web-01 (100) pve1 → pve2 in 1.0 s',
      '[2/2] FAILED  db-01 (101) pve1 → pve2: migration aborted: no route to host',
      'Finished: 1 done, 1 failed; 2 GiB moved in 1.6 s.',
    ])
  })

  test('json: one versioned object per line, the event as it is', () => {
    const lines: string[] = []
    const view = runView('json', 'plan.json', 2, {out: (l) => lines.push(l), err: terminal(false).stream})
    EVENTS.forEach((e) => view.emit(e))
    expect(lines.map((l) => JSON.parse(l))).toEqual(EVENTS.map((e) => ({format: 'proxlb.event/v1', ...e})))
  })

  test('live: the block shows what runs, the outcome lines stay above it, and it is erased at the end', () => {
    const {written, stream} = terminal(true)
    const out: string[] = []
    const view = runView('live', 'plan.json', 2, {out: (l) => out.push(l), err: stream})
    EVENTS.slice(0, 3).forEach((e) => view.emit(e))
    const block = written.join('')
    expect(block).toContain('plan.json: 0/2 done · 0 B of 6 GiB moved · ')
    expect(block).toMatch(/ {2}⇢ {2}web-01 \(100\) {2}pve1 → pve2 {2}2 GiB {2}\d+ ms\n/)
    expect(block).toMatch(/ {2}⇢ {2}db-01 \(101\) {3}pve1 → pve2 {2}4 GiB {2}\d+ ms\n/)
    EVENTS.slice(3).forEach((e) => view.emit(e))
    view.close()
    const all = written.join('')
    expect(all).toContain('[1/2] done    web-01 (100) pve1 → pve2 in 1.0 s\n')
    // After the first migration: 2 GiB in 1 s; db-01 (4 GiB) failed and leaves the total.
    expect(all).toContain('plan.json: 1/2 done, 1 failed · 2 GiB of 2 GiB moved')
    expect(written.at(-1)).toMatch(/^\x1b\[\d+F\x1b\[0J$/)
    expect(out).toEqual([])
  })

  test('live: a running migration shows what its task log says it has copied', () => {
    const running = [{move: move(1, 'db-01', 4 * GiB), elapsedMs: 3000, progress: {transferred: GiB, total: 4 * GiB, what: 'VM-state'}}, {move: move(0, 'web-01', 2 * GiB), elapsedMs: 1000}]
    const lines = liveBlock({label: 'plan.json', total: 2, done: 0, failed: 0, bytesTotal: 6 * GiB, bytesDone: 0, elapsedMs: 3000, running}, 120)
    expect(lines[1]).toMatch(/db-01 \(101\) +pve1 → pve2 +1 GiB of 4 GiB VM-state \(25%\) +3.0 s/)
    expect(lines[2]).toMatch(/web-01 \(100\) +pve1 → pve2 +2 GiB +1.0 s/)
  })
})

