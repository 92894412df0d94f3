/**
 * Users, API tokens and their privileges for `proxlb emulate`, as given on the command line
 * (`--user`, `--token`, `--role`) or in a file (`--users-file`, one per line, `#` comments):
 *
 *   root@pam:secret                                  a user and its password
 *   alice@pve:look acl=/:PVEAuditor                  roles on a path (propagating; PATH:ROLES:0 does not)
 *   bob@pve:x acl=/vms:PVEVMUser acl=/nodes:PVEAuditor:0
 *   auditor@pve:look privileges=VM.Audit,Sys.Audit   these privileges on / (a role of its own)
 *   alice@pve!ro=2f0c... acl=/:PVEAuditor            an API token, with privilege separation
 *   root@pam!ci=2f0c... privsep=0                    a token holding its user's privileges
 *
 * and, in a file, lines as Proxmox writes them to /etc/pve/user.cfg (copy them from a
 * cluster):
 *
 *   role:ProxlbReader:Sys.Audit,VM.Audit,Datastore.Audit,Pool.Audit:
 *   group:ops:alice@pve,bob@pve::
 *   acl:1:/pool:@ops,alice@pve!ops:PVEPoolAdmin:
 *
 * A user or token that nothing grants anything holds every privilege, as before ACLs
 * existed here; a token's privilege separation is on when it has grants of its own.
 * Options are recognised at the end of a line (a password may hold blanks and colons).
 * Pure: returns what it read and every problem with its place, never a secret.
 */
import type {Problem} from '../model/problems.js'
import {type AclEntry, BUILTIN_ROLES, isAclPath, normalizePath, PRIVILEGES} from './access.js'
import type {EmulatorAccess, EmulatorToken, EmulatorUser, Grant} from './auth.js'

export interface Credentials {
  users: EmulatorUser[]
  tokens: EmulatorToken[]
  access: Required<EmulatorAccess>
}

type Collected = Credentials & {problems: Problem[]}

const USERID = /^[^\s:/@!]+@[A-Za-z][A-Za-z0-9.\-_]+$/
const TOKENID = /^[^\s:/@!]+@[A-Za-z][A-Za-z0-9.\-_]+![A-Za-z][A-Za-z0-9.\-_]*$/
const ROLE_NAME = /^[A-Za-z0-9.\-_]+$/
const KNOWN = new Set<string>(PRIVILEGES)
const OPTION = /\s+(privileges|acl|privsep)=(\S*)$/

/** The roles each grant names, with where it was given, to check once every role is known. */
interface RoleUse {
  roles: readonly string[]
  where: Pick<Problem, 'file' | 'location'>
}

/** One credential: `user@realm:password` (users) or `user@realm!id=secret` (tokens), each optionally followed by options. */
export function parseCredential(text: string, kind: 'user' | 'token' | 'any'): {user?: EmulatorUser; token?: EmulatorToken; error?: string} {
  let body = text.trim()
  if (!body) return {error: 'empty'}
  const options: [string, string][] = []
  for (let m = OPTION.exec(body); m; m = OPTION.exec(body)) {
    options.unshift([m[1], m[2]])
    body = body.slice(0, m.index)
  }
  let privileges: string[] | undefined
  let privsep: boolean | undefined
  const acl: Grant[] = []
  for (const [name, value] of options) {
    if (name === 'privileges') {
      if (value !== 'all') {
        privileges = value.split(',').filter(Boolean)
        const error = privilegeError(privileges)
        if (error) return {error}
      }
    } else if (name === 'privsep') {
      if (value !== '0' && value !== '1') return {error: `privsep=${value}: expected privsep=1 (the token holds what both it and its user hold) or privsep=0 (its user's privileges)`}
      privsep = value === '1'
    } else {
      const grant = parseGrant(value)
      if (typeof grant === 'string') return {error: grant}
      acl.push(grant)
    }
  }
  const extras = {...(privileges ? {privileges} : {}), ...(acl.length ? {acl} : {})}
  const bang = body.indexOf('!')
  if (bang >= 0 && kind !== 'user') {
    const eq = body.indexOf('=', bang)
    const tokenid = eq < 0 ? body : body.slice(0, eq)
    if (eq < 0 || !TOKENID.test(tokenid) || eq === body.length - 1) return {error: 'expected a token as user@realm!tokenid=secret'}
    return {token: {tokenid, secret: body.slice(eq + 1), ...extras, ...(privsep !== undefined ? {privsep} : {})}}
  }
  const colon = body.indexOf(':')
  if (kind === 'token') return {error: 'expected a token as user@realm!tokenid=secret'}
  if (colon < 0 || !USERID.test(body.slice(0, colon)) || colon === body.length - 1) return {error: 'expected a user as user@realm:password'}
  if (privsep !== undefined) return {error: 'privsep= is for API tokens, not users'}
  return {user: {userid: body.slice(0, colon), password: body.slice(colon + 1), ...extras}}
}

