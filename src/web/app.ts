/**
 * The routes of `proxlb serve` (Hono). As thin as commands: check the session and the
 * CSRF token, read the cluster with the user's own client, call the same core functions
 * the CLI calls (the planner, the drain decisions, runPlan through ./runs.ts), hand the
 * result to a view. Every action is a dry run first (GET shows the plan, kept on the
 * server under an id); only a POST of that id, with the CSRF token, moves anything.
 *
 * Imports nothing from src/cli/: what the commands and the page share lives in
 * src/apply/ and src/proxmox/.
 */
import {existsSync, mkdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {randomBytes} from 'node:crypto'
import {Hono, type Context} from 'hono'
import {bodyLimit} from 'hono/body-limit'
import {deleteCookie, getCookie, setCookie} from 'hono/cookie'
import {streamSSE} from 'hono/streaming'
import {archiveDrainRecord, drainedNodes, drainedNote, restoreJournalOf, withDrainedInMaintenance} from '../apply/drain-records.js'
import {type DrainProposal, drainRefusal, proposeDrain, proposeRestore, recordedDrain, type RestoreProposal, restoreCompletes} from '../apply/drain-session.js'
import {writeFileAtomic} from '../apply/files.js'
import {planSnapshot, planToRun} from '../apply/plans.js'
import {exitCodeOf, type PlanToRun} from '../apply/run.js'
import {fileSafe} from '../apply/state-folder.js'
import {prettyJson, sha256Of} from '../model/canonical.js'
import type {Plan} from '../model/plan.js'
import {type NormalizedPolicy, readPolicy} from '../model/policy.js'
import {InvalidInputError, ProxlbError} from '../model/problems.js'
import type {Snapshot} from '../model/snapshot.js'
import {compilePolicy} from '../policy/compile.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {AuthenticationError, PermissionError} from '../proxmox/errors.js'
import {readLiveSnapshot} from '../proxmox/live.js'
import {APP_CSS, APP_JS} from './assets.js'
import {runHistory} from './history.js'
import {type ClusterTransport, logIn, LoginRefused} from './login.js'
import {errorLines, RunRegistry} from './runs.js'
import {LOGIN_COOKIE, SESSION_COOKIE, type Session, SessionStore} from './sessions.js'
import {clusterPage, drainPage, errorPage, historyPage, loginPage, MOVE_STATUS, type PageFrame, rebalancePage, restorePage, runPage} from './views.js'

export interface WebContext {
  transport: ClusterTransport
  /** The configured policy (the config file's or --policy, else the bundled default). */
  policy: {policy: NormalizedPolicy; hash: string; label: string}
  /** The state folder (drain records, journals); created on first write. */
  stateDir: string
  /** `proxlb 0.2.0`; version alone for plans. */
  tool: string
  version: string
  /** Cookies marked Secure (the page is served over HTTPS). */
  secure: boolean
  /** One line per login, logout and run; never a secret. */
  log(line: string): void
  /** Bounded read of a file of the state folder (drain records). */
  readFile(file: string): Uint8Array
  /** Minutes without a request before a session ends (default 30). */
  idleMinutes?: number
}

type StoredPlan =
  | {kind: 'rebalance'; plan: Plan; policy: NormalizedPolicy; label: string}
  | {kind: 'drain'; proposal: DrainProposal}
  | {kind: 'restore'; node: string; proposal: RestoreProposal}

type Env = {Variables: {session: Session}}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Not no-referrer: with it, browsers send "Origin: null" on form posts, and the origin check needs the origin.
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
}

export interface WebApp {
  app: Hono<Env>
  sessions: SessionStore
  runs: RunRegistry
  close(): Promise<void>
}

