/**
 * Past runs as the journals in the state folder record them (drains, restores, runs
 * started from the web page, the balance service's cycles): when, what, who (the users
 * Proxmox wrote into the migration tasks' ids), how many moves ended how. Read only; a
 * journal that cannot be read is listed as such, never repaired.
 */
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {readJournalFile} from '../apply/journal-file.js'
import {moveStandings} from '../apply/journal.js'
import type {HistoryEntry} from './views.js'

/** The runs recorded in `folder`, newest first (at most `limit`). */
export function runHistory(folder: string, limit = 200): HistoryEntry[] {
  let files: string[]
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.journal.jsonl'))
  } catch {
    return []
  }
  const entries = files.map((file) => journalEntry(join(folder, file), file))
  return entries.sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit)
}

function journalEntry(path: string, file: string): HistoryEntry {
  const unreadable = (why: string): HistoryEntry => ({file, command: '?', label: file, startedAt: '', users: [], runs: 0, moves: 0, moved: [], done: 0, failed: 0, outcome: `unreadable: ${why}`})
  let records
  try {
    records = readJournalFile(path)?.records
  } catch (error) {
    return unreadable((error as Error).message.split('\n')[0])
  }
  if (!records || records.length === 0) return unreadable('empty')
  const first = records[0]
  const options = records.find((r) => r.options)?.options
  const moves = options?.moves ?? 0
  const standings = moveStandings(records, moves)
  const users = new Set<string>()
  // UPID:node:pid:pstart:starttime:type:id:user@realm[!token]:
  for (const r of records) if (r.upid) users.add(r.upid.split(':')[7] ?? '')
  users.delete('')
  const moved = new Map<number, string>()
  for (const r of records) if (r.move && (r.event === 'move-verified' || (r.event === 'move-finished' && r.outcome === 'ok'))) moved.set(r.move.index, `${r.move.name} (${r.move.vmid}) ${r.move.from} → ${r.move.to}`)
  const ended = records.filter((r) => r.event === 'run-ended').at(-1)
  const command = options?.command ?? '?'
  const planName = options?.planFile?.split('/').at(-1)
  const label =
    command === 'drain' || command === 'restore' ? `${command} ${options?.drainNode ?? ''}`.trim()
    : command === 'apply' && planName?.startsWith('web-') ? 'rebalance, from the web page'
    : command === 'apply' && planName ? `apply ${planName}`
    : command
  return {
    file,
    command,
    label,
    startedAt: first.at,
    users: [...users].sort(),
    runs: records.filter((r) => r.event === 'run-started').length,
    moves,
    moved: [...moved.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line),
    done: standings.filter((s) => s.phase === 'verified' || s.phase === 'finished').length,
    failed: standings.filter((s) => s.phase === 'failed').length,
    outcome: ended?.summary?.status ?? (ended ? 'ended' : 'under way or interrupted'),
  }
}
