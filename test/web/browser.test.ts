/**
 * `proxlb serve` in a browser: Playwright driving the system's chromium against the
 * compiled CLI on the emulator. Log in (and fail to), see the cluster, plan, apply and
 * watch the guests move, drain a node and restore it, and an auditor (no VM.Migrate)
 * refused. Each page is kept as a screenshot in test-artifacts/web/.
 *
 * Waits are on what the page shows (a heading, a result), never on time.
 */
import {existsSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'
import {type Browser, type BrowserContext, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import type {Emulator} from '../../src/emulator/index.js'
import {ROOT} from '../helpers/cli.js'
import {PEOPLE, serve, type Served, webEmulator} from './helpers.js'

const CHROMIUM = process.env.PROXLB_CHROMIUM ?? '/usr/bin/chromium'
const ARTIFACTS = join(ROOT, 'test-artifacts', 'web')

let emu: Emulator
let served: Served
let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: install it (apt-get install chromium) or set PROXLB_CHROMIUM`)
  mkdirSync(ARTIFACTS, {recursive: true})
  // 4 GiB/s: a migration takes a moment, so the page shows it under way.
  ;[emu, browser] = await Promise.all([webEmulator(4 * 1024 ** 3), chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']})])
  served = await serve(emu)
})

afterAll(async () => {
  await browser?.close()
  await served?.close()
  await emu?.close()
})

async function session(viewport = {width: 1280, height: 900}): Promise<{context: BrowserContext; page: Page}> {
  const context = await browser.newContext({ignoreHTTPSErrors: true, viewport})
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  return {context, page}
}

async function logIn(page: Page, who: {user: string; password: string}): Promise<void> {
  await page.goto(`${served.url}/login`)
  await page.getByLabel(/^User/).fill(who.user)
  await page.getByLabel(/^Password/).fill(who.password)
  await page.getByRole('button', {name: 'Log in'}).click()
}

const shot = (page: Page, name: string) => page.screenshot({path: join(ARTIFACTS, `${name}.png`), fullPage: true})
const nodeOf = (vmid: number) => emu.state().guests.find((g) => g.vmid === vmid)!.node

/** Generous: a busy CI machine runs these beside the rest of the suite. */
const TIMEOUT = 120_000

describe('proxlb serve in a browser', () => {
  test('a wrong password is refused on the page; the right one opens the cluster', async () => {
    const {context, page} = await session()
    await logIn(page, {user: PEOPLE.root.user, password: 'wrong'})
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('login failed for root@pam')
    await shot(page, 'login-refused')
    // By keyboard alone: the user field, Tab to the password, Enter to log in.
    await page.getByLabel(/^User/).fill('')
    await page.getByLabel(/^User/).focus()
    await page.keyboard.type(PEOPLE.root.user)
    await page.keyboard.press('Tab')
    await page.keyboard.type(PEOPLE.root.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', {name: 'Cluster lab'}).waitFor()
    const nodes = page.getByRole('table', {name: 'Nodes and their load now'})
    expect(await nodes.getByRole('row').count()).toBe(6)
    expect(await page.getByRole('meter', {name: 'memory of pve1'}).getAttribute('value')).toMatch(/^\d+\.\d$/)
    expect(await page.locator('.notice.warning').first().textContent()).toContain("Proxmox's own HA auto-rebalance is on")
    const rules = await page.getByRole('table', {name: 'Placement rules (together, apart, pin)'}).textContent()
    expect(rules).toContain('ha-apartapartstrictProxmox HA ruleha-a (204), ha-b (205)')
    expect(rules).toContain('guest tags')
    await shot(page, 'cluster')
    await context.close()
  }, TIMEOUT)

  // Before the rebalance below: it needs a cluster with something to move.
  test('a user whose Proxmox role forbids migrating sees the apply refused, and nothing moves', async () => {
    const {context, page} = await session()
    await logIn(page, PEOPLE.auditor)
    await page.getByRole('heading', {name: 'Cluster lab'}).waitFor()
    await page.getByRole('link', {name: 'Rebalance'}).click()
    const before = emu.state().guests.map((g) => `${g.vmid}@${g.node}`)
    const apply = page.getByRole('button', {name: /^Apply: migrate/})
    if ((await apply.count()) === 0) throw new Error('the auditor got no plan to apply')
    await apply.click()
    await page.getByRole('heading', {name: 'Refused: nothing was moved'}).waitFor()
    expect(await page.getByRole('alert').textContent()).toMatch(/VM\.Migrate/)
    await shot(page, 'refused')
    expect(emu.state().guests.map((g) => `${g.vmid}@${g.node}`)).toEqual(before)
    await context.close()
  }, TIMEOUT)

  test('plan, apply, and watch the guests move', async () => {
    const {context, page} = await session()
    await logIn(page, PEOPLE.root)
    await page.getByRole('link', {name: 'Rebalance'}).click()
    await page.getByRole('heading', {name: 'Rebalance lab'}).waitFor()
    const moves = page.getByRole('table', {name: 'Planned migrations'}).getByRole('row')
    const planned = (await moves.count()) - 1
    expect(planned).toBeGreaterThan(0)
    const first = await moves.nth(1).getByRole('cell').nth(2).textContent()
    const vmid = Number(/\((\d+)\)/.exec(first!)![1])
    expect(nodeOf(vmid)).toBe('pve1')
    await shot(page, 'rebalance-plan')
    await page.getByRole('button', {name: /^Apply: migrate/}).click()
    await page.getByRole('heading', {name: 'The rebalance of lab'}).waitFor()
    await shot(page, 'run-live')
    await page.getByRole('heading', {name: 'Result'}).waitFor({timeout: 60_000})
    expect(await page.locator('pre.report').textContent()).toContain(`${planned} of ${planned} migrations done`)
    await shot(page, 'run-result')
    expect(nodeOf(vmid)).not.toBe('pve1')
    await page.getByRole('link', {name: 'History'}).click()
    const history = page.getByRole('table', {name: 'Past runs, newest first'})
    await expect.poll(() => history.textContent()).toContain('root@pam')
    expect(await history.textContent()).toContain(`(${vmid}) pve1 → ${nodeOf(vmid)}`)
    await shot(page, 'history')
    await context.close()
  }, TIMEOUT)

  test('migrate away from a node, leaving the guest that cannot leave, then restore it (on a narrow screen)', async () => {
    const {context, page} = await session({width: 420, height: 900})
    await logIn(page, PEOPLE.root)
    await page.getByRole('link', {name: 'Migrate away from pve1…'}).click()
    await page.getByRole('heading', {name: 'Migrate away from pve1'}).waitFor()
    const stuck = page.getByRole('table', {name: 'Running guests that cannot leave pve1'})
    expect(await stuck.textContent()).toContain('gpu (207)local devices (hostpci0)')
    const away = emu.state().guests.filter((g) => g.node === 'pve1' && g.vmid !== 207).map((g) => g.vmid)
    expect(away.length).toBeGreaterThan(5)
    await shot(page, 'drain-plan')
    const confirm = page.getByRole('button', {name: /^Confirm: migrate .* away from pve1/})
    // Not without saying that gpu may stay.
    await confirm.click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('pve1 cannot be emptied: 1 running guest cannot leave it; nothing was moved')
    expect(nodeOf(away[0])).toBe('pve1')
    await page.getByLabel('Drain the others, and leave the guest that cannot leave on pve1').check()
    await page.getByRole('button', {name: /^Confirm: migrate .* away from pve1/}).click()
    await page.getByRole('heading', {name: 'Result'}).waitFor({timeout: 60_000})
    expect(emu.state().guests.filter((g) => g.node === 'pve1').map((g) => g.vmid)).toEqual([207])
    await page.getByRole('link', {name: 'Cluster'}).click()
    await page.getByRole('link', {name: 'Restore pve1…'}).click()
    await page.getByRole('heading', {name: 'Restore pve1'}).waitFor()
    await shot(page, 'restore-plan')
    await page.getByRole('button', {name: /^Confirm: bring .* back to pve1/}).click()
    await page.getByRole('heading', {name: 'Result'}).waitFor({timeout: 60_000})
    expect(away.map(nodeOf)).toEqual(away.map(() => 'pve1'))
    // The drain record is archived: pve1 may be drained again.
    await page.getByRole('link', {name: 'Cluster'}).click()
    await page.getByRole('link', {name: 'Migrate away from pve1…'}).waitFor()
    await context.close()
  }, TIMEOUT)
})
