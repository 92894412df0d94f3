/**
 * `proxlb serve` at the HTTP level: logins checked by the cluster, sessions in signed
 * HttpOnly SameSite=Strict cookies that end at logout, the CSRF token on every POST, no
 * secret in a page or the log.
 */
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
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

  test('an API token logs in too; the log names people, never a password, secret or ticket', async () => {
    const web = new WebClient(served.url)
    expect((await web.logIn('proxlb@pve!apply', 'wrong-secret', 'token')).status).toBe(401)
    const log = served.log()
    expect(log).toContain('login: root@pam')
    for (const secret of [PEOPLE.root.password, 'not-the-password', 'wrong-secret', 'PVE:', 'PVEAuthCookie']) expect(log).not.toContain(secret)
  })
})