/** `PATH:ROLE[,ROLE][:0|1]` as in `acl=/vms:PVEVMUser:0`, or what is wrong with it. */
function parseGrant(value: string): Grant | string {
  const m = /^([^:]+):([^:]+)(?::([01]))?$/.exec(value)
  const how = 'expected acl=PATH:ROLE[,ROLE][:0] such as acl=/:PVEAuditor or acl=/vms:PVEVMUser:0 (0: not propagated)'
  if (!m) return `acl=${value}: ${how}`
  const path = normalizePath(m[1])
  if (!path || !isAclPath(path)) return `acl=${value}: invalid ACL path '${m[1]}' (paths such as /, /vms/100, /nodes/pve1, /storage/local, /pool/prod)`
  return {path, roles: m[2].split(',').filter(Boolean), ...(m[3] === '0' ? {propagate: false} : {})}
}

function privilegeError(privileges: readonly string[]): string | undefined {
  const unknown = privileges.filter((p) => !KNOWN.has(p))
  return unknown.length ? `unknown privilege ${unknown.map((p) => JSON.stringify(p)).join(', ')} (PVE names them like VM.Audit, VM.Migrate, Sys.Audit)` : undefined
}

/** `NAME:PRIV,PRIV` (the --role flag, and a user.cfg `role:` line without its prefix). */
export function parseRole(text: string): {name: string; privileges: string[]} | {error: string} {
  const m = /^([^:\s]+):([^:\s]*):?$/.exec(text.trim())
  if (!m || !ROLE_NAME.test(m[1])) return {error: 'expected a role as NAME:PRIVILEGE,PRIVILEGE (for example ProxlbReader:Sys.Audit,VM.Audit)'}
  if (BUILTIN_ROLES[m[1]]) return {error: `role ${m[1]} is built in: give your role another name`}
  const privileges = m[2].split(',').filter(Boolean)
  const error = privilegeError(privileges)
  return error ? {error} : {name: m[1], privileges}
}

/** A user.cfg line: `role:`, `group:` or `acl:`; undefined for other lines. */
function parseConfigLine(line: string, into: Collected, where: Pick<Problem, 'file' | 'location'>, uses: RoleUse[]): boolean {
  const kind = /^(role|group|acl):/.exec(line)?.[1]
  if (!kind) return false
  const fields = line.slice(kind.length + 1).split(':')
  const fail = (message: string) => into.problems.push({...where, message: `${message}; see proxlb emulate --help`})
  if (kind === 'role') {
    const role = parseRole(fields.slice(0, 2).join(':'))
    if ('error' in role) fail(role.error)
    else into.access.roles[role.name] = role.privileges
  } else if (kind === 'group') {
    const [name, members = ''] = fields
    if (!name || !ROLE_NAME.test(name)) fail('expected a group as group:NAME:USER,USER:')
    else into.access.groups[name] = members.split(',').filter(Boolean)
  } else {
    const [propagate, rawPath = '', ugids = '', roles = ''] = fields
    const path = normalizePath(rawPath)
    if ((propagate !== '0' && propagate !== '1') || !ugids || !roles) fail('expected an ACL as acl:PROPAGATE:PATH:USERS:ROLES: (for example acl:1:/:alice@pve:PVEAuditor:)')
    else if (!path || !isAclPath(path)) fail(`invalid ACL path '${rawPath}'`)
    else if (ugids.split(',').some((u) => !/^@[A-Za-z0-9.\-_]+$/.test(u) && !USERID.test(u) && !TOKENID.test(u))) fail(`expected users as user@realm, tokens as user@realm!id and groups as @group, got '${ugids}'`)
    else {
      const entryRoles = roles.split(',').filter(Boolean)
      for (const ugid of ugids.split(',').filter(Boolean)) into.access.acl.push({path, ugid, roles: entryRoles, propagate: propagate === '1'} satisfies AclEntry)
      uses.push({roles: entryRoles, where})
    }
  }
  return true
}

