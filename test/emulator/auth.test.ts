/**
 * Authentication and permissions behave like a PVE node's: tickets with CSRF tokens on
 * writes, API tokens without, PVE's status lines and bodies for every refusal.
 */
import {describe, expect, test} from 'vitest'
import {call, emulator, login, tokenSession} from './helpers.js'

const TOKEN = {tokenid: 'root@pam!proxlb', secret: '4a1c9f3e-5c8e-4b7a-9d2e-0f1b2c3d4e5f'}

describe('tickets', () => {
  test('a password login gives a ticket that reads the cluster', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const r = await session.get('/cluster/status')
    expect(r.status).toBe(200)
    expect(r.body.data[0]).toMatchObject({type: 'cluster', name: 'lab'})
  })

  test('a wrong password answers 401 with PVE\'s body, after the configured delay', async () => {
    const emu = await emulator({authDelayMs: 150})
    const started = Date.now()
    const r = await call(emu, 'POST', '/access/ticket', {form: {username: 'root@pam', password: 'wrong'}})
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(r.status).toBe(401)
    expect(r.statusText).toBe('authentication failure')
    expect(r.body).toEqual({data: null, message: 'authentication failure\n'})
    expect(r.text).not.toContain('wrong')
  })

  test('an unknown user cannot log in, nor can a user without realm', async () => {
    const emu = await emulator()
    expect((await call(emu, 'POST', '/access/ticket', {form: {username: 'nobody@pve', password: 'proxlb'}})).status).toBe(401)
    expect((await call(emu, 'POST', '/access/ticket', {form: {username: 'root', password: 'proxlb'}})).status).toBe(401)
    expect((await call(emu, 'POST', '/access/ticket', {form: {username: 'root', realm: 'pam', password: 'proxlb'}})).status).toBe(200)
  })

  test('a login without a password is a parameter error', async () => {
    const emu = await emulator()
    const r = await call(emu, 'POST', '/access/ticket', {form: {username: 'root@pam'}})
    expect(r.status).toBe(400)
    expect(r.body.errors).toEqual({password: 'property is missing and it is not optional'})
  })

  test('a JSON login body works as well as a form', async () => {
    const emu = await emulator()
    const r = await call(emu, 'POST', '/access/ticket', {json: {username: 'root@pam', password: 'proxlb'}})
    expect(r.status).toBe(200)
  })

  test('without a ticket: 401 "No ticket" with an empty body', async () => {
    const emu = await emulator()
    const r = await call(emu, 'GET', '/cluster/resources')
    expect(r.status).toBe(401)
    expect(r.statusText).toBe('No ticket')
    expect(r.text).toBe('')
  })

  test('a forged or garbled ticket is refused', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const forged = session.ticket.replace(/::.*$/, '::AAAA')
    for (const ticket of [forged, 'PVE:root@pam:00000000::x', 'garbage']) {
      const r = await call(emu, 'GET', '/version', {headers: {Cookie: `PVEAuthCookie=${encodeURIComponent(ticket)}`}})
      expect(r.status).toBe(401)
      expect(r.statusText).toBe('Authentication failed!')
    }
  })

  test('a POST without the CSRF token is refused, with it accepted', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const cookie = {Cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}`}
    const without = await call(emu, 'POST', '/nodes/pve2/lxc/200/migrate', {headers: cookie, form: {target: 'pve3', restart: '1'}})
    expect(without.status).toBe(401)
    expect(without.statusText).toBe('Permission denied - invalid csrf token')
    const wrong = await call(emu, 'POST', '/nodes/pve2/lxc/200/migrate', {headers: {...cookie, CSRFPreventionToken: '00000000:abc'}, form: {target: 'pve3', restart: '1'}})
    expect(wrong.status).toBe(401)
    expect((await session.post('/nodes/pve2/lxc/200/migrate', {target: 'pve3', restart: '1'})).status).toBe(200)
  })

  test('the ticket also works in an Authorization header, as pveproxy accepts', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const r = await call(emu, 'GET', '/version', {headers: {Authorization: `PVEAuthCookie=${session.ticket}`}})
    expect(r.status).toBe(200)
  })

  test('posting the ticket as the password renews it', async () => {
    const emu = await emulator()
    const session = await login(emu)
    const r = await call(emu, 'POST', '/access/ticket', {form: {username: 'root@pam', password: session.ticket}})
    expect(r.status).toBe(200)
    expect(r.body.data.ticket).toMatch(/^PVE:root@pam:/)
  })

  test('a ticket expires after its lifetime', async () => {
    const emu = await emulator({ticketLifetimeMs: 100})
    const session = await login(emu)
    expect((await session.get('/version')).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect((await session.get('/version')).status).toBe(401)
    expect((await call(emu, 'POST', '/access/ticket', {form: {username: 'root@pam', password: session.ticket}})).status).toBe(401)
  })
})

describe('API tokens', () => {
  test('a token reads the cluster and starts migrations without a CSRF token', async () => {
    const emu = await emulator({tokens: [TOKEN]})
    const session = tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`)
    expect((await session.get('/cluster/resources')).status).toBe(200)
    const r = await session.post('/nodes/pve2/lxc/200/migrate', {target: 'pve3', restart: '1'})
    expect(r.status).toBe(200)
    expect(r.body.data).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzmigrate:200:root@pam!proxlb:$/)
  })

  test('a wrong secret or an unknown token answers 401 without echoing the secret', async () => {
    const emu = await emulator({tokens: [TOKEN]})
    const wrong = await tokenSession(emu, `${TOKEN.tokenid}=not-the-secret`).get('/version')
    expect(wrong.status).toBe(401)
    expect(wrong.statusText).toBe('invalid token value!')
    const unknown = await tokenSession(emu, `root@pam!other=${TOKEN.secret}`).get('/version')
    expect(unknown.status).toBe(401)
    expect(unknown.statusText).toBe("no such token 'other' for user 'root@pam'")
    expect(unknown.statusText + unknown.text).not.toContain(TOKEN.secret)
  })

  test('a token cannot log in at /access/ticket (allowtoken 0)', async () => {
    const emu = await emulator({tokens: [TOKEN]})
    const r = await call(emu, 'POST', '/access/ticket', {headers: {Authorization: `PVEAPIToken=${TOKEN.tokenid}=${TOKEN.secret}`}, form: {username: 'root@pam', password: 'proxlb'}})
    expect(r.status).toBe(403)
  })
})

