/** The session store of proxlb serve: signed ids, idle sessions ended, CSRF and login tokens compared exactly. */
import {describe, expect, test} from 'vitest'
import type {ProxmoxClient} from '../../src/proxmox/client.js'
import {SessionStore} from '../../src/web/sessions.js'

function client(): ProxmoxClient & {closed: boolean} {
  const c = {closed: false, close: async () => void (c.closed = true)}
  return c as unknown as ProxmoxClient & {closed: boolean}
}

describe('SessionStore', () => {
  test('a session ends after the idle time without a request, its client closed; each request restarts the clock', () => {
    let now = 0
    const store = new SessionStore(1000, () => now)
    const c = client()
    const s = store.create('alice@pve', c, () => client())
    const cookie = store.cookieValue(s)
    now = 900
    expect(store.fromCookie(cookie)?.user).toBe('alice@pve')
    now = 1800
    expect(store.fromCookie(cookie)?.user).toBe('alice@pve')
    now = 2801
    expect(store.fromCookie(cookie)).toBeUndefined()
    expect(c.closed).toBe(true)
    expect(store.size).toBe(0)
  })

  test('idle sessions nobody returns to end when another one starts', () => {
    let now = 0
    const store = new SessionStore(1000, () => now)
    const c = client()
    store.create('alice@pve', c, () => client())
    now = 5000
    store.create('bob@pve', client(), () => client())
    expect(store.size).toBe(1)
    expect(c.closed).toBe(true)
  })

  test('an id signed by another server, or with its signature changed, is no session', () => {
    const a = new SessionStore()
    const b = new SessionStore()
    const s = a.create('alice@pve', client(), () => client())
    const cookie = a.cookieValue(s)
    expect(b.fromCookie(cookie)).toBeUndefined()
    expect(a.fromCookie(cookie.slice(0, -1) + (cookie.endsWith('A') ? 'B' : 'A'))).toBeUndefined()
    expect(a.fromCookie(s.id)).toBeUndefined()
    expect(a.fromCookie('')).toBeUndefined()
  })

  test('CSRF and login tokens match only themselves', () => {
    const store = new SessionStore()
    const s = store.create('alice@pve', client(), () => client())
    expect(store.csrfMatches(s, s.csrf)).toBe(true)
    expect(store.csrfMatches(s, s.csrf + 'x')).toBe(false)
    expect(store.csrfMatches(s, undefined)).toBe(false)
    const {nonce, token} = store.loginNonce()
    expect(store.loginTokenMatches(nonce, token)).toBe(true)
    expect(store.loginTokenMatches(store.loginNonce().nonce, token)).toBe(false)
    expect(store.loginTokenMatches(undefined, token)).toBe(false)
    expect(store.loginTokenMatches('', new SessionStore().loginNonce().token)).toBe(false)
  })
})
