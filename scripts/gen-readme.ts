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
 * With `"emulator": true` the command runs in a scratch folder against the emulator of
 * the demo cluster, as the README's apply examples do: examples/proxlb.yaml is there as
 * proxlb.yaml, the token's secret in PROXLB_TOKEN_SECRET, the `setup` commands (each a
 * list of arguments, e.g. a plan made with --out) run first, and the emulator's address
 * reads as the README's 127.0.0.1:18006. With `"scratch": true` a command that writes
 * files runs in a scratch folder where the repository's test/, examples/, snapshots/ and
 * policies/ are linked.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {startEmulator} from '../src/emulator/index.js'

export const ROOT = join(__dirname, '..')

export interface OutputSpec {
  run?: string[]
  /** A file of the repository the block shows as it is, instead of a command's output. */
  file?: string
  keep?: string
  prompt?: string
  stream?: 'stdout' | 'stderr' | 'both'
  emulator?: boolean
  setup?: string[][]
  /** Runs in a scratch folder (for commands that write files), the repository's folders linked in. */
  scratch?: boolean
}

/** The README's emulator: the demo cluster, the token examples/proxlb.yaml names. */
export const README_EMULATOR = {address: '127.0.0.1:18006', tokenid: 'proxlb@pve!apply', secret: '6a1f0c3e-2b4d-4e5f-8a9b-0c1d2e3f4a5b'}

const MARKER = /^<!-- readme-output (\{.*\}) -->$/
const FILE_MARKER = /^<!-- readme-file (\S+) -->$/

/** proxlb's output for `args`, as a user on the demo sees it (no terminal, no colour, no CI banner). */
export async function runProxlb(spec: OutputSpec): Promise<string> {
  if (spec.file) return readFileSync(join(ROOT, spec.file), 'utf8')
  if (spec.scratch) {
    const dir = mkdtempSync(join(tmpdir(), 'proxlb-readme-'))
    try {
      for (const folder of ['test', 'examples', 'snapshots', 'policies']) symlinkSync(join(ROOT, folder), join(dir, folder))
      return (await proxlbOutput(spec.run ?? [], dir, {})).pick(spec.stream)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }
  if (!spec.emulator) return (await proxlbOutput(spec.run ?? [], ROOT, {})).pick(spec.stream)
  const snapshot = JSON.parse(readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8'))
  const emulator = await startEmulator({snapshot, port: 0, tokens: [{tokenid: README_EMULATOR.tokenid, secret: README_EMULATOR.secret}], migration: {instant: true}})
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-readme-'))
  try {
    const host = new URL(emulator.url).host
    writeFileSync(join(dir, 'proxlb.yaml'), readFileSync(join(ROOT, 'examples', 'proxlb.yaml'), 'utf8').replace(README_EMULATOR.address, host))
    const env = {PROXLB_TOKEN_SECRET: README_EMULATOR.secret, PROXLB_STATE_DIR: join(dir, 'state')}
    for (const args of spec.setup ?? []) await proxlbOutput(args, dir, env)
    return (await proxlbOutput(spec.run ?? [], dir, env)).pick(spec.stream).split(host).join(README_EMULATOR.address)
  } finally {
    await emulator.close()
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Runs proxlb as a child process (asynchronously: an emulator in this process keeps answering). */
function proxlbOutput(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{pick(stream: OutputSpec['stream']): string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {cwd, env: {...process.env, NO_COLOR: '1', CI: '', ...env}})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', () => resolve({pick: (stream = 'stdout') => (stream === 'stdout' ? stdout : stream === 'stderr' ? stderr : stdout + stderr)}))
  })
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

/** What a block should hold, given what its command printed. */
export function blockContent(spec: OutputSpec, output: string): string[] {
  return [...(spec.prompt ? [`$ ${spec.prompt}`] : []), ...keepLines(output, spec.keep)]
}

/** The README with every marked block made anew. */
export async function regenerate(readme: string): Promise<string> {
  const lines = readme.split('\n')
  for (const block of markedBlocks(readme).reverse()) lines.splice(block.start, block.end - block.start, ...blockContent(block.spec, await runProxlb(block.spec)))
  return lines.join('\n')
}

if (require.main === module) {
  const file = join(ROOT, 'README.md')
  const before = readFileSync(file, 'utf8')
  regenerate(before).then((after) => {
    writeFileSync(file, after)
    console.log(before === after ? 'README.md: every sample output is current' : `README.md: ${markedBlocks(after).length} sample outputs written; review the diff`)
  })
}
