/**
 * Small formatting pieces shared by the views: utilisation bars, aligned tables,
 * labels for methods and nodes. No decisions here, only presentation.
 */
import type {Move, Plan} from '../model/plan.js'
import {formatBytes} from '../model/units.js'

/** A bar of `width` cells for a percentage; over 100% the last cell says so. */
export function bar(percent: number, width = 10): string {
  const clamped = Math.max(0, Math.min(100, percent))
  const full = Math.round((clamped / 100) * width)
  const cells = '█'.repeat(full) + '░'.repeat(width - full)
  return percent > 100 ? cells.slice(0, -1) + '!' : cells
}

export function pct(value: number): string {
  return `${value.toFixed(1)}%`
}

/** Columns padded to their widest cell; `right` lists the columns aligned right. */
export function table(rows: string[][], right: readonly number[] = [], gap = '  '): string[] {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)))
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length)
        return right.includes(i) ? pad + cell : i === row.length - 1 ? cell : cell + pad
      })
      .join(gap)
      .trimEnd(),
  )
}

/**
 * How a move goes and what disk it copies: `online`, `offline + local disks`, or, where
 * the plan lists the volumes, `online + disks 12 GiB → local-lvm` (per target storage;
 * "at most" when a volume counted its configured size).
 */
export function moveMethod(m: Move, short = false): string {
  if (!m.withLocalDisks) return m.method
  if (!m.disks?.length) return `${m.method} + ${short ? 'disks' : 'local disks'}`
  const byTarget = new Map<string, {bytes: number; bound: boolean}>()
  for (const d of m.disks) {
    const t = byTarget.get(d.targetStorage) ?? {bytes: 0, bound: false}
    byTarget.set(d.targetStorage, {bytes: t.bytes + d.bytes, bound: t.bound || d.estimate === 'configured'})
  }
  const parts = [...byTarget].map(([storage, t]) => `${t.bound ? 'at most ' : ''}${formatBytes(t.bytes)} → ${storage}`)
  return `${m.method} + disks ${parts.join(', ')}`
}

export function methodLabel(plan: Plan): string {
  return balanceLabel(plan.balance.method, plan.balance.mode)
}

/** `memory (used)`, `CPU (assigned)`: what a spread is measured in. */
export function balanceLabel(method: Plan['balance']['method'], mode: Plan['balance']['mode']): string {
  const what = method === 'weighted' ? 'weighted load' : method === 'cpu' ? 'CPU' : method
  return `${what} (${mode})`
}

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.replace(/^sha256:/, '').slice(0, 12)
}

/** `2026-11-20 09:00 UTC` */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC')
}

/** An age for people: `45 min`, `5 h 20 min`, `11 days 18 h`. */
export function ageText(seconds: number): string {
  const minutes = Math.floor(seconds / 60)
  const hours = Math.floor(minutes / 60)
  const days = Math.floor(hours / 24)
  if (days >= 2) return `${days} days${hours % 24 ? ` ${hours % 24} h` : ''}`
  if (hours >= 1) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
  return minutes >= 1 ? `${minutes} min` : `${seconds} s`
}

export function plural(count: number, one: string, many = one + 's'): string {
  return `${count} ${count === 1 ? one : many}`
}
