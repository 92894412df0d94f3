/**
 * What proxlb does with the files it is given, as a user runs it (the compiled CLI in a
 * child process): every command with --out (plan, simulate, snapshot against the
 * emulator) writing to a device, a FIFO, a symbolic link, stdout, a directory, a folder it
 * may not write, a file it may not grow; and inputs that are FIFOs, pipes, stdin,
 * directories, too large, or CA files that hold no certificate. After each, no temporary
 * file is left anywhere.
 */
import {spawn, execFileSync} from 'node:child_process'
import {X509Certificate} from 'node:crypto'
import {chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {type Emulator, startEmulator} from '../../src/emulator/index.js'
import {SEED} from '../helpers/lab.js'
import {type CliResult, proxlbAsync, ROOT} from '../helpers/cli.js'

const TOKEN_ID = 'proxlb@pve!ro'
const TOKEN_SECRET = '0b5e3c8e-2f4d-4a57-9c1e-6a7d8b9c0d1e'
const TOKEN_ENV = {PROXLB_TOKEN_ID: TOKEN_ID, PROXLB_TOKEN_SECRET: TOKEN_SECRET}

let emulator: Emulator
let dir: string
let demo: string

beforeAll(async () => {
  emulator = await startEmulator({snapshot: SEED, port: 0, tokens: [{tokenid: TOKEN_ID, secret: TOKEN_SECRET}], migration: {instant: true}})
  dir = mkdtempSync(join(tmpdir(), 'proxlb-files-'))
  demo = readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8')
})
afterAll(async () => {
  await emulator?.close()
  rmSync(dir, {recursive: true, force: true})
})

/** The commands that write a file with --out, and what they write there. */
const COMMANDS: {name: string; args: () => string[]; env?: Record<string, string>; check: (written: unknown) => void}[] = [
  {name: 'plan', args: () => ['plan'], check: (w) => expect(w).toMatchObject({format: 'proxlb.plan/v1', moves: expect.any(Array)})},
  {name: 'simulate', args: () => ['simulate', '--fail', 'pve1'], check: (w) => expect(w).toMatchObject({format: 'proxlb.snapshot/v1', source: {kind: 'simulated'}})},
  {
    name: 'snapshot',
    args: () => ['snapshot', '--host', emulator.url, '--fingerprint', emulator.fingerprint!, '--retries', '0'],
    env: TOKEN_ENV,
    check: (w) => expect(w).toMatchObject({format: 'proxlb.snapshot/v1', cluster: {name: 'lab'}}),
  },
]

function fresh(name: string): string {
  const folder = join(dir, name)
  mkdirSync(folder, {recursive: true})
  return folder
}

/** Temporary files of proxlb's writes anywhere under `folder`. */
function temporaries(folder: string): string[] {
  return readdirSync(folder, {recursive: true, encoding: 'utf8'}).filter((f) => /\.proxlb-\d+-[0-9a-f]+\.tmp$/.test(f))
}

function expectOneLine(r: CliResult, pattern: RegExp): void {
  expect(r.status).toBe(1)
  const lines = r.stderr.split('\n').filter(Boolean)
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}

/** Runs the CLI as another user (nobody), for whom permissions hold (root's do not). */
function proxlbAs(uid: number, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {uid, gid: uid, env: {...process.env, ...env, NO_COLOR: '1'}, cwd: tmpdir(), timeout: 60_000})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.on('error', reject)
    child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr}))
  })
}

/** Reads a FIFO in another process (as `cat fifo > file` would), resolving to what it got. */
function readFifo(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('cat', [path])
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (text += c))
    child.on('error', reject)
    child.on('close', () => resolve(text))
  })
}

