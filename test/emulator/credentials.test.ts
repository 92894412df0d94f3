/** Users and tokens as `proxlb emulate` reads them from flags and files. */
import {describe, expect, test} from 'vitest'
import {collectCredentials, parseCredential} from '../../src/emulator/credentials.js'

describe('credentials for the emulator', () => {
  test.each([
    ['root@pam:proxlb', {user: {userid: 'root@pam', password: 'proxlb'}}],
    ['ops@pve:pa:ss word', {user: {userid: 'ops@pve', password: 'pa:ss word'}}],
    ['ro@pve:x privileges=VM.Audit,Sys.Audit', {user: {userid: 'ro@pve', password: 'x', privileges: ['VM.Audit', 'Sys.Audit']}}],
    ['root@pam!ci=abc-123', {token: {tokenid: 'root@pam!ci', secret: 'abc-123'}}],
    ['root@pam!ci=abc privileges=all', {token: {tokenid: 'root@pam!ci', secret: 'abc'}}],
    ['alice@pve:pw acl=/:PVEAuditor acl=//vms/100/:PVEVMUser,PVEPoolUser:0', {
      user: {userid: 'alice@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}, {path: '/vms/100', roles: ['PVEVMUser', 'PVEPoolUser'], propagate: false}]},
    }],
    ['alice@pve!ro=s3 acl=/:ProxlbReader', {token: {tokenid: 'alice@pve!ro', secret: 's3', acl: [{path: '/', roles: ['ProxlbReader']}]}}],
    ['alice@pve!full=s3 privsep=0', {token: {tokenid: 'alice@pve!full', secret: 's3', privsep: false}}],
    ['bob@pve:a secret with acl=/ inside', {user: {userid: 'bob@pve', password: 'a secret with acl=/ inside'}}],
  ])('reads %s', (text, expected) => {
    expect(parseCredential(text, 'any')).toEqual(expected)
  })

  test.each([
    ['rootpam:x', 'user', 'expected a user as user@realm:password'],
    ['root@pam:', 'user', 'expected a user as user@realm:password'],
    ['root@pam!ci=x', 'user', 'expected a user as user@realm:password'],
    ['root@pam:x', 'token', 'expected a token as user@realm!tokenid=secret'],
    ['root@pam!ci', 'token', 'expected a token as user@realm!tokenid=secret'],
    ['root@pam!ci=', 'any', 'expected a token as user@realm!tokenid=secret'],
    ['a@pve:x privileges=VM.Fly', 'any', 'unknown privilege "VM.Fly" (PVE names them like VM.Audit, VM.Migrate, Sys.Audit)'],
    ['a@pve:x acl=/vms', 'any', 'acl=/vms: expected acl=PATH:ROLE[,ROLE][:0] such as acl=/:PVEAuditor or acl=/vms:PVEVMUser:0 (0: not propagated)'],
    ['a@pve:x acl=/cluster:PVEAuditor', 'any', "acl=/cluster:PVEAuditor: invalid ACL path '/cluster' (paths such as /, /vms/100, /nodes/pve1, /storage/local, /pool/prod)"],
    ['a@pve!t=x privsep=yes', 'any', 'privsep=yes: expected privsep=1 (the token holds what both it and its user hold) or privsep=0 (its user\'s privileges)'],
    ['a@pve:x privsep=1', 'any', 'privsep= is for API tokens, not users'],
  ] as const)('refuses %s as a %s', (text, kind, error) => {
    const parsed = parseCredential(text, kind)
    expect(parsed).toEqual({error})
  })

  test('a file: comments and blank lines skipped, problems by line, duplicates named', () => {
    const result = collectCredentials(['root@pam:again'], [], {name: 'users.txt', text: '# admins\nroot@pam:one\n\n  \nbroken-secret\nroot@pam!ci=t\n'})
    expect(result.users.map((u) => u.userid)).toEqual(['root@pam', 'root@pam'])
    expect(result.tokens.map((t) => t.tokenid)).toEqual(['root@pam!ci'])
    expect(result.problems).toEqual([
      {file: 'users.txt', location: '5', message: 'expected a user as user@realm:password; see proxlb emulate --help'},
      {file: 'users.txt', location: '', message: 'root@pam is given twice: give each user and token once'},
    ])
    expect(JSON.stringify(result.problems)).not.toContain('broken-secret')
  })

  test('roles, groups and ACL lines as Proxmox writes them to user.cfg; roles must exist wherever they are used', () => {
    const text = [
      'role:ProxlbReader:Sys.Audit,VM.Audit:',
      'group:ops:alice@pve,bob@pve::',
      'acl:1:/pool:@ops,alice@pve!t:PVEPoolAdmin:',
      'acl:0:/vms:bob@pve:ProxlbReader:',
      'alice@pve:pw acl=/:ProxlbReader',
      'bob@pve:pw acl=/nodes:Nonexistent',
      'acl:1:/:@nobody:PVEAuditor:',
      'role:PVEAuditor:VM.Audit:',
    ].join('\n')
    const result = collectCredentials([], [], {name: 'users.cfg', text}, ['Lock:Pool.Allocate', 'bad'])
    expect(result.access).toEqual({
      roles: {ProxlbReader: ['Sys.Audit', 'VM.Audit'], Lock: ['Pool.Allocate']},
      groups: {ops: ['alice@pve', 'bob@pve']},
      acl: [
        {path: '/pool', ugid: '@ops', roles: ['PVEPoolAdmin'], propagate: true},
        {path: '/pool', ugid: 'alice@pve!t', roles: ['PVEPoolAdmin'], propagate: true},
        {path: '/vms', ugid: 'bob@pve', roles: ['ProxlbReader'], propagate: false},
        {path: '/', ugid: '@nobody', roles: ['PVEAuditor'], propagate: true},
      ],
    })
    expect(result.problems.map((p) => `${p.file}:${p.location}: ${p.message}`)).toEqual([
      'users.cfg:8: role PVEAuditor is built in: give your role another name; see proxlb emulate --help',
      '--role #2:: expected a role as NAME:PRIVILEGE,PRIVILEGE (for example ProxlbReader:Sys.Audit,VM.Audit)',
      "users.cfg:6: role 'Nonexistent' does not exist: use a built-in role (PVEAuditor, PVEVMAdmin, Administrator, NoAccess ...) or define it with --role or a role: line",
      "users.cfg:: group 'nobody' does not exist: add a group:nobody:USERS: line",
    ])
  })
})
