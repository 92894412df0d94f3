/**
 * Journals read back exactly: every whole record of a file cut anywhere by a crash, a
 * clear refusal for anything else (a damaged line in the middle, a gap in the sequence,
 * another plan's records, another format version), and the standing of each move as
 * the records leave it.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fc, test as prop} from '@fast-check/vitest'
import {describe, expect, test} from 'vitest'
import {JournalFile, readJournalFile} from '../../src/apply/journal-file.js'
import {checkJournalPlan, journalLine, type JournalRecord, moveStandings, readJournal} from '../../src/apply/journal.js'
import {InvalidInputError} from '../../src/model/problems.js'
import type {Move} from '../../src/model/plan.js'

const PLAN = {hash: 'sha256:' + 'a'.repeat(64), snapshot: 'sha256:' + 'b'.repeat(64), policy: 'sha256:' + 'c'.repeat(64)}
const MOVES: Move[] = [101, 102, 103].map((vmid, i) => ({
  vmid, name: `vm-${vmid}`, type: 'qemu', from: 'pve1', to: `pve${i + 2}`, reason: 'balance', detail: '', wave: 1, method: 'online', withLocalDisks: false, memory: 1, bytes: 1,
  precondition: {node: 'pve1', status: 'running'},
}))
const ref = (i: number) => ({index: i, vmid: MOVES[i].vmid, name: MOVES[i].name, type: 'qemu' as const, from: MOVES[i].from, to: MOVES[i].to})

/** A realistic journal: a run that starts three moves, finishes two, one of them failed, and is cut. */
function records(): JournalRecord[] {
  const entries: Partial<JournalRecord>[] = [
    {event: 'run-started', options: {command: 'apply', moves: 3, parallel: 2, perNode: 1, onFailure: 'continue', migrationTimeoutSeconds: 3600, resume: false}},
    {event: 'move-started', move: ref(0), request: {method: 'POST', path: '/nodes/pve1/qemu/101/migrate', params: {target: 'pve2', online: true}}},
    {event: 'move-accepted', move: ref(0), upid: 'UPID:pve1:00001000:00C0FFEE:6B000000:qmigrate:101:root@pam:'},
    {event: 'move-started', move: ref(1), request: {method: 'POST', path: '/nodes/pve1/qemu/102/migrate', params: {target: 'pve3', online: true}}},
    {event: 'move-finished', move: ref(0), outcome: 'ok', durationMs: 1200},
    {event: 'move-verified', move: ref(0), node: 'pve2'},
    {event: 'move-accepted', move: ref(1), upid: 'UPID:pve1:00001007:00C10052:6B000001:qmigrate:102:root@pam:'},
    {event: 'move-finished', move: ref(1), outcome: 'failed', reason: 'migration aborted: no route to host', durationMs: 300},
    {event: 'move-started', move: ref(2), request: {method: 'POST', path: '/nodes/pve1/qemu/103/migrate', params: {target: 'pve4', online: true}}},
  ]
  return entries.map((e, i) => ({format: 'proxlb.journal/v1', seq: i + 1, at: `2026-11-21T10:00:${String(i).padStart(2, '0')}.000Z`, run: 'r1', plan: PLAN, ...e}) as JournalRecord)
}

const text = () => records().map(journalLine).join('')

function problems(input: string): string[] {
  try {
    readJournal(input, 'j.jsonl')
  } catch (error) {
    if (error instanceof InvalidInputError) return error.lines()
    throw error
  }
  return []
}

