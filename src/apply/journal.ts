/**
 * Apply journals: the JSONL record of every state change of a run (schemas/journal.v1.json),
 * read back with precise errors and folded into where each move of the plan stands.
 *
 * A journal belongs to one plan (its hash is on every line) and may hold several runs of
 * it (a run, then `--resume`s). Reading tolerates exactly one kind of damage: a last line
 * cut off by a crash while it was written. Anything else (a bad line in the middle, a gap
 * in the sequence, records of another plan, a move that does not match the plan) is
 * refused with the line and what is wrong, because resuming from a journal that cannot
 * be trusted could issue a migration twice. Pure: text in, records and ledger out.
 */
import {sha256Of} from '../model/canonical.js'
import {withFormatKey} from '../model/document.js'
import {FORMATS, wrongKindSentence} from '../model/formats.js'
import type {JournalRecord, MoveRef, PlanIdentity} from '../model/generated/journal.v1.js'
import type {Move, Plan} from '../model/plan.js'
import {InvalidInputError, type Problem, preview, toPointer} from '../model/problems.js'
import {validateAgainst} from '../model/schemas.js'
import {parseJson} from '../model/text.js'

export type {JournalRecord, MoveRef, PlanIdentity, RunOptions, RunSummary} from '../model/generated/journal.v1.js'


/** What names a plan in a journal: the hash of the whole document, and what it was made from. */
/**
 * The identity a journal records its plan by. The hash is over the plan with its version
 * written `"schemaVersion": 1`, as plans carried it before the format key: a plan of an
 * earlier build and its journal keep the identity they were written with.
 */
export function planIdentity(plan: Plan): PlanIdentity {
  const {format: _format, ...rest} = plan
  return {hash: sha256Of({schemaVersion: 1, ...rest}), snapshot: plan.snapshot.fingerprint, policy: plan.policy.hash}
}

export function moveRef(move: Move, index: number): MoveRef {
  return {index, vmid: move.vmid, name: move.name, type: move.type, from: move.from, to: move.to}
}

/** One record as the line written to the file (with its newline). */
export function journalLine(record: JournalRecord): string {
  return JSON.stringify(record) + '\n'
}

export interface ReadJournal {
  records: JournalRecord[]
  /** Bytes of the file that hold whole lines: a writer appending to it first cuts the file here. */
  validBytes: number
  /** The last whole record lacks its newline (the crash came between the two). */
  unterminated: boolean
  /** Things worth saying that do not stop a resume (a cut-off last line). */
  warnings: string[]
}

const MOVE_EVENTS = new Set<JournalRecord['event']>(['move-started', 'move-accepted', 'move-finished', 'move-verified', 'move-skipped'])

/** Parses and checks a journal; throws InvalidInputError listing every problem. */
export function readJournal(text: string, file: string): ReadJournal {
  const problems: Problem[] = []
  const records: JournalRecord[] = []
  const warnings: string[] = []
  const lines = text.split('\n')
  // Every line but the last ended with a newline; the last is empty unless the file was cut.
  const complete = lines.slice(0, -1)
  const tail = lines.at(-1) === '' ? undefined : lines.at(-1)
  let validBytes = 0
  let unterminated = false
  const add = (line: string, number: number, lastAndCut: boolean): boolean => {
    const at = (pointer: string) => (pointer ? `${number}:${pointer}` : `${number}`)
    if (line.trim() === '') {
      if (!lastAndCut) problems.push({file, location: at(''), message: 'empty line: a journal has one JSON record on every line'})
      return !lastAndCut
    }
    const parsed = parseJson(line, file)
    if (!parsed.ok) {
      if (lastAndCut) return false
      problems.push(...parsed.problems.map((p) => ({file, location: `${number}:${p.location.replace(/^1:/, '')}`, message: `${p.message}: the line is not a JSON record`})))
      return true
    }
    const value = parsed.value as Record<string, unknown>
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({file, location: at(''), message: `expected a journal record (a JSON object), got ${preview(value)}`})
      return true
    }
    // Lines of earlier builds carry "schemaVersion": 1; a journal may hold both.
    const current = withFormatKey(value, 'journal')
    if (current.format !== FORMATS.journal) {
      const wrong = wrongKindSentence(current, 'journal', 'give the journal of an apply run (plan.journal.jsonl)')
      const message = wrong
        ? wrong
        : current.format === undefined
          ? `missing field "format": this does not look like a proxlb journal (expected "format": "${FORMATS.journal}")`
          : `journal format ${preview(current.format)} is not supported: this build of proxlb reads ${FORMATS.journal} only; resume with the proxlb that wrote it`
      problems.push({file, location: at(wrong ? '' : '/format'), message})
      return true
    }
    const invalid = validateAgainst('journal', current, file, (path) => at(toPointer(path)))
    if (invalid.length > 0) {
      problems.push(...invalid)
      return true
    }
    const record = current as unknown as JournalRecord
    if (MOVE_EVENTS.has(record.event) && !record.move) problems.push({file, location: at('/move'), message: `a ${record.event} record names the move it concerns: "move" is missing`})
    // Each line is one record: a line refused above does not shift what the next must say.
    const expected = number
    if (record.seq !== expected) {
      problems.push({file, location: at('/seq'), message: `sequence number ${record.seq} where ${expected} was expected: records are missing, repeated or out of order`})
    }
    const first = records[0]
    if (first && record.plan.hash !== first.plan.hash) {
      problems.push({file, location: at('/plan/hash'), message: `this record belongs to another plan (${short(record.plan.hash)}) than line 1 (${short(first.plan.hash)}): a journal holds the runs of one plan only`})
    }
    records.push(record)
    return true
  }
  complete.forEach((line, i) => {
    add(line, i + 1, false)
    validBytes += Buffer.byteLength(line) + 1
  })
  if (tail !== undefined) {
    const kept = add(tail, complete.length + 1, true)
    // A whole record that only lost its newline is kept; the writer adds the newline.
    if (kept) {
      validBytes += Buffer.byteLength(tail)
      unterminated = true
    } else warnings.push(`${file}:${complete.length + 1}: the last line was cut off while it was written (a crash); it is ignored`)
  }
  if (problems.length > 0) throw new InvalidInputError(problems)
  return {records, validBytes, unterminated, warnings}
}