describe.each(COMMANDS)('$name --out', ({name, args, env, check}) => {
  test('/dev/null is written into, and stays the character device it was', async () => {
    const before = statSync('/dev/null')
    const r = await proxlbAsync([...args(), '--out', '/dev/null'], {env})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const after = lstatSync('/dev/null')
    expect(after.isCharacterDevice()).toBe(true)
    expect([after.rdev, after.mode]).toEqual([before.rdev, before.mode])
    expect(temporaries('/dev')).toEqual([])
  })

  test('/dev/full: one line, the device untouched', async () => {
    const r = await proxlbAsync([...args(), '--out', '/dev/full'], {env})
    expectOneLine(r, /^error: cannot write \/dev\/full: no space left on the device$/)
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true)
  })

  test('a FIFO: its reader gets the whole file', async () => {
    const fifo = join(fresh(`${name}-fifo`), 'out.json')
    execFileSync('mkfifo', [fifo])
    const received = readFifo(fifo)
    const r = await proxlbAsync([...args(), '--out', fifo], {env})
    expect(r.status).toBe(0)
    check(JSON.parse(await received))
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })

  test("a symbolic link: its target is replaced, keeping its mode; the link stays", async () => {
    const folder = fresh(`${name}-link`)
    const target = join(folder, 'real.json')
    writeFileSync(target, 'old')
    chmodSync(target, 0o640)
    symlinkSync('real.json', join(folder, 'link.json'))
    const r = await proxlbAsync([...args(), '--out', join(folder, 'link.json')], {env})
    expect(r.status).toBe(0)
    expect(readlinkSync(join(folder, 'link.json'))).toBe('real.json')
    check(JSON.parse(readFileSync(target, 'utf8')))
    expect(statSync(target).mode & 0o777).toBe(0o640)
    expect(temporaries(folder)).toEqual([])
  })

  test('-: the file alone on stdout, the summary on stderr', async () => {
    const r = await proxlbAsync([...args(), '--out', '-'], {env})
    expect(r.status).toBe(0)
    check(JSON.parse(r.stdout))
  })

  test('a directory: one line, nothing written', async () => {
    const folder = fresh(`${name}-dir`)
    const r = await proxlbAsync([...args(), '--out', folder], {env})
    expectOneLine(r, new RegExp(`^error: cannot write ${folder}: it is a directory; give the path of a file$`))
    expect(readdirSync(folder)).toEqual([])
  })

  test('a folder it may not write: one line, no file, no temporary file', async () => {
    const folder = fresh(`${name}-readonly`)
    chmodSync(folder, 0o555)
    const r = await proxlbAs(process.getuid?.() === 0 ? 65534 : process.getuid!(), [...args(), '--out', join(folder, 'out.json')], env)
    expectOneLine(r, new RegExp(`^error: cannot write ${folder}/out.json: permission denied$`))
    expect(readdirSync(folder)).toEqual([])
  })

  test('a file it may not grow (ulimit -f): one line, the old file kept whole, no temporary file', async () => {
    const folder = fresh(`${name}-fsize`)
    const out = join(folder, 'out.json')
    writeFileSync(out, 'the previous file\n')
    const command = [process.execPath, join(ROOT, 'bin', 'run.js'), ...args(), '--out', out].map((a) => `'${a}'`).join(' ')
    const r = await new Promise<CliResult>((resolve) => {
      const child = spawn('bash', ['-c', `ulimit -f 2; exec ${command}`], {env: {...process.env, ...env, NO_COLOR: '1', NODE_DISABLE_COMPILE_CACHE: '1'}})
      let stdout = ''
      let stderr = ''
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
      child.on('close', (status) => resolve({status: status ?? -1, stdout, stderr}))
    })
    expectOneLine(r, new RegExp(`^error: cannot write ${out}: the file would be larger than this process may write \\(ulimit -f\\)$`))
    expect(readFileSync(out, 'utf8')).toBe('the previous file\n')
    expect(temporaries(folder)).toEqual([])
  })
})

