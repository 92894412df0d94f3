/**
 * The README's sample outputs, made by running them: `npm run gen:readme` rewrites every
 * code block that follows a marker
 *
 *   <!-- readme-output {"run": ["plan"], "keep": "1-13,28-29,$", "prompt": "proxlb plan"} -->
 *
 * (or `<!-- readme-file examples/proxlb.yaml -->`: the block holds that file of the
 * repository, as it is) with what `proxlb <run>` prints now on the bundled demo (from the repository root, no
 * colour, not a terminal). `stream` picks stdout (default), stderr, or both (stdout, then
 * stderr); `keep` keeps those lines only (1-based ranges, `$` the last line), a gap shown
 * as `  ...`; `prompt`, when given, opens the block with `$ <prompt>`. test/docs/readme.test.ts
 * runs the same and fails when the README differs: run this script after an intended
 * change and review the diff. Needs `npm run build` first (it runs bin/run.js).
 */
import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

export const ROOT = join(__dirname, '..')

export interface OutputSpec {
  run?: string[]
  /** A file of the repository the block shows as it is, instead of a command's output. */
  file?: string
  keep?: string
  prompt?: string
  stream?: 'stdout' | 'stderr' | 'both'
}

const MARKER = /^<!-- readme-output (\{.*\}) -->$/
const FILE_MARKER = /^<!-- readme-file (\S+) -->$/

/** proxlb's output for `args`, as a user on the demo sees it (no terminal, no colour, no CI banner). */
export function runProxlb(spec: OutputSpec): string {
  if (spec.file) return readFileSync(join(ROOT, spec.file), 'utf8')
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), ...(spec.run ?? [])], {cwd: ROOT, encoding: 'utf8', env: {...process.env, NO_COLOR: '1', CI: ''}, timeout: 120_000})
  const stream = spec.stream ?? 'stdout'
  return stream === 'stdout' ? r.stdout : stream === 'stderr' ? r.stderr : r.stdout + r.stderr
}

/** The lines `keep` names, `  ...` where lines are left out. */
export function keepLines(text: string, keep: string | undefined): string[] {
  const lines = text.replace(/\n$/, '').split('\n')
  if (!keep) return lines
  const wanted = new Set<number>()
  for (const part of keep.split(',')) {
    const [a, b = a] = part.split('-').map((x) => (x.trim() === '$' ? lines.length : Number(x)))
    for (let i = a; i <= b; i++) wanted.add(i)
  }
  const out: string[] = []
  let last = 0
  for (let i = 1; i <= lines.length; i++) {
    if (!wanted.has(i)) continue
    if (i > last + 1) out.push('  ...')
    out.push(lines[i - 1])
    last = i
  }
  if (last < lines.length) out.push('  ...')
  return out
}

export interface Block {
  spec: OutputSpec
  /** Line indexes (0-based) of the block's content: after the opening fence, before the closing one. */
  start: number
  end: number
}

/** Every marked block of a README. */
export function markedBlocks(readme: string): Block[] {
  const lines = readme.split('\n')
  const blocks: Block[] = []
  lines.forEach((line, i) => {
    const m = MARKER.exec(line)
    const f = FILE_MARKER.exec(line)
    if (!m && !f) return
    if (!lines[i + 1]?.startsWith('```')) throw new Error(`README.md:${i + 1}: a readme-output marker must stand right above a code block`)
    const close = lines.findIndex((l, j) => j > i + 1 && l.startsWith('```'))
    if (close < 0) throw new Error(`README.md:${i + 2}: code block never closed`)
    blocks.push({spec: m ? (JSON.parse(m[1]) as OutputSpec) : {file: f![1]}, start: i + 2, end: close})
  })
  return blocks
}

/** What a block should hold now. */
export function blockContent(spec: OutputSpec, output: string = runProxlb(spec)): string[] {
  return [...(spec.prompt ? [`$ ${spec.prompt}`] : []), ...keepLines(output, spec.keep)]
}

/** The README with every marked block made anew. */
export function regenerate(readme: string, output: (spec: OutputSpec) => string = runProxlb): string {
  const lines = readme.split('\n')
  for (const block of markedBlocks(readme).reverse()) lines.splice(block.start, block.end - block.start, ...blockContent(block.spec, output(block.spec)))
  return lines.join('\n')
}

if (require.main === module) {
  const file = join(ROOT, 'README.md')
  const before = readFileSync(file, 'utf8')
  const after = regenerate(before)
  writeFileSync(file, after)
  console.log(before === after ? 'README.md: every sample output is current' : `README.md: ${markedBlocks(after).length} sample outputs written; review the diff`)
}