describe('reading a journal', () => {
  test('folds the records into where each move stands', () => {
    const {records: read, warnings} = readJournal(text(), 'j.jsonl')
    expect(warnings).toEqual([])
    expect(moveStandings(read, 3)).toEqual([
      {phase: 'verified', at: '2026-11-21T10:00:05.000Z', node: 'pve2', durationMs: 1200},
      {phase: 'failed', at: '2026-11-21T10:00:07.000Z', reason: 'migration aborted: no route to host', upid: 'UPID:pve1:00001007:00C10052:6B000001:qmigrate:102:root@pam:', durationMs: 300},
      {phase: 'started', at: '2026-11-21T10:00:08.000Z'},
    ])
  })

  prop.prop([fc.nat()])('a file cut anywhere by a crash reads back every whole record, and a writer continues it cleanly', (cutAt) => {
    const full = text()
    const cut = full.slice(0, cutAt % (full.length + 1))
    const whole = cut.split('\n').length - 1
    const read = readJournal(cut, 'j.jsonl')
    const cutMidLine = !cut.endsWith('\n') && cut !== ''
    // A last line that lost only its newline is whole; any shorter piece is ignored with a warning.
    expect(read.records.length === whole || (read.records.length === whole + 1 && read.unterminated)).toBe(true)
    expect(read.records).toEqual(records().slice(0, read.records.length))
    expect(read.warnings.length).toBe(cutMidLine && !read.unterminated ? 1 : 0)
  })

  test('a cut last line is dropped before the next run appends, and the sequence goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxlb-journal-'))
    const file = join(dir, 'j.jsonl')
    const full = text()
    writeFileSync(file, full.slice(0, full.length - 20))
    const existing = readJournalFile(file)!
    expect(existing.warnings).toEqual([`${file}:9: the last line was cut off while it was written (a crash); it is ignored`])
    const journal = new JournalFile(file, PLAN, 'r2', existing, () => new Date('2026-11-21T11:00:00Z'))
    journal.write({event: 'move-skipped', move: ref(2), reason: 'test'})
    journal.close()
    const again = readJournal(readFileSync(file, 'utf8'), file)
    expect(again.records.map((r) => [r.seq, r.run, r.event])).toEqual([...records().slice(0, 8).map((r) => [r.seq, r.run, r.event]), [9, 'r2', 'move-skipped']])
  })

  test('a new journal is never written over an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxlb-journal-'))
    const file = join(dir, 'j.jsonl')
    writeFileSync(file, text())
    expect(() => new JournalFile(file, PLAN, 'r2', undefined)).toThrow(/the file exists already \(an earlier run of this plan\?\): continue that run with --resume/)
  })

  test.each([
    ['a damaged line in the middle', (lines: string[]) => ((lines[3] = lines[3].slice(0, 30)), lines), /^j\.jsonl:4:\d+: .*: the line is not a JSON record$/],
    ['a missing record', (lines: string[]) => (lines.splice(4, 1), lines), /^j\.jsonl:5:\/seq: sequence number 6 where 5 was expected: records are missing, repeated or out of order$/],
    ['records of another plan', (lines: string[]) => ((lines[2] = lines[2].replace('a'.repeat(64), 'd'.repeat(64))), lines), /^j\.jsonl:3:\/plan\/hash: this record belongs to another plan \(dddddddddddd\) than line 1 \(aaaaaaaaaaaa\)/],
    ['another format version', (lines: string[]) => ((lines[0] = lines[0].replace('"format":"proxlb.journal/v1"', '"format":"proxlb.journal/v2"')), lines), /^j\.jsonl:1:\/format: journal format "proxlb.journal\/v2" is not supported: this build of proxlb reads proxlb.journal\/v1 only/],
    ['a move record without its move', (lines: string[]) => ((lines[1] = lines[1].replace(/"move":\{[^}]*\},/, '')), lines), /^j\.jsonl:2:\/move: a move-started record names the move it concerns: "move" is missing$/],
    ['a field of the wrong type', (lines: string[]) => ((lines[4] = lines[4].replace('"durationMs":1200', '"durationMs":"slow"')), lines), /^j\.jsonl:5:\/durationMs: /],
    ['an empty line', (lines: string[]) => (lines.splice(2, 0, ''), lines), /^j\.jsonl:3: empty line: a journal has one JSON record on every line$/],
  ])('refuses %s, with the line and what is wrong', (_, damage, expected) => {
    const lines = text().split('\n').slice(0, -1)
    const found = problems(damage(lines).join('\n') + '\n')
    expect(found.length).toBeGreaterThan(0)
    expect(found[0]).toMatch(expected)
  })

  test('a journal of another plan, or with moves the plan does not have, is refused for this plan', () => {
    const read = readJournal(text(), 'j.jsonl').records
    expect(() => checkJournalPlan(read, {...PLAN, hash: 'sha256:' + 'e'.repeat(64)}, MOVES, 'j.jsonl', 'plan.json')).toThrow(
      /^j\.jsonl:1:\/plan\/hash: this journal belongs to another plan \(aaaaaaaaaaaa, made from the same snapshot, but the plan differs\), not to plan\.json \(eeeeeeeeeeee\)/,
    )
    const other = MOVES.map((m, i) => (i === 1 ? {...m, to: 'pve9'} : m))
    expect(() => checkJournalPlan(read, PLAN, other, 'j.jsonl', 'plan.json')).toThrow(/j\.jsonl:4:\/move: move 1 is guest 102 pve1 → pve3 here, but 102 pve1 → pve9 in plan\.json/)
    expect(() => checkJournalPlan(read, PLAN, MOVES, 'j.jsonl', 'plan.json')).not.toThrow()
  })

  test('a guest found anywhere but on its target counts as failed, whatever its task said', () => {
    const read = [...readJournal(text(), 'j.jsonl').records]
    read.push({...read[5], seq: 10, move: ref(2), node: 'pve1', reason: 'its task ended without error, but guest 103 is still on pve1'})
    expect(moveStandings(read, 3)[2]).toEqual({phase: 'failed', at: read[5].at, reason: 'its task ended without error, but guest 103 is still on pve1'})
  })
})