describe('writing files', () => {
  test('a temporary file left by a killed run is removed by the next write to the same file', async () => {
    const folder = fresh('abandoned')
    const abandoned = join(folder, '.plan.json.proxlb-999999999-0badcafe.tmp')
    const other = join(folder, '.other.json.proxlb-999999999-0badcafe.tmp')
    writeFileSync(abandoned, 'half a plan')
    writeFileSync(other, 'not ours to clean')
    const r = await proxlbAsync(['plan', '--out', join(folder, 'plan.json')])
    expect(r.status).toBe(0)
    expect(readdirSync(folder).sort()).toEqual(['.other.json.proxlb-999999999-0badcafe.tmp', 'plan.json'])
  })

  test('a dangling link: its target is created; a link into a missing folder: one line', async () => {
    const folder = fresh('dangling')
    symlinkSync('made.json', join(folder, 'link.json'))
    expect((await proxlbAsync(['plan', '--out', join(folder, 'link.json')])).status).toBe(0)
    expect(JSON.parse(readFileSync(join(folder, 'made.json'), 'utf8')).format).toMatch(/^proxlb\.\w+\/v1$/)
    symlinkSync('nowhere/x.json', join(folder, 'lost.json'))
    expectOneLine(await proxlbAsync(['plan', '--out', join(folder, 'lost.json')]), new RegExp(`^error: cannot write ${folder}/lost.json \\(the target of its link, ${folder}/nowhere/x.json\\): no such file or directory$`))
  })

  test('/dev/stdout gets the file when it is a socket (as a program runs proxlb); Node\'s own descriptors are refused', async () => {
    const r = await proxlbAsync(['plan', '--out', '/dev/stdout'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).format).toMatch(/^proxlb\.\w+\/v1$/)
    for (const fd of [3, 4, 5, 6, 7, 8]) {
      expectOneLine(await proxlbAsync(['plan', '--out', `/dev/fd/${fd}`]), new RegExp(`^error: cannot write /dev/fd/${fd}: (it is anon_inode:\\[\\w+\\], not a file|no pipe was opened there for proxlb \\(open one in the shell: --out >\\(command\\)\\)|no such file or directory)$`))
    }
  })

  test('SIGTERM during a write waits until the write is done, then ends the process as usual', () => {
    const folder = fresh('signal')
    const script = `const {holdingSignals} = require(${JSON.stringify(join(ROOT, 'dist/src/cli/files.js'))});
      holdingSignals(() => { process.kill(process.pid, 'SIGTERM'); require('fs').writeFileSync(${JSON.stringify(join(folder, 'done'))}, 'yes') })
      setTimeout(() => require('fs').writeFileSync(${JSON.stringify(join(folder, 'survived'))}, 'no'), 2000)`
    let signal: string | null = null
    try {
      execFileSync(process.execPath, ['-e', script], {stdio: 'ignore'})
    } catch (error) {
      signal = (error as {signal: string | null}).signal
    }
    expect(signal).toBe('SIGTERM')
    expect(readdirSync(folder)).toEqual(['done'])
  })
})