describe('privileges', () => {
  test('a user without VM.Migrate gets PVE\'s 403 message naming path and privilege', async () => {
    const emu = await emulator({users: [{userid: 'auditor@pve', password: 'look', privileges: ['VM.Audit', 'Sys.Audit']}]})
    const session = await login(emu, 'auditor@pve', 'look')
    expect((await session.get('/nodes/pve1/qemu/100/config')).status).toBe(200)
    const r = await session.post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: '1'})
    expect(r.status).toBe(403)
    expect(r.statusText).toBe('Permission check failed (/vms/100, VM.Migrate)')
    expect(r.body).toEqual({data: null, message: 'Permission check failed (/vms/100, VM.Migrate)\n'})
  })

  test('listings leave out what the caller may not audit', async () => {
    const emu = await emulator({users: [{userid: 'nodes@pve', password: 'x', privileges: ['Sys.Audit']}]})
    const session = await login(emu, 'nodes@pve', 'x')
    const resources = (await session.get('/cluster/resources')).body.data as {type: string}[]
    expect(resources.some((r) => r.type === 'node')).toBe(true)
    expect(resources.some((r) => r.type === 'qemu' || r.type === 'lxc' || r.type === 'storage')).toBe(false)
    expect((await session.get('/nodes/pve1/qemu')).body.data).toEqual([])
    const denied = await session.get('/nodes/pve1/qemu/100/status/current')
    expect(denied.status).toBe(403)
    expect(denied.statusText).toBe('Permission check failed (/vms/100, VM.Audit)')
  })

  test('root@pam holds every privilege whatever it is given, as on PVE', async () => {
    const emu = await emulator({users: [{userid: 'root@pam', password: 'proxlb', privileges: ['VM.Audit']}]})
    expect((await (await login(emu)).get('/cluster/status')).status).toBe(200)
  })

  test('a token has its own privileges', async () => {
    const emu = await emulator({tokens: [{...TOKEN, privileges: ['VM.Audit']}]})
    const r = await tokenSession(emu, `${TOKEN.tokenid}=${TOKEN.secret}`).get('/cluster/status')
    expect(r.status).toBe(403)
    expect(r.statusText).toBe('Permission check failed (/, Sys.Audit)')
  })

  test('/access/permissions lists what the caller holds: privileges= grants them on /, propagating to every path', async () => {
    const emu = await emulator({users: [{userid: 'ops@pve', password: 'x', privileges: ['VM.Audit', 'VM.Migrate']}]})
    const r = await (await login(emu, 'ops@pve', 'x')).get('/access/permissions')
    const held = {'VM.Audit': 1, 'VM.Migrate': 1}
    // The top-level paths PVE always lists, and the guests of pool prod.
    expect(r.body.data).toEqual(Object.fromEntries(['/', '/access', '/access/groups', '/nodes', '/pool', '/sdn', '/storage', '/vms', '/vms/100', '/vms/101'].map((p) => [p, held])))
  })
})
