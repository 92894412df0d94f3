/**
 * Benchmark results in BENCHMARKS.md: each benchmark owns one section between its own
 * markers (`<!-- NAME:begin ... -->` ... `<!-- NAME:end -->`) and replaces only that, so
 * benchmarks can be re-run one at a time without touching the others' figures.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

const BENCHMARKS = join(__dirname, '..', 'BENCHMARKS.md')

export function writeBenchmarkSection(name: string, writer: string, section: string): void {
  const begin = `<!-- ${name}:begin (written by ${writer}) -->`
  const end = `<!-- ${name}:end -->`
  const block = `${begin}\n${section}\n${end}`
  const current = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : '# proxlb benchmarks\n'
  const from = current.indexOf(`<!-- ${name}:begin`)
  const to = current.indexOf(end)
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(BENCHMARKS, next)
  console.log(`\nwrote the ${name} section to BENCHMARKS.md`)
}
