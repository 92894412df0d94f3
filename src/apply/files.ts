/**
 * Every file a command reads or writes goes through here, so every format behaves alike.
 *
 * Reading (readInputFile): each kind of file has a size limit (INPUT_LIMITS), checked
 * before anything is read. Regular files are read whole. FIFOs, pipes (`<(command)`,
 * /dev/stdin) and character devices are read as a stream up to the limit and given up
 * when nothing arrives for IO_TIMEOUT_SECONDS: a FIFO nobody writes to must not hang
 * proxlb. `-` is stdin, once per run. A directory or socket is refused.
 *
 * Writing (writeFileAtomic): `-` is stdout (the command's own view then goes to stderr).
 * A regular file, or a new one, is replaced atomically: a temporary file in the same
 * folder, flushed and renamed over it, with the old file's mode and owner, so a crash or a
 * full disk never leaves a half-written plan. A symbolic link is followed and its target
 * replaced that way, the link kept. A device or FIFO is written directly, never renamed
 * over (`--out /dev/null` as root must leave /dev/null a device). A directory is refused.
 * No temporary file outlives a write: errors remove it, SIGINT/SIGTERM/SIGHUP wait until
 * it is gone, and one left by a killed run (`.NAME.proxlb-PID-HEX.tmp`) is removed by the
 * next write to the same file.
 */
import {
  closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, renameSync, rmSync,
  statSync, type Stats, writeSync,
} from 'node:fs'
import {basename, dirname, join, resolve} from 'node:path'
import {randomBytes} from 'node:crypto'
import {ProxlbError} from '../model/problems.js'
import {formatBytes} from '../model/units.js'

const MiB = 2 ** 20

/** A file that cannot be read or written (machine output: code "file", where: the file). */
export class FileError extends ProxlbError {
  constructor(message: string, file: string) {
    super(message, 1, file)
  }
}

/**
 * The most bytes proxlb reads from one file of each kind. A snapshot of 100 nodes and
 * 12,000 guests is 9–15 MB, its plan a few; policies, scenarios and configs are written
 * by hand and stay far below a megabyte.
 */
export const INPUT_LIMITS = {
  /** Snapshots, plans, drain records, journals. */
  json: 64 * MiB,
  /** Policies, scenarios, configs (YAML or ProxLB INI), users files. */
  text: 4 * MiB,
  /** Certificates and keys (PEM). */
  pem: 4 * MiB,
  /** Files holding a password or a token secret. */
  secret: 64 * 1024,
} as const

/** How long a FIFO, pipe or device may stay silent before reading (or writing) it is given up. */
export const IO_TIMEOUT_SECONDS = 60

const STDIN = '-'

/** The bytes of a file, or a ProxlbError saying plainly why it cannot be read. */
export function readInputFile(path: string, what: string, limit: number): Uint8Array {
  const name = path === STDIN ? 'stdin (-)' : path
  const fail = (why: string) => new FileError(`cannot read ${what} ${name}: ${why}`, name)
  if (path === STDIN) {
    if (streams.stdinRead) throw fail('stdin was read already for another file: give this one as a file')
    streams.stdinRead = true
  }
  let fd: number
  try {
    // stdin as it is: opened anew it might be a socket (which cannot be opened) or read from its start again.
    fd = path === STDIN ? 0 : openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw fail(describeFsError(error))
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) throw fail('it is a directory, not a file')
    const tooLarge = (size: number, whole: boolean) =>
      fail(`${whole ? `it is ${formatBytes(size)}` : `it holds more than ${formatBytes(limit)}`}, above the limit of ${formatBytes(limit)} for this kind of file (see the README, Files)`)
    if (stat.isFile()) {
      if (stat.size > limit) throw tooLarge(stat.size, true)
      return readRegular(fd, stat.size, limit, tooLarge)
    }
    if (path === STDIN && isTerminal(fd)) throw fail('stdin is a terminal: pipe the file in (proxlb ... - < FILE) or name the file')
    return readStream(fd, limit, tooLarge, path !== STDIN && stat.isFIFO() && !isAnonymousPipe(fd), fail)
  } catch (error) {
    if (error instanceof ProxlbError) throw error
    throw fail(describeFsError(error))
  } finally {
    if (fd !== 0) closeSync(fd)
  }
}

function readRegular(fd: number, size: number, limit: number, tooLarge: (size: number, whole: boolean) => ProxlbError): Uint8Array {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    // The size fstat saw and one byte more, then on to the limit and one byte beyond it: a file that grew meanwhile is read, or refused.
    const chunk = Buffer.allocUnsafe(Math.min(total === 0 ? size + 1 : 16 * MiB, limit + 1 - total))
    const n = readSync(fd, chunk, 0, chunk.length, null)
    if (n === 0) break
    total += n
    if (total > limit) throw tooLarge(total, false)
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n))
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)
}

/**
 * Reads a FIFO, pipe or device to its end, at most `limit` bytes, waiting at most the
 * timeout for each next byte. A named FIFO reads as ended before any writer opened it,
 * so an end before the first byte only counts once the timeout is over.
 */
