/**
 * The journal on disk: records appended one line at a time, each flushed to the disk
 * (fsync) before the call returns, so that a record written before a migration request
 * survives a crash or a power cut that follows it. A resumed run first cuts a half-written
 * last line away, then continues the sequence. The file is created with mode 0600 and its
 * folder is synced once so the new file itself survives a crash.
 *
 * Effects only; what a record says is decided in ./journal.ts and the executor.
 */
import {FORMATS} from '../model/formats.js'
import {closeSync, existsSync, fsyncSync, ftruncateSync, openSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'
import {INPUT_LIMITS, readInputFile} from './files.js'
import {ProxlbError} from '../model/problems.js'
import {decodeUtf8} from '../model/text.js'
import {InvalidInputError} from '../model/problems.js'
import {journalLine, type JournalRecord, type PlanIdentity, readJournal, type ReadJournal} from './journal.js'

/** A record before the journal numbers, dates and signs it. */
export type JournalEntry = Omit<JournalRecord, 'format' | 'seq' | 'at' | 'run' | 'plan'>

export interface JournalSink {
  write(entry: JournalEntry): void
}

/** Reads a journal file; undefined when there is none (or it is empty). */
export function readJournalFile(path: string): ReadJournal | undefined {
  if (!existsSync(path)) return undefined
  const bytes = readInputFile(path, 'journal', INPUT_LIMITS.json)
  if (bytes.length === 0) return undefined
  const text = decodeUtf8(bytes, path)
  if (!text.ok) throw new InvalidInputError(text.problems)
  return readJournal(text.value, path)
}

export class JournalFile implements JournalSink {
  private fd: number | undefined
  private seq: number

  /**
   * Opens `path` for appending records of `plan` by run `run`. `existing` is what
   * readJournalFile found there (a resume); without it the file must not exist yet.
   */
  constructor(
    readonly path: string,
    private readonly plan: PlanIdentity,
    private readonly run: string,
    existing: ReadJournal | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.seq = existing?.records.length ?? 0
    try {
      this.fd = openSync(path, existing ? 'r+' : 'wx', 0o600)
      if (existing) {
        ftruncateSync(this.fd, existing.validBytes)
        if (existing.unterminated) writeSync(this.fd, '\n', existing.validBytes)
        fsyncSync(this.fd)
        closeSync(this.fd)
        this.fd = openSync(path, 'a')
      } else {
        syncFolder(path)
      }
    } catch (error) {
      if (this.fd !== undefined) closeSync(this.fd)
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EEXIST') throw new ProxlbError(`cannot start the journal ${path}: the file exists already (an earlier run of this plan?): continue that run with --resume, or give another file with --journal`)
      throw new ProxlbError(`cannot write the journal ${path}: ${(error as Error).message}`)
    }
  }

  write(entry: JournalEntry): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`)
    this.seq++
    const record: JournalRecord = {format: FORMATS.journal, seq: this.seq, at: this.clock().toISOString(), run: this.run, plan: this.plan, ...entry}
    const data = Buffer.from(journalLine(record))
    try {
      let written = 0
      while (written < data.length) written += writeSync(this.fd, data, written, data.length - written)
      fsyncSync(this.fd)
    } catch (error) {
      throw new ProxlbError(`cannot write the journal ${this.path}: ${(error as Error).message}; stopping before anything else is started`)
    }
  }

  close(): void {
    if (this.fd === undefined) return
    closeSync(this.fd)
    this.fd = undefined
  }
}

function syncFolder(path: string): void {
  try {
    const fd = openSync(dirname(path), 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems cannot sync a folder; the records themselves are still synced.
  }
}
