/**
 * File effects for commands: reading inputs with one-line errors, writing outputs
 * atomically (a temporary file in the same directory, flushed, then renamed over the
 * target), so a crash or a full disk never leaves a half-written plan or snapshot.
 */
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs'
import {basename, dirname, join} from 'node:path'
import {randomBytes} from 'node:crypto'
import {ProxlbError} from '../model/problems.js'

/** The bytes of a file, or a ProxlbError saying plainly why it cannot be read. */
export function readInputFile(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new ProxlbError(`cannot read ${what} ${path}: ${describeFsError(error)}`)
  }
}

/** Writes `content` to `path` so that readers see the old file or the whole new one, never a part. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', 0o644)
    const data = typeof content === 'string' ? Buffer.from(content) : content
    let written = 0
    while (written < data.length) written += writeSync(fd, data, written, data.length - written)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, path)
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    rmSync(temp, {force: true})
    throw new ProxlbError(`cannot write ${path}: ${describeFsError(error)}`)
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
    default:
      return (error as Error).message
  }
}