export function createWebApp(ctx: WebContext): WebApp {
  const sessions = new SessionStore((ctx.idleMinutes ?? 30) * 60_000)
  const runs = new RunRegistry(ctx.log)
  const app = new Hono<Env>()
  const cookie = {httpOnly: true, secure: ctx.secure, sameSite: 'Strict' as const, path: '/'}

  const readLive = async (client: ProxmoxClient, warnings: string[] = []): Promise<Snapshot> =>
    (await readLiveSnapshot(client, {cpuWindow: 'off', takenAt: isoNow(), tool: ctx.tool}, (line) => warnings.push(line))).snapshot
  const frame = (c: Context<Env>, title: string, current?: PageFrame['current'], cluster?: string) => {
    const s = c.get('session')
    return {title, user: {name: s.user, csrf: s.csrf}, current, ...(cluster ? {cluster} : {})}
  }
  const keep = (session: Session, stored: StoredPlan): string => {
    const id = randomBytes(9).toString('base64url')
    session.plans.set(id, stored)
    // A few recent dry runs per user are enough; the oldest go first.
    for (const old of [...session.plans.keys()].slice(0, Math.max(0, session.plans.size - 8))) session.plans.delete(old)
    return id
  }
  const stored = (session: Session, id: unknown): StoredPlan | undefined => (typeof id === 'string' ? (session.plans.get(id) as StoredPlan | undefined) : undefined)
  const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  const stateFolder = () => {
    mkdirSync(ctx.stateDir, {recursive: true, mode: 0o700})
    return ctx.stateDir
  }
  const withDrains = (cluster: string, policy: NormalizedPolicy) => {
    const drained = drainedNodes(ctx.stateDir, cluster)
    return {drained, policy: withDrainedInMaintenance(policy, drained)}
  }
  const planWith = (live: Snapshot, policy: NormalizedPolicy, hash: string) => planSnapshot(live, policy, hash, {createdAt: isoNow(), version: ctx.version})

  app.use('*', async (c, next) => {
    await next()
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
  })
  app.use('*', bodyLimit({maxSize: 1024 * 1024, onError: (c) => c.text('request too large (at most 1 MiB)', 413)}))

  app.get('/assets/app.css', (c) => c.body(APP_CSS, 200, {'Content-Type': 'text/css; charset=utf-8'}))
  app.get('/assets/app.js', (c) => c.body(APP_JS, 200, {'Content-Type': 'text/javascript; charset=utf-8'}))

  const loginForm = (c: Context<Env>, status: 200 | 400 | 401 | 403, extra: {error?: string; user?: string; kind?: 'password' | 'token'} = {}) => {
    const {nonce, token} = sessions.loginNonce()
    setCookie(c, LOGIN_COOKIE, nonce, {...cookie, maxAge: 3600})
    return c.html(loginPage({token, ...extra}), status)
  }

  app.get('/login', (c) => {
    if (sessions.fromCookie(getCookie(c, SESSION_COOKIE))) return c.redirect('/', 303)
    return loginForm(c, 200, c.req.query('expired') ? {error: 'Your session ended (logged out, idle too long, or Proxmox no longer takes its ticket): log in again.'} : {})
  })

  app.post('/login', async (c) => {
    const body = await c.req.parseBody()
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
    if (!sameOrigin(c) || !sessions.loginTokenMatches(getCookie(c, LOGIN_COOKIE), field('_login'))) {
      return loginForm(c, 403, {error: 'The login form expired or did not come from this page: try again.'})
    }
    const kind = field('kind') === 'token' ? 'token' : 'password'
    const user = field('user').trim()
    try {
      const who = await logIn(ctx.transport, kind === 'token' ? {kind, tokenId: user, secret: field('password')} : {kind, user, password: field('password')})
      const session = sessions.create(who.user, who.client, who.spawn)
      deleteCookie(c, LOGIN_COOKIE, {path: '/'})
      setCookie(c, SESSION_COOKIE, sessions.cookieValue(session), cookie)
      ctx.log(`login: ${who.user}`)
      return c.redirect('/', 303)
    } catch (error) {
      if (!(error instanceof LoginRefused)) throw error
      ctx.log(`login refused: ${JSON.stringify(user)}: ${error.message}`)
      return loginForm(c, 401, {error: error.message, user, kind})
    }
  })

  // Everything below needs a session; every POST its CSRF token.
  app.use('*', async (c, next) => {
    const session = sessions.fromCookie(getCookie(c, SESSION_COOKIE))
    if (!session) {
      if (c.req.method === 'GET' && c.req.header('accept')?.includes('text/html') !== false) return c.redirect('/login', 303)
      return c.text('not logged in', 401)
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const header = c.req.header('x-csrf-token')
      const token = header ?? (await c.req.parseBody())._csrf
      if (!sameOrigin(c) || !sessions.csrfMatches(session, typeof token === 'string' ? token : undefined)) {
        ctx.log(`refused ${c.req.method} ${c.req.path} of ${session.user}: missing or wrong CSRF token`)
        return c.html(errorPage({title: 'Refused', user: {name: session.user, csrf: session.csrf}}, 'Refused', 'This request did not come from a page of this server (missing or wrong CSRF token); nothing was changed.', {href: '/', label: 'Back to the cluster'}), 403)
      }
    }
    c.set('session', session)
    await next()
  })

  app.post('/logout', async (c) => {
    const session = c.get('session')
    await sessions.end(session)
    deleteCookie(c, SESSION_COOKIE, {path: '/'})
    ctx.log(`logout: ${session.user}`)
    return c.redirect('/login', 303)
  })

  app.get('/', async (c) => {
    const warnings: string[] = []
    const live = await readLive(c.get('session').client, warnings)
    const {drained, policy} = withDrains(live.cluster.name, ctx.policy.policy)
    const model = compilePolicy(live, policy)
    const active = runs.active()
    return c.html(clusterPage(frame(c, `Cluster ${live.cluster.name}`, 'cluster', live.cluster.name), {snapshot: live, model, drained, warnings, ...(active ? {active} : {})}))
  })

  const rebalanceView = async (c: Context<Env>, chosen: {policy: NormalizedPolicy; hash: string; label: string}, policyText?: string) => {
    const session = c.get('session')
    const live = await readLive(session.client)
    const {drained, policy} = withDrains(live.cluster.name, chosen.policy)
    const plan = planWith(live, policy, policy === chosen.policy ? chosen.hash : sha256Of(policy))
    const planId = keep(session, {kind: 'rebalance', plan, policy, label: chosen.label})
    const note = drainedNote(drained)
    return c.html(rebalancePage(frame(c, `Rebalance ${live.cluster.name}`, 'rebalance', live.cluster.name), {plan, planId, policyLabel: chosen.label, ...(policyText !== undefined ? {policyText} : {}), ...(note ? {drainedNote: note} : {})}))
  }

  app.get('/rebalance', (c) => rebalanceView(c, ctx.policy))

  app.post('/rebalance', async (c) => {
    const text = String((await c.req.parseBody()).policy ?? '')
    try {
      const loaded = readPolicy(text, 'uploaded policy')
      return await rebalanceView(c, {policy: loaded.policy, hash: sha256Of(loaded.policy), label: `uploaded policy${loaded.policy.name ? ` ${loaded.policy.name}` : ''}`}, text)
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error
      const session = c.get('session')
      const live = await readLive(session.client)
      const plan = planWith(live, withDrains(live.cluster.name, ctx.policy.policy).policy, ctx.policy.hash)
      const planId = keep(session, {kind: 'rebalance', plan, policy: ctx.policy.policy, label: ctx.policy.label})
      return c.html(rebalancePage(frame(c, `Rebalance ${live.cluster.name}`, 'rebalance', live.cluster.name), {plan, planId, policyLabel: ctx.policy.label, policyText: text, policyErrors: error.lines()}), 400)
    }
  })

  /** Starts a run; a run refused before it began leaves no plan file of its own behind (`planFile`). */
  const startRun = async (c: Context<Env>, kind: 'rebalance' | 'drain' | 'restore', spec: Parameters<RunRegistry['start']>[0]['spec'], after?: Parameters<RunRegistry['start']>[0]['after'], planFile?: string) => {
    const session = c.get('session')
    try {
      const run = await runs.start({kind, user: session.user, client: session.spawnClient(), spec, readLive: (client) => readLive(client), tool: ctx.tool, ...(after ? {after} : {})})
      return c.redirect(`/runs/${run.id}`, 303)
    } catch (error) {
      if (planFile && !existsSync(spec.journalPath)) rmSync(planFile, {force: true})
      if (error instanceof AuthenticationError) throw error
      const lines = errorLines(error as Error)
      // Proxmox's permissions decide: a user who may not migrate is refused as such.
      const denied = error instanceof PermissionError || / may not carry out /.test(lines)
      return c.html(errorPage(frame(c, 'Refused'), 'Refused: nothing was moved', lines, {href: '/', label: 'Back to the cluster'}), denied ? 403 : 409)
    }
  }

  app.post('/rebalance/apply', async (c) => {
    const session = c.get('session')
    const chosen = stored(session, (await c.req.parseBody()).plan)
    if (chosen?.kind !== 'rebalance') return c.html(errorPage(frame(c, 'Plan expired'), 'This plan is no longer kept', 'Plan again and review it before applying.', {href: '/rebalance', label: 'Plan again'}), 410)
    const base = join(stateFolder(), `web-${fileSafe(chosen.plan.snapshot.cluster)}-${stamp()}`)
    // NAME.json and NAME.journal.jsonl: what proxlb apply NAME.json --resume looks for, should the server stop mid-run.
    const planFile = `${base}.json`
    writeFileAtomic(planFile, prettyJson(chosen.plan))
    session.plans.delete(String((await c.req.parseBody()).plan))
    const drained = drainedNodes(ctx.stateDir, chosen.plan.snapshot.cluster)
    return startRun(c, 'rebalance', {command: 'apply', plan: planToRun(chosen.plan, chosen.policy, `the rebalance of ${chosen.plan.snapshot.cluster}`), journalPath: `${base}.journal.jsonl`, planFile, resume: false, unavailable: drained}, undefined, planFile)
  })

  app.get('/drain', async (c) => {
    const node = c.req.query('node') ?? ''
    const session = c.get('session')
    const live = await readLive(session.client)
    const proposal = proposeDrain(live, node, ctx.policy.policy, ctx.stateDir, {createdAt: isoNow(), version: ctx.version})
    const planId = keep(session, {kind: 'drain', proposal})
    return c.html(drainPage(frame(c, `Migrate away from ${node}`, 'cluster', live.cluster.name), proposal, planId))
  })

  app.post('/drain/:node', async (c) => {
    const session = c.get('session')
    const body = await c.req.parseBody()
    const chosen = stored(session, body.plan)
    const node = c.req.param('node')
    if (chosen?.kind !== 'drain' || chosen.proposal.node !== node) return c.html(errorPage(frame(c, 'Plan expired'), 'This plan is no longer kept', 'Plan the drain again and review it before confirming.', {href: `/drain?node=${encodeURIComponent(node)}`, label: 'Plan again'}), 410)
    const {proposal} = chosen
    const refusal = drainRefusal(proposal, {force: body.force === '1', dryRun: false}, {force: 'tick the box', restore: `restore ${node} first`, resume: `proxlb drain ${node} --resume`})
    if (refusal) return c.html(drainPage(frame(c, `Migrate away from ${node}`, 'cluster', proposal.plan.snapshot.cluster), proposal, String(body.plan), refusal.lines().join('\n')), 409)
    stateFolder()
    writeFileAtomic(proposal.record.plan, prettyJson(proposal.plan))
    session.plans.delete(String(body.plan))
    return startRun(c, 'drain', {command: 'drain', drainNode: node, plan: planToRun(proposal.plan, proposal.policy, `the drain of ${node}`), journalPath: proposal.record.journal, resume: false, unavailable: proposal.others}, undefined, proposal.record.plan)
  })

  app.get('/restore', async (c) => {
    const node = c.req.query('node') ?? ''
    const session = c.get('session')
    const recorded = recordedDrain(node, ctx.stateDir, ctx.readFile, {resume: `proxlb drain ${node} --resume`})
    const live = await readLive(session.client)
    const proposal = proposeRestore(live, node, recorded)
    const planId = keep(session, {kind: 'restore', node, proposal})
    return c.html(restorePage(frame(c, `Restore ${node}`, 'cluster', live.cluster.name), node, proposal, planId))
  })

  app.post('/restore/:node', async (c) => {
    const session = c.get('session')
    const body = await c.req.parseBody()
    const chosen = stored(session, body.plan)
    const node = c.req.param('node')
    if (chosen?.kind !== 'restore' || chosen.node !== node) return c.html(errorPage(frame(c, 'Plan expired'), 'This plan is no longer kept', 'Plan the restore again and review it before confirming.', {href: `/restore?node=${encodeURIComponent(node)}`, label: 'Plan again'}), 410)
    const {record} = recordedDrain(node, ctx.stateDir, ctx.readFile, {resume: `proxlb drain ${node} --resume`})
    const at = stamp()
    session.plans.delete(String(body.plan))
    const run: PlanToRun = chosen.proposal.run
    return startRun(c, 'restore', {command: 'restore', drainNode: node, plan: run, journalPath: restoreJournalOf(record, at), resume: false}, (result) => {
      // Done with the record when every guest that can come back is back: the node may be drained again.
      if (exitCodeOf(result.report) === 0 && restoreCompletes(chosen.proposal.restore) && existsSync(record.plan)) ctx.log(`the drain record of ${node} is archived: ${archiveDrainRecord(record, at)}`)
    })
  })

  app.get('/runs/:id', (c) => {
    const run = runs.get(c.req.param('id'))
    if (!run) return c.html(errorPage(frame(c, 'No such run'), 'No such run', 'This server knows no run by that id (runs are forgotten when it restarts; their journals are in the history).', {href: '/history', label: 'History'}), 404)
    return c.html(runPage(frame(c, run.label, undefined, run.plan.cluster), run))
  })

  app.get('/runs/:id/events', (c) => {
    const run = runs.get(c.req.param('id'))
    if (!run) return c.text('no such run', 404)
    const resumeFrom = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0)
    const after = Number.isInteger(resumeFrom) && resumeFrom >= 0 ? resumeFrom : 0
    return streamSSE(c, async (stream) => {
      let count = after
      await new Promise<void>((resolve) => {
        const off = runs.listen(run, after, (item) => {
          if (item === 'end') {
            void stream.writeSSE({event: 'end', data: run.state}).then(resolve, resolve)
            return
          }
          count++
          const e = item.event
          const status = MOVE_STATUS[e.type]
          void stream.writeSSE({id: String(count), data: JSON.stringify({line: item.line, type: e.type, ...('move' in e ? {move: e.move.index} : {}), ...(status ? {status} : {})})})
        })
        stream.onAbort(() => {
          off()
          resolve()
        })
      })
    })
  })

  app.post('/runs/:id/stop', (c) => {
    const run = runs.get(c.req.param('id'))
    const session = c.get('session')
    if (!run) return c.text('no such run', 404)
    if (run.user !== session.user) return c.html(errorPage(frame(c, 'Refused'), 'Refused', `Only ${run.user}, who started this run, may stop it here.`, {href: `/runs/${run.id}`, label: 'Back to the run'}), 403)
    runs.stop(run, session.user)
    ctx.log(`run ${run.id}: stop requested by ${session.user}`)
    return c.redirect(`/runs/${run.id}`, 303)
  })

  app.get('/history', (c) => c.html(historyPage(frame(c, 'History', 'history'), runHistory(ctx.stateDir), ctx.stateDir)))

  app.notFound((c) => c.text('not found', 404))

  app.onError(async (error, c) => {
    const session = c.get('session') as Session | undefined
    if (error instanceof AuthenticationError && session) {
      // Proxmox no longer takes the session's ticket: the session ends, the user logs in again.
      await sessions.end(session)
      deleteCookie(c, SESSION_COOKIE, {path: '/'})
      return c.redirect('/login?expired=1', 303)
    }
    const lines = error instanceof ProxlbError ? error.lines().join('\n') : error instanceof PermissionError ? error.message : undefined
    if (!lines) ctx.log(`internal error on ${c.req.method} ${c.req.path}: ${error.message}`)
    const f: PageFrame = session ? {title: 'Error', user: {name: session.user, csrf: session.csrf}} : {title: 'Error'}
    const status = error instanceof PermissionError ? 403 : lines ? 400 : 500
    return c.html(errorPage(f, status === 403 ? 'Not allowed' : 'That did not work', lines ?? 'Something went wrong inside proxlb (a bug): the server log has the details.', {href: '/', label: 'Back to the cluster'}), status)
  })

  return {
    app,
    sessions,
    runs,
    async close() {
      runs.stopAll('the server is shutting down')
      await sessions.endAll()
    },
  }
}

/** Now, ISO-8601 UTC without milliseconds (as plans and snapshots carry it). */
function isoNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A state-changing request from a page of this server: no Origin (old clients) or this origin. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin')
  if (!origin) return true
  const host = c.req.header('host')
  return host !== undefined && (origin === `https://${host}` || origin === `http://${host}`)
}
