/**
 * A snapshot diff for a terminal and for a pull-request comment: a one-line summary,
 * nodes and guests that changed, and each node's measured load before → after.
 */
import {formatBytes} from '../model/units.js'
import type {GuestChange, Load, SnapshotDiff} from '../simulate/diff.js'
import {pct, plural, shortFingerprint, shortTime, table} from './format.js'
import {escapeMarkdown} from './plan-markdown.js'

export function diffSummary(diff: SnapshotDiff): string {
  if (diff.identical) return 'No change: both snapshots describe the same cluster state.'
  const g = diff.guests
  const parts = [
    plural(g.added.length, 'guest') + ' added',
    `${g.removed.length} removed`,
    `${g.moved.length} moved`,
    `${g.status.length} changed status`,
    `${g.resized.length} resized`,
  ]
  const nodes = [diff.nodes.added.length && `${plural(diff.nodes.added.length, 'node')} added`, diff.nodes.removed.length && `${plural(diff.nodes.removed.length, 'node')} removed`, diff.nodes.status.length && `${plural(diff.nodes.status.length, 'node')} changed status`].filter(Boolean)
  return `${parts.join(', ')}${nodes.length ? `; ${nodes.join(', ')}` : ''}.`
}

const memory = (l?: Load) => (l ? `${formatBytes(l.memory.used)} (${pct((100 * l.memory.used) / Math.max(1, l.memory.total))})` : '—')
const cpu = (l?: Load) => (l ? `${(Math.round(l.cpu.used * 10) / 10).toString()}/${l.cpu.cores}` : '—')
const guests = (n: {before?: Load; after?: Load}) => (n.before?.guests === n.after?.guests ? String(n.after!.guests) : `${n.before?.guests ?? '—'} → ${n.after?.guests ?? '—'}`)
const describe = (g: GuestChange) => `${g.name} (${g.vmid})`

function changeLines(diff: SnapshotDiff): string[] {
  const lines: string[] = []
  for (const n of diff.nodes.added) lines.push(`+ node ${n}`)
  for (const n of diff.nodes.removed) lines.push(`- node ${n}`)
  for (const n of diff.nodes.status) lines.push(`~ node ${n.node}: ${n.from} → ${n.to}`)
  for (const g of diff.guests.added) lines.push(`+ ${describe(g)} on ${g.to}`)
  for (const g of diff.guests.removed) lines.push(`- ${describe(g)} from ${g.from}`)
  for (const g of diff.guests.moved) lines.push(`→ ${describe(g)}: ${g.from} → ${g.to}`)
  for (const g of diff.guests.status) lines.push(`~ ${describe(g)}: ${g.was} → ${g.now}`)
  for (const g of diff.guests.resized) lines.push(`~ ${describe(g)}: ${formatBytes(g.memory[0])}/${g.cores[0]} cores → ${formatBytes(g.memory[1])}/${g.cores[1]} cores`)
  return lines
}

export function renderDiffText(diff: SnapshotDiff): string {
  const lines = [`proxlb snapshot diff for cluster ${diff.cluster}`]
  lines.push(`  before  ${diff.before.label}, taken ${shortTime(diff.before.takenAt)} (${shortFingerprint(diff.before.fingerprint)}, ${diff.before.kind})`)
  lines.push(`  after   ${diff.after.label}, taken ${shortTime(diff.after.takenAt)} (${shortFingerprint(diff.after.fingerprint)}, ${diff.after.kind})`)
  lines.push('')
  const changes = changeLines(diff)
  if (changes.length) lines.push(...changes.map((l) => '  ' + l), '')
  const rows = diff.load.map((n) => [n.node, n.after?.status ?? 'removed', guests(n), memory(n.before), '→', memory(n.after), cpu(n.before), '→', cpu(n.after)])
  lines.push(...table([['node', 'status', 'guests', 'memory used', '', '', 'cpu used', '', ''], ...rows], [3, 5, 6, 8]).map((l) => '  ' + l))
  lines.push('')
  lines.push(diffSummary(diff))
  return lines.join('\n') + '\n'
}

export function renderDiffMarkdown(diff: SnapshotDiff): string {
  const out = [`### proxlb snapshot diff: ${escapeMarkdown(diff.cluster)}`, '', `**${diffSummary(diff)}**`, '']
  out.push(`From ${escapeMarkdown(diff.before.label)} (${shortTime(diff.before.takenAt)}, \`${shortFingerprint(diff.before.fingerprint)}\`) to ${escapeMarkdown(diff.after.label)} (${shortTime(diff.after.takenAt)}, \`${shortFingerprint(diff.after.fingerprint)}\`).`, '')
  out.push('| Node | Status | Guests | Memory used | CPU used |', '|---|---|---:|---:|---:|')
  for (const n of diff.load) out.push(`| ${escapeMarkdown(n.node)} | ${n.after?.status ?? 'removed'} | ${guests(n)} | ${memory(n.before)} → ${memory(n.after)} | ${cpu(n.before)} → ${cpu(n.after)} |`)
  out.push('')
  const changes = changeLines(diff)
  if (changes.length) {
    out.push(`<details><summary>${plural(changes.length, 'change')}</summary>`, '', '```diff', ...changes.map((l) => l.replace(/^→/, '!').replace(/^~/, '!')), '```', '', '</details>', '')
  }
  return out.join('\n')
}
