/**
 * Human sizes and percentages: `512GiB`, `1.5 TB`, `10%`. Parsing for policy values and
 * formatting for views. Binary units (KiB, MiB ...) are powers of 1024, decimal units
 * (KB, MB ...) powers of 1000, as on a disk label.
 */

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
  PIB: 2 ** 50,
}

const SIZE = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGTP]i?B|B)\s*$/i
const PERCENT = /^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$/

/** Bytes of a size given as bytes or as text with a unit; undefined when it is neither. */
export function parseSize(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  const m = SIZE.exec(value)
  if (!m) return undefined
  const bytes = Math.round(Number(m[1]) * UNITS[m[2].toUpperCase()])
  return Number.isSafeInteger(bytes) ? bytes : undefined
}

/** The number of a percentage given as a number or as text ending in %. */
export function parsePercentage(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  const m = PERCENT.exec(value)
  return m ? Number(m[1]) : undefined
}

const DURATION = /^\s*([0-9]+)\s*(s|m|h|d)\s*$/

/** Seconds of a duration given as seconds or as text with a unit (90s, 30m, 12h, 1d); undefined when it is neither. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  const m = DURATION.exec(value)
  return m ? Number(m[1]) * {s: 1, m: 60, h: 3600, d: 86400}[m[2] as 's' | 'm' | 'h' | 'd'] : undefined
}

/** True when text is a percentage (`10%`) rather than a size. */
export function isPercentageText(value: number | string): value is string {
  return typeof value === 'string' && PERCENT.test(value)
}

/** `12.5 GiB`: bytes in the largest binary unit that keeps the number ≥ 1. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toFixed(digits).replace(/\.0+$|(\.[0-9]*[1-9])0+$/, '$1')} ${units[unit]}`
}

/** Cores with at most one decimal: `7.5 cores`, `1 core`. */
export function formatCores(cores: number): string {
  const text = (Math.round(cores * 10) / 10).toString()
  return `${text} ${text === '1' ? 'core' : 'cores'}`
}

/** Percentage with one decimal: `73.4%`. */
export function formatPercent(value: number): string {
  return `${value.toFixed(1)}%`
}
