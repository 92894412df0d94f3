/**
 * `proxlb serve` at the HTTP level: logins checked by the cluster, sessions in signed
 * HttpOnly SameSite=Strict cookies that end at logout, the CSRF token on every POST, no
 * secret in a page or the log.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {proxlbAsync} from '../helpers/cli.js'
import {field, PEOPLE, serve, type Served, WebClient, webEmulator} from './helpers.js'

let emu: Emulator
let served: Served

beforeAll(async () => {
  emu = await webEmulator()
  served = await serve(emu)
})

afterAll(async () => {
  await served?.close()
  await emu?.close()
})

const migrations = () => emu.calls().filter((c) => c.method === 'POST' && /\/migrate$/.test(c.path)).length

describe('proxlb serve over HTTP', () => {
  test('serves HTTPS on loopback, with a Content-Security-Policy that allows no inline script', async () => {
    expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const page = await new WebClient(served.url).get('/login')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    expect(page.body).not.toMatch(/<script>|style="/)
  })

  test('listening beyond loopback is said in a warning; a bad --listen in one line', async () => {
    const wide = await serve(emu, [], '0.0.0.0:0')
    try {
      expect(wide.log()).toContain('warning: listening on 0.0.0.0:0: other machines can reach the page')
    } finally {
      await wide.close()
    }
    expect(served.log()).not.toContain('other machines can reach')
    const bad = await proxlbAsync(['serve', '--listen', 'localhost:http', '--host', emu.url])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toBe('error: --listen localhost:http: expected HOST:PORT, e.g. 127.0.0.1:8443 or [::1]:8443\n')
  })

  test('a wrong password is refused by the cluster: no session, one line saying so', async () => {
    const web = new WebClient(served.url)
    const answer = await web.logIn(PEOPLE.root.user, 'not-the-password')
    expect(answer.status).toBe(401)
    expect(answer.body).toContain('login failed for root@pam: wrong user, realm or password')
    expect(web.cookies.has('proxlb_session')).toBe(false)
    expect((await web.get('/')).location).toBe('/login')
  })

  test('a login gives an HttpOnly, Secure, SameSite=Strict session cookie; the ticket never reaches the browser', async () => {
    const web = new WebClient(served.url)
    const answer = await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    expect(answer.status).toBe(303)
    const cookie = web.setCookies.find((c) => c.startsWith('proxlb_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const cluster = await web.get('/')
    expect(cluster.status).toBe(200)
    expect(cluster.body).toContain('<h1>Cluster lab</h1>')
    expect(cluster.body).not.toContain('PVE:root@pam')
    expect(web.cookies.get('proxlb_session')).not.toContain('PVE:')
  })

  test('a POST without the CSRF token, with a wrong one, or from another origin changes nothing', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    const page = await web.get('/rebalance')
    const plan = field(page.body, 'plan')
    const csrf = field(page.body, '_csrf')
    const before = migrations()
    expect((await web.post('/rebalance/apply', {plan})).status).toBe(403)
    expect((await web.post('/rebalance/apply', {plan, _csrf: csrf.slice(0, -2) + 'xx'})).status).toBe(403)
    expect((await web.post('/rebalance/apply', {plan, _csrf: csrf}, {origin: 'https://evil.example'})).status).toBe(403)
    expect((await web.post('/logout', {})).status).toBe(403)
    expect(migrations()).toBe(before)
    expect(served.log()).toContain('refused POST /rebalance/apply of root@pam: missing or wrong CSRF token')
  })

  test('the login form needs its own token: a login posted from elsewhere is refused', async () => {
    const web = new WebClient(served.url)
    const answer = await web.post('/login', {kind: 'password', user: PEOPLE.root.user, password: PEOPLE.root.password})
    expect(answer.status).toBe(403)
    expect(web.cookies.has('proxlb_session')).toBe(false)
  })

  test('a forged or altered session cookie is not a session', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    const [id, signature] = web.cookies.get('proxlb_session')!.split('.')
    web.cookies.set('proxlb_session', `${id}.${signature.slice(0, -3)}abc`)
    expect((await web.get('/')).location).toBe('/login')
    web.cookies.set('proxlb_session', `someone-else.${signature}`)
    expect((await web.get('/')).location).toBe('/login')
  })

  test('after logout the old cookie opens nothing', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    const old = web.cookies.get('proxlb_session')!
    const page = await web.get('/history')
    expect(page.status).toBe(200)
    const out = await web.post('/logout', {_csrf: field(page.body, '_csrf')})
    expect(out.location).toBe('/login')
    const replay = new WebClient(served.url)
    replay.cookies.set('proxlb_session', old)
    expect((await replay.get('/')).location).toBe('/login')
    expect((await replay.post('/rebalance/apply', {plan: 'x', _csrf: 'y'})).status).toBe(401)
  })

  test('a session whose ticket Proxmox no longer takes ends: the next page asks to log in again', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    expect((await web.get('/')).status).toBe(200)
    emu.faults.expireTickets()
    const after = await web.get('/')
    expect(after.status).toBe(303)
    expect(after.location).toBe('/login?expired=1')
    expect(web.cookies.has('proxlb_session')).toBe(false)
    expect((await web.get('/login?expired=1')).body).toContain('Your session ended')
    // Logging in again works: the password is checked anew.
    expect((await web.logIn(PEOPLE.root.user, PEOPLE.root.password)).status).toBe(303)
    expect((await web.get('/')).status).toBe(200)
  })

  test('an uploaded policy is checked: its errors are shown at their line, and nothing is planned with it', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    const csrf = field((await web.get('/rebalance')).body, '_csrf')
    const bad = await web.post('/rebalance', {_csrf: csrf, policy: 'apiVersion: proxlb/v1\nbalance:\n  method: memroy\n'})
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('The policy has problems; nothing was planned with it:')
    expect(bad.body).toMatch(/uploaded policy:3:\d+: /)
    const good = await web.post('/rebalance', {_csrf: csrf, policy: 'apiVersion: proxlb/v1\nname: cpu-first\nbalance:\n  method: cpu\n'})
    expect(good.status).toBe(200)
    expect(good.body).toContain('Policy: uploaded policy cpu-first.')
  })

  test('an API token logs in too; the log names people, never a password, secret or ticket', async () => {
    const web = new WebClient(served.url)
    expect((await web.logIn(PEOPLE.token.user, 'wrong-secret', 'token')).status).toBe(401)
    expect((await web.logIn(PEOPLE.token.user, PEOPLE.token.password, 'token')).status).toBe(303)
    expect((await web.get('/')).body).toContain('<span class="who">API token ops@pve!web</span>')
    const log = served.log()
    expect(log).toContain('login: root@pam')
    for (const secret of [PEOPLE.root.password, PEOPLE.token.password, 'not-the-password', 'wrong-secret', 'PVE:', 'PVEAuthCookie']) expect(log).not.toContain(secret)
  })
})
