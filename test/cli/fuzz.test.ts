/**
 * Every input format through the real command path, broken in every way a file can be:
 * truncated, bad UTF-8, a key given twice, a value of the wrong type, nested too deep, a
 * YAML alias bomb or recursive alias, too many entries, too large, binary garbage, a FIFO
 * nobody writes, a directory, a link to nowhere. Each run must end with exactly one clean
 * error line (no stack trace, no "internal error"), exit code 1, and no output file (nor
 * a temporary one) where --out pointed.
 *
 * The runs go through runCli of the compiled CLI, the entry bin/run.js and the single
 * binary share, in this process (fast enough for a hundred runs); a sample of them also
 * through `node bin/run.js`. The journal is read by apply, which talks to a cluster: the emulator. The
 * mutations are drawn from a fixed seed, so every run tests the same files.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest'
import {type Emulator, startEmulator} from '../../src/emulator/index.js'
import {seededRandom} from '../../src/model/prng.js'
import {SEED as LAB} from '../helpers/lab.js'
import {proxlbAsync, ROOT} from '../helpers/cli.js'

// The compiled CLI (built by npm test before vitest starts), as bin/run.js loads it: the sources' lazy requires of commands only work compiled.
const {runCli} = require(join(ROOT, 'dist', 'src', 'cli', 'main.js')) as typeof import('../../src/cli/main.js')

const SEED = 20261201
const TOKEN = {tokenid: 'proxlb@pve!fuzz', secret: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a'}

interface Run {
  status: number
  stdout: string
  stderr: string
}

/** Runs proxlb in this process, as bin/run.js does, capturing what it prints. */
async function proxlbHere(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const saved = {...process.env}
  Object.assign(process.env, env)
  process.exitCode = undefined
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
  try {
    const status = await runCli(args, ROOT, (line) => (stderr += line + '\n'))
    return {status, stdout, stderr}
  } finally {
    out.mockRestore()
    err.mockRestore()
    process.env = saved
    process.exitCode = undefined
  }
}

type Mutation = {name: string; make: (path: string) => void}

/** A format: a valid file, the command that reads it (writing --out where it has one), and its mutations. */
interface Format {
  name: string
  file: string
  valid: () => string
  command: (file: string, out: string) => string[]
  yaml?: boolean
  ini?: boolean
  /** apply does not write an output file; its runs must not move anything instead. */
  noOut?: boolean
}

let emulator: Emulator
let dir: string
let applyPlan: string
let journalText: string
const liveFlags = () => ['--host', emulator.url, '--fingerprint', emulator.fingerprint!, '--retries', '0']
const liveEnv = () => ({PROXLB_TOKEN_ID: TOKEN.tokenid, PROXLB_TOKEN_SECRET: TOKEN.secret, PROXLB_STATE_DIR: join(dir, 'state'), PROXLB_IO_TIMEOUT: '0.2'})

const demoSnapshot = readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8')
const rulesPolicy = readFileSync(join(ROOT, 'policies', 'rules.yaml'), 'utf8')
const scenario = readFileSync(join(ROOT, 'examples', 'scenarios', 'black-friday.yaml'), 'utf8')
const configYaml = `apiVersion: proxlb/v1
kind: Config
policy:
  balance: {method: memory, threshold: 5%}
  rules:
    - {type: apart, guests: [db-*]}
service:
  daemon: false
  interval: 30m
`
const proxlbIni = `[vm_balancing]
enable: 1
method: memory
mode: used
balanciness: 10
ignore_nodes: pve5
ignore_vms: test-*

[service]
daemon: 0
schedule: 12
`
let demoPlan: string

const FORMATS: Format[] = [
  {name: 'snapshot', file: 'snapshot.json', valid: () => demoSnapshot, command: (f, out) => ['plan', f, '--out', out]},
  {name: 'snapshot for simulate', file: 'snapshot.json', valid: () => demoSnapshot, command: (f, out) => ['simulate', f, '--fail', 'pve1', '--out', out]},
  {name: 'plan', file: 'plan.json', valid: () => demoPlan, command: (f, out) => ['simulate', '--plan', f, '--out', out]},
  {name: 'policy', file: 'policy.yaml', valid: () => rulesPolicy, command: (f, out) => ['plan', '--policy', f, '--out', out], yaml: true},
  {name: 'scenario', file: 'scenario.yaml', valid: () => scenario, command: (f, out) => ['simulate', '--scenario', f, '--out', out], yaml: true},
  {name: 'config (YAML)', file: 'proxlb.yaml', valid: () => configYaml, command: (f, out) => ['plan', '-c', f, '--out', out], yaml: true},
  {name: 'config (ProxLB INI)', file: 'proxlb.conf', valid: () => proxlbIni, command: (f, out) => ['plan', '-c', f, '--out', out], ini: true},
  {name: 'journal', file: 'plan.journal.jsonl', valid: () => journalText, command: (f) => ['apply', applyPlan, '--journal', f, '--resume', '--yes', ...liveFlags()], noOut: true},
]