function readStream(fd: number, limit: number, tooLarge: (size: number, whole: boolean) => ProxlbError, waitForWriter: boolean, fail: (why: string) => ProxlbError): Uint8Array {
  const timeout = timeoutSeconds()
  const chunks: Buffer[] = []
  let total = 0
  let lastData = Date.now()
  let chunk = Buffer.allocUnsafe(64 * 1024)
  for (;;) {
    let n: number
    try {
      n = readSync(fd, chunk, 0, chunk.length, null)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
      n = -1
    }
    if (n > 0) {
      total += n
      if (total > limit) throw tooLarge(total, false)
      chunks.push(chunk.subarray(0, n))
      chunk = Buffer.allocUnsafe(64 * 1024)
      lastData = Date.now()
      continue
    }
    if (n === 0 && (total > 0 || !waitForWriter)) break
    if (Date.now() - lastData > timeout * 1000) {
      throw fail(total === 0 ? `nothing arrived within ${timeout} s: is anything writing to it? (PROXLB_IO_TIMEOUT sets the seconds to wait)` : `nothing more arrived within ${timeout} s after ${formatBytes(total)} (PROXLB_IO_TIMEOUT sets the seconds to wait)`)
    }
    pause(10)
  }
  return Buffer.concat(chunks, total)
}

/**
 * Writes `content` to `path`: to stdout for `-`, directly into a device or FIFO, and
 * otherwise so that readers see the old file or the whole new one, never a part.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const data = typeof content === 'string' ? Buffer.from(content) : content
  const fail = (error: unknown, where = path) => new FileError(`cannot write ${path}${where === path ? '' : ` (the target of its link, ${where})`}: ${describeFsError(error)}`, path)
  let target: Target
  try {
    target = path === '-' ? {fd: 1} : linkTarget(path)
  } catch (error) {
    throw fail(error)
  }
  if ('fd' in target) {
    if (target.fd === 1) {
      streams.stdoutTaken = true
      process.stdout.write(data)
      return
    }
    try {
      return writeAll(target.fd, data, timeoutSeconds())
    } catch (error) {
      throw fail(error)
    }
  }
  if (target.stat?.isDirectory()) throw new FileError(`cannot write ${path}: it is a directory; give the path of a file`, path)
  try {
    if (target.stat && !target.stat.isFile()) writeDirectly(target.path, data, target.stat.isFIFO())
    else replaceAtomically(target.path, data, target.stat)
  } catch (error) {
    throw fail(error, target.path)
  }
}

/** A path and what is there now (nothing: a new file), or one of this process's open files (/dev/stdout, /dev/fd/N). */
type Target = {path: string; stat?: Stats} | {fd: number}

/**
 * Where writing `path` lands: the path itself, or what its chain of symbolic links ends
 * at. /dev/stdout and /dev/stderr are written through the descriptor, whatever it is (a
 * socket cannot be opened anew). Another /dev/fd/N is a pipe or file the shell opened
 * (`--out >(command)`, `9> FILE`) and is opened through its link; Node's own descriptors
 * behind such links (its event loop's pipes, eventfd, epoll) are refused, never written.
 */