describe('reading files', () => {
  test('a FIFO nobody writes to: one line after the timeout, not a hang', async () => {
    const fifo = join(fresh('fifo-in'), 'snapshot.json')
    execFileSync('mkfifo', [fifo])
    const started = Date.now()
    const r = await proxlbAsync(['simulate', fifo], {env: {PROXLB_IO_TIMEOUT: '1'}})
    expectOneLine(r, new RegExp(`^error: cannot read snapshot ${fifo}: nothing arrived within 1 s: is anything writing to it\\? \\(PROXLB_IO_TIMEOUT sets the seconds to wait\\)$`))
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  test('a FIFO whose writer comes later, and stdin (-), are read', async () => {
    const fifo = join(fresh('fifo-late'), 'snapshot.json')
    execFileSync('mkfifo', [fifo])
    const writer = spawn('bash', ['-c', `sleep 0.5; cat > '${fifo}'`], {stdio: ['pipe', 'ignore', 'ignore']})
    writer.stdin.end(demo)
    const r = await proxlbAsync(['plan', fifo, '--json'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).snapshot.cluster).toBe('demo')
    const piped = await proxlbAsync(['plan', '-', '--json'], {input: demo})
    expect(piped.status).toBe(0)
    expect(JSON.parse(piped.stdout).snapshot.cluster).toBe('demo')
  })

  test('stdin is read once: a second "-" is one line', async () => {
    const r = await proxlbAsync(['simulate', '-', '--plan', '-'], {input: demo})
    expectOneLine(r, /^error: cannot read plan stdin \(-\): stdin was read already for another file: give this one as a file$/)
  })

  test.each([
    ['a snapshot above 64 MiB', 'snapshot.json', 65 * 2 ** 20, (f: string) => ['plan', f], 'snapshot', /it is 65 MiB, above the limit of 64 MiB for this kind of file \(see the README, Files\)$/],
    ['a policy above 4 MiB', 'policy.yaml', 5 * 2 ** 20, (f: string) => ['plan', '--policy', f], 'policy', /it is 5 MiB, above the limit of 4 MiB for this kind of file \(see the README, Files\)$/],
    ['a scenario above 4 MiB', 'scenario.yaml', 5 * 2 ** 20, (f: string) => ['simulate', '--scenario', f], 'scenario', /it is 5 MiB, above the limit of 4 MiB/],
    ['a config above 4 MiB', 'proxlb.conf', 5 * 2 ** 20, (f: string) => ['plan', '-c', f], 'config file', /it is 5 MiB, above the limit of 4 MiB/],
  ])('%s: one line naming the file, its size and the limit, before reading it', async (_, name, size, command, what, message) => {
    const file = join(fresh('large'), name)
    writeFileSync(file, '')
    truncateSync(file, size)
    const r = await proxlbAsync(command(file))
    expectOneLine(r, new RegExp(`^error: cannot read ${what} ${file}: ${message.source}`))
  })

  test('a device that never ends: one line at the limit', async () => {
    expectOneLine(await proxlbAsync(['plan', '/dev/zero']), /^error: cannot read snapshot \/dev\/zero: it holds more than 64 MiB, above the limit of 64 MiB for this kind of file/)
  })

  test('a directory: one line', async () => {
    const folder = fresh('dir-in')
    expectOneLine(await proxlbAsync(['plan', '--policy', folder]), new RegExp(`^error: cannot read policy ${folder}: it is a directory, not a file$`))
  })
})

describe('--ca-file', () => {
  const der = () => new X509Certificate(emulator.certificatePem!).raw
  test.each([
    ['text that is no certificate', () => 'just some notes\n', 'it holds no "-----BEGIN CERTIFICATE-----" block'],
    ['a DER certificate', der, 'it looks like a DER (binary) certificate: convert it with openssl x509 -inform der -in FILE -out ca.pem'],
    ['a private key', () => '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n', 'it holds a private key, not a certificate'],
    ['a damaged certificate', () => '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n', 'its certificate block is damaged'],
  ])('holding %s: refused in one line, before any request', async (_, content, why) => {
    const file = join(fresh('ca'), `${why.length}.pem`)
    writeFileSync(file, content())
    const before = emulator.calls().length
    const r = await proxlbAsync(['snapshot', '--host', emulator.url, '--ca-file', file], {env: TOKEN_ENV})
    expectOneLine(r, new RegExp(`^error: CA file ${file} \\(--ca-file\\) holds no PEM certificate: ${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; give the cluster's CA in PEM form, e\\.g\\. a copy of /etc/pve/pve-root-ca\\.pem$`))
    expect(emulator.calls().length).toBe(before)
  })

  test('a PEM file with the CA among other text is accepted', async () => {
    const file = join(fresh('ca-ok'), 'bundle.pem')
    writeFileSync(file, `# the cluster's CA\n${emulator.certificatePem}\ntrailing notes\n`)
    const r = await proxlbAsync(['snapshot', '--host', emulator.url, '--ca-file', file], {env: TOKEN_ENV})
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
