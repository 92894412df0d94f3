/**
 * The `pveum` commands of the README's least-privilege guide, carried out on the
 * emulator's configuration as Proxmox carries them out on user.cfg: `role add`,
 * `user add`, `user token add` (privilege separation as asked, a secret made up here),
 * `acl modify` (propagating unless `--propagate 0`). Anything else is refused, so the
 * guide cannot hold a command the test does not run.
 */
import type {EmulatorOptions} from '../../src/emulator/index.js'

export interface PveumSetup {
  options: Pick<EmulatorOptions, 'users' | 'tokens' | 'access'>
  /** Token id -> its secret. */
  secrets: Map<string, string>
}

/** Splits a shell command line: words, '...' and "..." quoted parts. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3])
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i < 0 ? undefined : args[i + 1]
}

export function pveumSetup(commands: readonly string[], password = 'not-used'): PveumSetup {
  const roles: Record<string, string[]> = {}
  const users: NonNullable<EmulatorOptions['users']> = []
  const tokens: NonNullable<EmulatorOptions['tokens']> = []
  const acl: NonNullable<NonNullable<EmulatorOptions['access']>['acl']> = []
  const secrets = new Map<string, string>()
  for (const line of commands) {
    const [tool, ...args] = words(line)
    if (tool !== 'pveum') throw new Error(`not a pveum command: ${line}`)
    const verb = args.slice(0, args[0] === 'user' && args[1] === 'token' ? 3 : 2).join(' ')
    const rest = args.slice(verb.split(' ').length)
    switch (verb) {
      case 'role add':
        roles[rest[0]] = (option(rest, '--privs') ?? '').split(',').filter(Boolean)
        break
      case 'user add':
        users.push({userid: rest[0], password})
        break
      case 'user token add': {
        const tokenid = `${rest[0]}!${rest[1]}`
        const secret = `secret-of-${rest[1]}`
        secrets.set(tokenid, secret)
        tokens.push({tokenid, secret, privsep: option(rest, '--privsep') !== '0'})
        break
      }
      case 'acl modify': {
        const ugids = [...(option(rest, '--users')?.split(',') ?? []), ...(option(rest, '--tokens')?.split(',') ?? []), ...(option(rest, '--groups')?.split(',').map((g) => `@${g}`) ?? [])]
        for (const ugid of ugids) acl.push({path: rest[0], ugid, roles: (option(rest, '--roles') ?? '').split(','), propagate: option(rest, '--propagate') !== '0'})
        break
      }
      default:
        throw new Error(`pveum ${verb} is not carried out by this test: ${line}`)
    }
  }
  return {options: {users, tokens, access: {roles, acl}}, secrets}
}
