/**
 * Runs of the web page at the HTTP level: a user Proxmox does not let migrate is refused
 * (403) and leaves nothing behind; a run goes on without any page open and a page opened
 * later sees it where it is; Stop starts no new migration and follows the running ones.
 */
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {proxlbAsync} from '../helpers/cli.js'
import {field, PEOPLE, serve, type Served, WebClient, webEmulator} from './helpers.js'

let emu: Emulator
let served: Served

beforeAll(async () => {
  // 2 GiB/s and at most two migrations from a node at once: a drain of pve1 takes a few seconds.
  emu = await webEmulator(2 * 1024 ** 3)
  served = await serve(emu)
})

afterAll(async () => {
  await served?.close()
  await emu?.close()
})

const onPve1 = () => emu.state().guests.filter((g) => g.node === 'pve1').length

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Generous: a busy CI machine runs these beside the rest of the suite. */
const TIMEOUT = 90_000

describe('runs of proxlb serve', () => {
  test('an auditor is refused with 403, nothing moves, and no plan file is left behind', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.auditor.user, PEOPLE.auditor.password)
    const page = await web.get('/drain?node=pve1')
    const refused = await web.post('/drain/pve1', {_csrf: field(page.body, '_csrf'), plan: field(page.body, 'plan'), force: '1'})
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('audit@pve may not carry out the drain of pve1: it lacks VM.Migrate')
    expect(readdirSync(join(served.dir, 'state'))).toEqual([])
  }, TIMEOUT)

  test('a run goes on with no page open, a page opened later sees it, and Stop starts nothing new', async () => {
    const web = new WebClient(served.url)
    await web.logIn(PEOPLE.root.user, PEOPLE.root.password)
    const before = onPve1()
    const page = await web.get('/drain?node=pve1')
    const started = await web.post('/drain/pve1', {_csrf: field(page.body, '_csrf'), plan: field(page.body, 'plan'), force: '1'})
    expect(started.status).toBe(303)
    const run = started.location!
    expect(run).toMatch(/^\/runs\/[a-z0-9-]+$/)
    // Someone else, later, in another browser: the run is there, under way.
    const other = new WebClient(served.url)
    await other.logIn(PEOPLE.root.user, PEOPLE.root.password)
    const watching = await until('a migration under way', async () => {
      const p = await other.get(run)
      return p.body.includes('<td>migrating</td>') ? p : undefined
    })
    expect(watching.body).toContain('data-live="1"')
    const stopped = await other.post(`${run}/stop`, {_csrf: field(watching.body, '_csrf')})
    expect(stopped.status).toBe(303)
    const result = await until('the result', async () => {
      const p = await web.get(run)
      return p.body.includes('<h2>Result</h2>') ? p : undefined
    })
    expect(result.body).toContain('stopped from the web page by root@pam: no new migration starts')
    expect(result.body).toMatch(/not started/)
    // Not every guest left, not none: the running ones were followed to their end.
    expect(onPve1()).toBeLessThan(before)
    expect(onPve1()).toBeGreaterThan(1)
    expect(result.body).not.toContain('data-live="1"')
    // The journal is proxlb's own: the command line continues the drain the page stopped.
    const resumed = await proxlbAsync(['drain', 'pve1', '--resume', '--yes', '--host', emu.url, '--fingerprint', emu.fingerprint!, '--token-id', PEOPLE.token.user], {
      env: {PROXLB_TOKEN_SECRET: PEOPLE.token.password, PROXLB_STATE_DIR: join(served.dir, 'state'), PROXLB_CONFIG: '', CI: '1'},
    })
    expect(resumed.stderr).not.toMatch(/^error/m)
    expect(resumed.status).toBe(0)
    expect(emu.state().guests.filter((g) => g.node === 'pve1').map((g) => g.vmid)).toEqual([207])
  }, TIMEOUT)
})
