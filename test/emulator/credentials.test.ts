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
})