/** The journal belongs to this plan and its moves are this plan's moves; throws InvalidInputError if not. */
export function checkJournalPlan(records: readonly JournalRecord[], identity: PlanIdentity, moves: readonly Move[], file: string, planFile: string): void {
  if (records.length === 0) return
  const first = records[0]
  if (first.plan.hash !== identity.hash) {
    const same = first.plan.snapshot === identity.snapshot ? 'the same snapshot, but the plan differs' : `snapshot ${short(first.plan.snapshot)}`
    throw new InvalidInputError([{
      file,
      location: '1:/plan/hash',
      message: `this journal belongs to another plan (${short(first.plan.hash)}, made from ${same}), not to ${planFile} (${short(identity.hash)}): give the journal of this plan with --journal, or the plan this journal was written for`,
    }])
  }
  const problems: Problem[] = []
  records.forEach((record, i) => {
    const ref = record.move
    if (!ref) return
    const move = moves[ref.index]
    if (!move || move.vmid !== ref.vmid || move.from !== ref.from || move.to !== ref.to) {
      const planned = move ? `${move.vmid} ${move.from} → ${move.to}` : 'nothing'
      problems.push({file, location: `${i + 1}:/move`, message: `move ${ref.index} is guest ${ref.vmid} ${ref.from} → ${ref.to} here, but ${planned} in ${planFile}`})
    }
  })
  if (problems.length > 0) throw new InvalidInputError(problems)
}

/** Where one move of the plan stands according to the journal. */
export type MoveStanding =
  | {phase: 'pending'}
  /** The request was about to be sent: it may or may not have reached Proxmox. */
  | {phase: 'started'; at: string}
  /** Proxmox took it: the task runs, or ran. */
  | {phase: 'accepted'; at: string; upid: string}
  | {phase: 'finished'; at: string; ok: true; upid?: string; durationMs?: number}
  | {phase: 'failed'; at: string; reason: string; upid?: string; durationMs?: number}
  | {phase: 'verified'; at: string; node: string; durationMs?: number}
  | {phase: 'skipped'; at: string; reason: string}

/** Replays the records: the standing of every move of a plan with `moves` moves. */
export function moveStandings(records: readonly JournalRecord[], moves: number): MoveStanding[] {
  const standings: MoveStanding[] = Array.from({length: moves}, () => ({phase: 'pending'}))
  const started = new Map<number, string>()
  for (const record of records) {
    const ref = record.move
    if (!ref || ref.index >= moves) continue
    const current = standings[ref.index]
    switch (record.event) {
      case 'move-started':
        started.set(ref.index, record.at)
        standings[ref.index] = {phase: 'started', at: record.at}
        break
      case 'move-accepted':
        standings[ref.index] = {phase: 'accepted', at: started.get(ref.index) ?? record.at, upid: record.upid ?? ''}
        break
      case 'move-finished': {
        const upid = record.upid ?? ('upid' in current ? current.upid : undefined)
        const extra = {...(upid ? {upid} : {}), ...(record.durationMs !== undefined ? {durationMs: record.durationMs} : {})}
        standings[ref.index] = record.outcome === 'failed' ? {phase: 'failed', at: record.at, reason: record.reason ?? 'failed', ...extra} : {phase: 'finished', at: record.at, ok: true, ...extra}
        break
      }
      case 'move-verified': {
        const durationMs = 'durationMs' in current ? current.durationMs : undefined
        const extra = durationMs !== undefined ? {durationMs} : {}
        // Seen anywhere but on its target, the move failed whatever its task said.
        standings[ref.index] =
          record.node === undefined || record.node === ref.to
            ? {phase: 'verified', at: record.at, node: ref.to, ...extra}
            : {phase: 'failed', at: record.at, reason: record.reason ?? `the guest was found on ${record.node}`, ...extra}
        break
      }
      case 'move-skipped':
        standings[ref.index] = {phase: 'skipped', at: record.at, reason: record.reason ?? 'skipped'}
        break
    }
  }
  return standings
}

/** Whether nothing more will happen to a move in this journal's eyes. */
export function isSettled(standing: MoveStanding): boolean {
  return standing.phase === 'verified' || standing.phase === 'failed' || standing.phase === 'skipped'
}

function short(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12)
}
