/**
 * What `proxlb emulate` prints: one line when it listens (where, who may log in, the
 * certificate's fingerprint) and one per request with --verbose. Passwords and token
 * secrets the user chose are never printed, only the default password (documented).
 */
import type {CallRecord} from '../emulator/index.js'

export interface EmulatorStart {
  url: string
  cluster: string
  nodes: number
  guests: number
  users: string[]
  tokens: string[]
  /** True when no credentials were given and root@pam logs in with the default password. */
  defaultLogin: boolean
  fingerprint?: string
}

export function renderEmulatorStart(s: EmulatorStart): string {
  const login = s.defaultLogin
    ? 'log in as root@pam with password proxlb'
    : [s.users.length ? `users ${s.users.join(', ')}` : '', s.tokens.length ? `tokens ${s.tokens.join(', ')}` : ''].filter(Boolean).join('; ') + ' (secrets as given)'
  const certificate = s.fingerprint ? `; certificate SHA-256 ${s.fingerprint}` : ''
  return `proxlb emulate: cluster ${s.cluster} (${s.nodes} nodes, ${s.guests} guests) at ${s.url}; ${login}${certificate}; Ctrl-C stops`
}

export function renderCall(call: CallRecord & {ms: number}): string {
  return `${call.method} ${call.path} ${call.status} ${call.ms.toFixed(1)} ms`
}
