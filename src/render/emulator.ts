/**
 * What `proxlb emulate` prints: one line when it listens (where, who may log in, the
 * certificate's fingerprint) and one per request with --verbose. Passwords and token
 * secrets the user chose are never printed, only the default password (documented).
 */
import type {CallRecord} from '../emulator/index.js'
import {FORMATS} from '../model/formats.js'

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

/** The ready line as one JSON document (--json): what a script needs to connect. */
export function emulatorStartJson(s: EmulatorStart): Record<string, unknown> {
  const url = new URL(s.url)
  return {
    format: FORMATS.emulator,
    url: s.url,
    address: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol.replace(/:$/, ''),
    fingerprint: s.fingerprint ?? null,
    cluster: s.cluster,
    nodes: s.nodes,
    guests: s.guests,
    // The default password is documented and printed in the text line too; secrets given are never printed.
    users: s.defaultLogin ? ['root@pam'] : s.users,
    tokens: s.tokens,
    ...(s.defaultLogin ? {defaultLogin: {user: 'root@pam', password: 'proxlb'}} : {}),
  }
}

export function renderCall(call: CallRecord & {ms: number}): string {
  return `${call.method} ${call.path} ${call.status} ${call.ms.toFixed(1)} ms`
}
