/**
 * Users and API tokens for `proxlb emulate`, as given on the command line (`--user`,
 * `--token`) or in a file (`--users-file`, one per line, `#` comments): 
 *
 *   root@pam:secret                          a user and its password
 *   auditor@pve:look privileges=VM.Audit,Sys.Audit
 *   root@pam!proxlb=2f0c...                  an API token (user@realm!id=secret)
 *
 * `privileges=` limits what the user or token may do (PVE's privilege names, or `all`,
 * the default). Pure: returns what it read and every problem with its place.
 */
import type {Problem} from '../model/problems.js'
import {PRIVILEGES, type EmulatorToken, type EmulatorUser} from './auth.js'

export interface Credentials {
  users: EmulatorUser[]
  tokens: EmulatorToken[]
}

const USERID = /^[^\s:/@!]+@[A-Za-z][A-Za-z0-9.\-_]+$/
const KNOWN = new Set<string>(PRIVILEGES)

/** One credential: `user@realm:password` (users) or `user@realm!id=secret` (tokens), each optionally followed by ` privileges=...`. */
export function parseCredential(text: string, kind: 'user' | 'token' | 'any'): {user?: EmulatorUser; token?: EmulatorToken; error?: string} {
  const m = /^(\S.*?)(?:\s+privileges=(\S+))?\s*$/.exec(text)
  if (!m) return {error: 'empty'}
  const privileges = m[2] === undefined || m[2] === 'all' ? undefined : m[2].split(',').filter(Boolean)
  const unknown = privileges?.filter((p) => !KNOWN.has(p)) ?? []
  if (unknown.length) return {error: `unknown privilege ${unknown.map((p) => JSON.stringify(p)).join(', ')} (PVE names them like VM.Audit, VM.Migrate, Sys.Audit)`}
  const body = m[1]
  const bang = body.indexOf('!')
  if (bang >= 0 && kind !== 'user') {
    const eq = body.indexOf('=', bang)
    const userid = body.slice(0, bang)
    const name = body.slice(bang + 1, eq < 0 ? undefined : eq)
    if (eq < 0 || !USERID.test(userid) || !/^[A-Za-z][A-Za-z0-9.\-_]*$/.test(name) || eq === body.length - 1) {
      return {error: 'expected a token as user@realm!tokenid=secret'}
    }
    return {token: {tokenid: `${userid}!${name}`, secret: body.slice(eq + 1), ...(privileges ? {privileges} : {})}}
  }
  const colon = body.indexOf(':')
  if (kind === 'token') return {error: 'expected a token as user@realm!tokenid=secret'}
  if (colon < 0 || !USERID.test(body.slice(0, colon)) || colon === body.length - 1) return {error: 'expected a user as user@realm:password'}
  return {user: {userid: body.slice(0, colon), password: body.slice(colon + 1), ...(privileges ? {privileges} : {})}}
}

/** The credentials in a users file; problems carry `file:line`. */
export function parseCredentialsFile(text: string, file: string): Credentials & {problems: Problem[]} {
  const result: Credentials & {problems: Problem[]} = {users: [], tokens: [], problems: []}
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (!line || line.startsWith('#')) return
    const parsed = parseCredential(line, 'any')
    if (parsed.error) result.problems.push({file, location: String(i + 1), message: `${parsed.error}; see proxlb emulate --help`})
    if (parsed.user) result.users.push(parsed.user)
    if (parsed.token) result.tokens.push(parsed.token)
  })
  return result
}

/**
 * Users and tokens from the flags and an optional users file (its text and name). Problems
 * name the flag by position or the file by line, never the secret.
 */
export function collectCredentials(users: readonly string[], tokens: readonly string[], file?: {text: string; name: string}): Credentials & {problems: Problem[]} {
  const result: Credentials & {problems: Problem[]} = file ? parseCredentialsFile(file.text, file.name) : {users: [], tokens: [], problems: []}
  const add = (flag: '--user' | '--token', values: readonly string[]) =>
    values.forEach((value, i) => {
      const parsed = parseCredential(value, flag === '--user' ? 'user' : 'token')
      if (parsed.error) result.problems.push({file: `${flag} #${i + 1}`, location: '', message: parsed.error})
      if (parsed.user) result.users.push(parsed.user)
      if (parsed.token) result.tokens.push(parsed.token)
    })
  add('--user', users)
  add('--token', tokens)
  const seen = new Set<string>()
  for (const id of [...result.users.map((u) => u.userid), ...result.tokens.map((t) => t.tokenid)]) {
    if (seen.has(id)) result.problems.push({file: file?.name ?? '--user/--token', location: '', message: `${id} is given twice: give each user and token once`})
    seen.add(id)
  }
  return result
}