/** The mutations of a format, drawn from the seed; each makes a file that proxlb must refuse. */
function mutations(format: Format, random: () => number): Mutation[] {
  const text = format.valid()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const write = (content: string | Uint8Array) => (path: string) => writeFileSync(path, content)
  const lines = text.split('\n')
  const json = !format.yaml && !format.ini
  // A journal is one compact record a line: its mutations change the first record's seq.
  const scalarLines = format.noOut
    ? [[lines[0], 0] as const]
    : lines
        .map((line, i) => [line, i] as const)
        .filter(([line]) => (json ? /^\s*"[^"]+": ("|-?\d)/.test(line) : format.ini ? /^(enable|method|mode|balanciness|daemon|schedule): \S/.test(line) : /^\s*[A-Za-z]\w*: [^\s[{#&*|>]/.test(line)))
  const [scalar, at] = pick(scalarLines)
  const replaceValue = (value: string) => {
    const copy = [...lines]
    copy[at] = format.noOut ? scalar.replace(/"seq":\d+/, `"seq":${value}`) : json ? scalar.replace(/: .*?(,?)$/, `: ${value}$1`) : scalar.replace(/: .*$/, `: ${value}`)
    return copy.join('\n')
  }
  const twice = format.noOut ? scalar.replace(/("seq":\d+,)/, '$1$1') : undefined
  const withLine = (index: number, line: string) => [...lines.slice(0, index), line, ...lines.slice(index)].join('\n')
  const cut = (from: number, to: number) => text.slice(0, from + Math.floor(random() * (to - from)))
  const bytes = Buffer.from(text)
  const bad = 1 + Math.floor(random() * (bytes.length - 2))
  const list: Mutation[] = [
    {name: 'bad UTF-8', make: write(Buffer.concat([bytes.subarray(0, bad), Buffer.from([pick([0xff, 0xc3, 0xed, 0xf8])]), Buffer.from([0x28]), bytes.subarray(bad)]))},
    {name: 'binary garbage', make: write(Buffer.from([0xff, ...Array.from({length: 4096}, () => Math.floor(random() * 256))]))},
    {name: 'a key given twice', make: write(twice !== undefined ? [twice, ...lines.slice(1)].join('\n') : withLine(at, json && !scalar.trimEnd().endsWith(',') ? scalar + ',' : scalar))},
    {name: 'too large', make: (path) => (writeFileSync(path, ''), truncateSync(path, json ? 65 * 2 ** 20 : 5 * 2 ** 20))},
    {name: 'a FIFO nobody writes to', make: (path) => execFileSync('mkfifo', [path])},
    {name: 'a directory', make: (path) => mkdirSync(path)},
    {name: 'a link to nowhere', make: (path) => symlinkSync(join(path, '..', 'nowhere', 'missing'), path)},
  ]
  if (json) {
    // A JSON document cut anywhere before its last brace is broken; a journal cut inside its first record.
    const end = format.noOut ? text.indexOf('\n') : text.trimEnd().length - 1
    list.push(
      {name: 'truncated', make: write(format.noOut ? cut(1, end) + '\n' + text.slice(end + 1) : cut(1, end))},
      {name: 'a value of the wrong type', make: write(replaceValue(format.noOut || !scalar.includes(': "') ? '"12"' : '12'))},
      {name: 'nested too deep', make: write(replaceValue('['.repeat(300) + ']'.repeat(300)))},
      {name: 'a number beyond 2^53', make: write(replaceValue('18014398509481985'))},
    )
  } else if (format.yaml) {
    const flow = [...text.matchAll(/\[[^\]\n]+\]/g)].map((m) => m.index!)
    const start = pick(flow)
    list.push(
      {name: 'truncated inside a list', make: write(cut(start + 1, text.indexOf(']', start)))},
      {name: 'a value of the wrong type', make: write(replaceValue('{wrong: [type]}'))},
      {name: 'nested too deep', make: write(replaceValue('['.repeat(100) + ']'.repeat(100)))},
      {name: 'a recursive alias', make: write(replaceValue('&loop [*loop]'))},
      {name: 'an alias bomb', make: write(text + '\n' + ['b0: &b0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, i) => `b${i + 1}: &b${i + 1} [${Array(10).fill(`*b${i}`).join(', ')}]`)].join('\n') + '\n')},
      {name: 'too many entries', make: write(text + '\nnotes:\n' + '  - x\n'.repeat(150_000))},
    )
  } else {
    const header = text.indexOf('[')
    list.push(
      {name: 'truncated inside a section header', make: write(cut(header + 1, text.indexOf(']', header)))},
      {name: 'a value of the wrong type', make: write(replaceValue(pick(['lots', 'yes please', '{}'])))},
    )
  }
  return list
}

beforeAll(async () => {
  // Each in-process run leaves oclif a 'drain' listener on the mocked stdout; that is this test's doing.
  process.stdout.setMaxListeners(0)
  dir = mkdtempSync(join(tmpdir(), 'proxlb-fuzz-'))
  emulator = await startEmulator({snapshot: LAB, port: 0, tokens: [TOKEN], migration: {instant: true}})
  const planned = await proxlbHere(['plan', '--out', join(dir, 'demo-plan.json')], {SOURCE_DATE_EPOCH: '1790000000'})
  expect(planned.stderr + planned.status).toBe('0')
  demoPlan = readFileSync(join(dir, 'demo-plan.json'), 'utf8')
  // A journal as apply writes it: plan the emulator's cluster, carry the plan out.
  applyPlan = join(dir, 'lab-plan.json')
  expect((await proxlbHere(['plan', ...liveFlags(), '--policy', join(ROOT, 'policies', 'memory.yaml'), '--out', applyPlan], liveEnv())).status).toBe(0)
  const applied = await proxlbHere(['apply', applyPlan, '--yes', ...liveFlags()], liveEnv())
  expect(applied.stderr).not.toContain('error')
  journalText = readFileSync(applyPlan.replace(/\.json$/, '.journal.jsonl'), 'utf8')
  expect(journalText.split('\n').length).toBeGreaterThan(2)
}, 60_000)
afterAll(async () => {
  await emulator?.close()
  rmSync(dir, {recursive: true, force: true})
})

function expectCleanRefusal(run: Run, folder: string, out: string | undefined): void {
  const lines = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '))
  expect(lines, run.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^error: \S/)
  expect(lines[0]).not.toMatch(/internal error|Maximum call stack|\bat .*\.(ts|js):\d+|RangeError|TypeError/)
  expect(lines[0].length).toBeLessThan(600)
  expect(run.status).toBe(1)
  if (out) expect(existsSync(out)).toBe(false)
  expect(readdirSync(folder).filter((f) => f.includes('.proxlb-'))).toEqual([])
}

describe.each(FORMATS)('$name', (format) => {
  const random = seededRandom(SEED + format.name.length * 7919 + format.file.charCodeAt(0))
  let cases: Mutation[] = []
  beforeAll(() => {
    cases = mutations(format, random)
  })

  test('the valid file is accepted', async () => {
    const folder = join(dir, `${format.name}-valid`.replace(/\W+/g, '-'))
    mkdirSync(folder)
    const file = join(folder, format.file)
    writeFileSync(file, format.valid())
    const run = await proxlbHere(format.command(file, join(folder, 'out.json')), liveEnv())
    expect(run.stderr.split('\n').filter((l) => l.startsWith('error'))).toEqual([])
    expect(run.status).toBe(0)
  })

  test('every mutation: one clean line, exit 1, no output file', async () => {
    const callsBefore = emulator.calls().filter((c) => c.method === 'POST').length
    for (const [i, mutation] of cases.entries()) {
      const folder = join(dir, `${format.name}-${i}`.replace(/\W+/g, '-'))
      mkdirSync(folder)
      const file = join(folder, format.file)
      mutation.make(file)
      const out = format.noOut ? undefined : join(folder, 'out.json')
      const run = await proxlbHere(format.command(file, out ?? ''), liveEnv())
      try {
        expectCleanRefusal(run, folder, out)
      } catch (error) {
        throw new Error(`${format.name}, ${mutation.name} (seed ${SEED}): ${(error as Error).message}\n${run.stderr}`)
      }
    }
    // A refused journal starts nothing on the cluster.
    if (format.noOut) expect(emulator.calls().filter((c) => c.method === 'POST').length).toBe(callsBefore)
  }, 60_000)
})

describe('through node bin/run.js', () => {
  test.each(FORMATS.filter((f) => !f.noOut).map((f) => [f.name, f] as const))('%s: one of the mutations', async (_, format) => {
    const random = seededRandom(SEED + 1 + format.name.length)
    const all = mutations(format, random)
    for (const [i, mutation] of [all[Math.floor(random() * all.length)]].entries()) {
      const folder = join(dir, `bin-${format.name}-${i}`.replace(/\W+/g, '-'))
      mkdirSync(folder)
      const file = join(folder, format.file)
      mutation.make(file)
      const out = join(folder, 'out.json')
      const run = await proxlbAsync(format.command(file, out), {env: {PROXLB_IO_TIMEOUT: '0.2'}})
      try {
        expectCleanRefusal(run, folder, out)
      } catch (error) {
        throw new Error(`${format.name}, ${mutation.name} (seed ${SEED}): ${(error as Error).message}\n${run.stderr}`)
      }
    }
  }, 60_000)
})