function addCredential(line: string, kind: 'user' | 'token' | 'any', into: Collected, where: Pick<Problem, 'file' | 'location'>, uses: RoleUse[], hint: string): void {
  const parsed = parseCredential(line, kind)
  if (parsed.error) into.problems.push({...where, message: `${parsed.error}${hint}`})
  const added = parsed.user ?? parsed.token
  if (parsed.user) into.users.push(parsed.user)
  if (parsed.token) into.tokens.push(parsed.token)
  if (added?.acl) uses.push({roles: added.acl.flatMap((g) => g.roles), where})
}

function empty(): Collected {
  return {users: [], tokens: [], access: {roles: {}, groups: {}, acl: []}, problems: []}
}

/** The credentials in a users file; problems carry `file:line`. */
export function parseCredentialsFile(text: string, file: string): Collected {
  const result = empty()
  collectFile(text, file, result, [])
  return result
}

function collectFile(text: string, file: string, into: Collected, uses: RoleUse[]): void {
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (!line || line.startsWith('#')) return
    const where = {file, location: String(i + 1)}
    if (!parseConfigLine(line, into, where, uses)) addCredential(line, 'any', into, where, uses, '; see proxlb emulate --help')
  })
}

/**
 * Users, tokens, roles and ACLs from the flags and an optional users file (its text and
 * name). Problems name the flag by position or the file by line, never the secret.
 */
export function collectCredentials(users: readonly string[], tokens: readonly string[], file?: {text: string; name: string}, roles: readonly string[] = []): Collected {
  const result = empty()
  const uses: RoleUse[] = []
  if (file) collectFile(file.text, file.name, result, uses)
  roles.forEach((value, i) => {
    const role = parseRole(value)
    if ('error' in role) result.problems.push({file: `--role #${i + 1}`, location: '', message: role.error})
    else result.access.roles[role.name] = role.privileges
  })
  users.forEach((value, i) => addCredential(value, 'user', result, {file: `--user #${i + 1}`, location: ''}, uses, ''))
  tokens.forEach((value, i) => addCredential(value, 'token', result, {file: `--token #${i + 1}`, location: ''}, uses, ''))
  const known = new Set([...Object.keys(BUILTIN_ROLES), ...Object.keys(result.access.roles)])
  for (const use of uses) {
    const unknown = use.roles.filter((r) => !known.has(r))
    if (unknown.length) result.problems.push({...use.where, message: `role ${unknown.map((r) => `'${r}'`).join(', ')} does not exist: use a built-in role (PVEAuditor, PVEVMAdmin, Administrator, NoAccess ...) or define it with --role or a role: line`})
  }
  for (const entry of result.access.acl) {
    if (entry.ugid.startsWith('@') && !result.access.groups[entry.ugid.slice(1)]) {
      result.problems.push({file: file?.name ?? '--users-file', location: '', message: `group '${entry.ugid.slice(1)}' does not exist: add a group:${entry.ugid.slice(1)}:USERS: line`})
    }
  }
  const seen = new Set<string>()
  for (const id of [...result.users.map((u) => u.userid), ...result.tokens.map((t) => t.tokenid)]) {
    if (seen.has(id)) result.problems.push({file: file?.name ?? '--user/--token', location: '', message: `${id} is given twice: give each user and token once`})
    seen.add(id)
  }
  return result
}
