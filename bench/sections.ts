/**
 * Benchmarks write their figures into BENCHMARKS.md between their own markers, so each
 * can be rerun alone without touching the others' sections.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'

/** Puts `body` between `begin` and `end` in `file` (replacing what was there, else appending). */
export function writeSection(file: string, begin: string, end: string, body: string): void {
  const block = `${begin}\n${body}\n${end}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# proxlb benchmarks\n'
  const from = current.indexOf(begin)
  const to = current.indexOf(end)
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(file, next)
  console.log(`\nwrote the section to ${file}`)
}