function linkTarget(path: string): Target {
  let current = path
  for (let hops = 0; hops <= 40; hops++) {
    const own = /^\/(?:proc\/self|dev)\/fd\/(\d+)$/.exec(current)
    if (own && Number(own[1]) <= 2) return {fd: Number(own[1])}
    let stat: Stats
    try {
      stat = lstatSync(current)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {path: current}
      throw error
    }
    if (!stat.isSymbolicLink()) return {path: current, stat}
    const next = readlinkSync(current)
    if (/^pipe:/.test(next) && ownPipe(next)) throw Object.assign(new Error('no pipe was opened there for proxlb (open one in the shell: --out >(command))'), {code: 'EBADF'})
    if (/^(pipe|socket):/.test(next)) return {path: current, stat: statSync(current)}
    if (!next.startsWith('/') && /^[a-z_]+:\[/.test(next)) throw Object.assign(new Error(`it is ${next}, not a file`), {code: 'EBADF'})
    current = resolve(dirname(current), next)
  }
  throw Object.assign(new Error('too many levels of symbolic links'), {code: 'ELOOP'})
}

function replaceAtomically(path: string, data: Uint8Array, existing: Stats | undefined): void {
  const folder = dirname(path)
  const name = basename(path)
  removeAbandonedTemporaries(folder, name)
  const temp = join(folder, `.${name}.proxlb-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  holdingSignals(() => {
    let fd: number | undefined
    try {
      fd = openSync(temp, 'wx', 0o644)
      writeAll(fd, data)
      if (existing) keepModeAndOwner(fd, existing)
      fsyncSync(fd)
      closeSync(fd)
      fd = undefined
      renameSync(temp, path)
    } catch (error) {
      if (fd !== undefined) closeSync(fd)
      rmSync(temp, {force: true})
      throw error
    }
  })
  syncFolder(folder)
}

function keepModeAndOwner(fd: number, existing: Stats): void {
  fchmodSync(fd, existing.mode & 0o7777)
  try {
    if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) fchownSync(fd, existing.uid, existing.gid)
  } catch {
    // Only root may give a file away; the new file then belongs to whoever runs proxlb.
  }
}

/** Devices and FIFOs: opened without creating, written in place, waiting for a FIFO's reader up to the timeout. */
function writeDirectly(path: string, data: Uint8Array, fifo: boolean): void {
  const timeout = timeoutSeconds()
  const started = Date.now()
  let fd: number
  for (;;) {
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK)
      break
    } catch (error) {
      // ENXIO: a FIFO nobody reads yet.
      if (!fifo || (error as NodeJS.ErrnoException).code !== 'ENXIO' || Date.now() - started > timeout * 1000) throw error
      pause(10)
    }
  }
  try {
    writeAll(fd, data, timeout)
  } finally {
    closeSync(fd)
  }
}

function writeAll(fd: number, data: Uint8Array, timeout?: number): void {
  let written = 0
  let lastProgress = Date.now()
  while (written < data.length) {
    try {
      written += writeSync(fd, data, written, data.length - written)
      lastProgress = Date.now()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || timeout === undefined) throw error
      if (Date.now() - lastProgress > timeout * 1000) throw Object.assign(new Error(`nothing more was read from it within ${timeout} s`), {code: 'ETIMEDOUT'})
      pause(10)
    }
  }
}

/** Temporary files of writes to `name` whose process is gone (killed before it could clean up). */
function removeAbandonedTemporaries(folder: string, name: string): void {
  const prefix = `.${name}.proxlb-`
  let entries: string[]
  try {
    entries = readdirSync(folder).filter((entry) => entry.startsWith(prefix) && entry.endsWith('.tmp'))
  } catch {
    return // the write itself will say what is wrong with the folder
  }
  for (const entry of entries) {
    const pid = Number(/^(\d+)-[0-9a-f]+\.tmp$/.exec(entry.slice(prefix.length))?.[1])
    if (pid && pid !== process.pid && !isAlive(pid)) rmSync(join(folder, entry), {force: true})
  }
}

/** Whether a process of this machine with that pid runs (one of another user's counts too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const HELD_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * Runs `work` (synchronous) with SIGINT, SIGTERM and SIGHUP held back, then delivers the
 * first that came, with its usual effect, once the event loop runs again. Signals a
 * command handles itself (apply stops between migrations) are left to it.
 */
export function holdingSignals<T>(work: () => T): T {
  const caught: NodeJS.Signals[] = []
  const hold = (signal: NodeJS.Signals) => caught.push(signal)
  const held = HELD_SIGNALS.filter((signal) => process.listenerCount(signal) === 0)
  for (const signal of held) process.on(signal, hold)
  try {
    return work()
  } finally {
    // A signal that arrived during `work` is handled when the loop polls, before this runs.
    setImmediate(() => {
      for (const signal of held) process.off(signal, hold)
      if (caught.length > 0) process.kill(process.pid, caught[0])
    })
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Some file systems cannot sync a folder; the file itself was synced.
  }
}

/** What this run did with its standard streams; commands ask before they print. */
const streams = {stdinRead: false, stdoutTaken: false}

/** True once a file was written to stdout (`--out -`): the command's view then belongs on stderr. */
export function stdoutTaken(): boolean {
  return streams.stdoutTaken
}

/** Forgets what the previous command did with stdin and stdout (one process may run several, in tests). */
export function resetStreams(): void {
  streams.stdinRead = false
  streams.stdoutTaken = false
}

function timeoutSeconds(): number {
  const configured = Number(process.env.PROXLB_IO_TIMEOUT)
  return Number.isFinite(configured) && configured > 0 ? configured : IO_TIMEOUT_SECONDS
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

function pause(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms)
}

function isTerminal(fd: number): boolean {
  return (require('node:tty') as typeof import('node:tty')).isatty(fd)
}

/**
 * Whether `link` (pipe:[N]) is a pipe this process holds both ends of: one of Node's own
 * (its event loop wakes itself through such pipes), never a pipe given to proxlb.
 */
function ownPipe(link: string): boolean {
  const linkOf = (fd: string) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`)
    } catch {
      return undefined // the listing's own descriptor, closed by now
    }
  }
  return readdirSync('/proc/self/fd').filter((fd) => linkOf(fd) === link).length > 1
}

/** A pipe made by the shell (`<(...)`, `|`): its writer is there already, so its end is the end. */
function isAnonymousPipe(fd: number): boolean {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`).startsWith('pipe:')
  } catch {
    return false
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory, not a file'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EROFS':
      return 'the file system is read-only'
    case 'ENOTDIR':
      return 'a part of the path is not a directory'
    case 'ENXIO':
      return 'nothing is there to read or write (a socket, or a FIFO no process opened)'
    case 'ELOOP':
      return 'too many levels of symbolic links'
    case 'EFBIG':
      return 'the file would be larger than this process may write (ulimit -f)'
    case 'ENAMETOOLONG':
      return 'the name is too long'
    default:
      return (error as Error).message
  }
}
