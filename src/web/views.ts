/**
 * The pages of `proxlb serve`, as HTML strings: views beside the text, Markdown and HTML
 * renderers, holding no decisions. Every value is escaped; every form that changes
 * something carries the session's CSRF token; nothing is fetched from elsewhere (the CSS
 * and the script are served by proxlb itself, see ./assets.ts). Plain HTML works without
 * the script; the script adds live progress to the run page.
 */
import type {DrainProposal, RestoreProposal} from '../apply/drain-session.js'
import type {Move, Plan} from '../model/plan.js'
import type {Snapshot} from '../model/snapshot.js'
import {formatBytes} from '../model/units.js'
import type {PlacementModel} from '../policy/compile.js'
import {moveMethod, pct, plural, shortTime} from '../render/format.js'
import {planChartHtml} from '../render/html.js'
import type {WebRun} from './runs.js'

export interface PageFrame {
  title: string
  /** The logged-in user, with the CSRF token for the logout form. */
  user?: {name: string; csrf: string}
  cluster?: string
  /** Which navigation entry is the current page. */
  current?: 'cluster' | 'rebalance' | 'history'
}

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}

export function page(frame: PageFrame, body: string): string {
  const nav = frame.user
    ? `<nav aria-label="Main"><ul>${(
        [['cluster', '/', 'Cluster'], ['rebalance', '/rebalance', 'Rebalance'], ['history', '/history', 'History']] as const
      ).map(([key, href, label]) => `<li><a href="${href}"${frame.current === key ? ' aria-current="page"' : ''}>${label}</a></li>`).join('')}</ul>
<form method="post" action="/logout" class="logout">${csrfField(frame.user.csrf)}<span class="who">${esc(frame.user.name)}</span> <button type="submit">Log out</button></form></nav>`
    : ''
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(frame.title)} · proxlb</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><p class="brand"><a href="/">proxlb</a>${frame.cluster ? ` <span class="cluster">cluster ${esc(frame.cluster)}</span>` : ''}</p>${nav}</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>
`
}

function csrfField(token: string): string {
  return `<input type="hidden" name="_csrf" value="${esc(token)}">`
}

function alert(kind: 'error' | 'warning' | 'ok', lines: string | string[]): string {
  const list = Array.isArray(lines) ? lines : lines.split('\n')
  if (list.length === 0) return ''
  const role = kind === 'error' ? ' role="alert"' : ''
  return `<div class="notice ${kind}"${role}>${list.length === 1 ? `<p>${esc(list[0])}</p>` : `<p>${esc(list[0])}</p><ul>${list.slice(1).map((l) => `<li>${esc(l.trim())}</li>`).join('')}</ul>`}</div>`
}

function table(caption: string, header: string[], rows: string[][], options: {raw?: boolean; rowAttrs?: string[]} = {}): string {
  const cell = (c: string) => (options.raw ? c : esc(c))
  return `<div class="scroll"><table><caption>${esc(caption)}</caption><thead><tr>${header.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, i) => `<tr${options.rowAttrs?.[i] ?? ''}>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`
}

export function loginPage(options: {token: string; error?: string; user?: string; kind?: 'password' | 'token'}): string {
  const body = `<h1>Log in</h1>
<p>Log in with your Proxmox VE account: proxlb acts with your own permissions.</p>
${options.error ? alert('error', options.error) : ''}
<form method="post" action="/login" class="login">
<input type="hidden" name="_login" value="${esc(options.token)}">
<fieldset><legend>How to log in</legend>
<label><input type="radio" name="kind" value="password"${options.kind !== 'token' ? ' checked' : ''}> User and password</label>
<label><input type="radio" name="kind" value="token"${options.kind === 'token' ? ' checked' : ''}> API token</label>
</fieldset>
<p><label for="user">User (name@realm) or token id (name@realm!token)</label>
<input id="user" name="user" autocomplete="username" required value="${esc(options.user ?? '')}" spellcheck="false" autocapitalize="none"></p>
<p><label for="password">Password or token secret</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Log in</button></p>
</form>`
  return page({title: 'Log in'}, body)
}

export function errorPage(frame: PageFrame, heading: string, message: string, back?: {href: string; label: string}): string {
  return page(frame, `<h1>${esc(heading)}</h1>\n${alert('error', message)}${back ? `<p><a href="${esc(back.href)}">${esc(back.label)}</a></p>` : ''}`)
}

function meter(label: string, used: number, total: number, detail: string): string {
  const percent = total > 0 ? (used / total) * 100 : 0
  return `<span class="load"><meter min="0" max="100" low="70" high="90" optimum="0" value="${percent.toFixed(1)}" aria-label="${esc(label)}">${pct(percent)}</meter> <span>${pct(percent)}</span> <small>${esc(detail)}</small></span>`
}

export interface ClusterView {
  snapshot: Snapshot
  model: PlacementModel
  /** Nodes being drained (a drain on record), with why. */
  drained: ReadonlyMap<string, string>
  warnings: string[]
  active?: WebRun
}

export function clusterPage(frame: PageFrame, view: ClusterView): string {
  const {snapshot: s, model} = view
  // Each node's guests and each guest's place in the model, found once: a scan per guest
  // made the page of a 12,000-guest cluster take most of a second to render.
  const byNode = new Map<string, Snapshot['guests']>(s.nodes.map((n) => [n.name, []]))
  for (const g of s.guests) byNode.get(g.node)?.push(g)
  const guestsOn = (node: string) => byNode.get(node) ?? []
  const modelGuests = new Map(model.guests.map((g) => [g.vmid, g]))
  const autoRebalance = s.cluster.crs?.autoRebalance
    ? alert('warning', "Proxmox's own HA auto-rebalance is on (datacenter option crs ha-auto-rebalance): it moves HA guests by itself, and two balancers will move guests against each other. Turn one of them off.")
    : ''
  const running = view.active ? alert('ok', `${view.active.label} is under way (started by ${view.active.user}).`) + `<p><a href="/runs/${esc(view.active.id)}">Watch ${esc(view.active.label)}</a></p>` : ''
  const rows = s.nodes.map((n) => {
    const role = model.nodes.find((m) => m.name === n.name)?.role ?? 'active'
    const state = [n.status, n.maintenance ? 'HA maintenance' : '', view.drained.has(n.name) ? 'being drained' : '', role === 'ignored' ? 'ignored by the policy' : role === 'maintenance' && !n.maintenance ? 'maintenance (policy)' : ''].filter(Boolean).join(', ')
    const cpuPercent = n.cpu.cores > 0 ? n.cpu.used / n.cpu.cores : 0
    const action = view.drained.has(n.name)
      ? `<a href="/restore?node=${encodeURIComponent(n.name)}">Restore ${esc(n.name)}…</a>`
      : n.status === 'online'
        ? `<a href="/drain?node=${encodeURIComponent(n.name)}">Migrate away from ${esc(n.name)}…</a>`
        : ''
    return [
      `<strong>${esc(n.name)}</strong>`,
      esc(state),
      meter(`memory of ${n.name}`, n.memory.used, n.memory.total, `${formatBytes(n.memory.used)} of ${formatBytes(n.memory.total)}`),
      meter(`CPU of ${n.name}`, cpuPercent, 1, `${n.cpu.used.toFixed(1)} of ${n.cpu.cores} cores`),
      n.disk.total > 0 ? meter(`local disk of ${n.name}`, n.disk.used, n.disk.total, `${formatBytes(n.disk.used)} of ${formatBytes(n.disk.total)}`) : '—',
      String(guestsOn(n.name).length),
      action,
    ]
  })
  const nodes = table('Nodes and their load now', ['Node', 'State', 'Memory', 'CPU', 'Local disk', 'Guests', 'Action'], rows, {raw: true})
  const guests = s.nodes
    .map((n) => {
      const list = guestsOn(n.name)
      if (list.length === 0) return `<details><summary>${esc(n.name)}: no guests</summary></details>`
      const gRows = list.map((g) => {
        const m = modelGuests.get(g.vmid)
        const notes = [g.template ? 'template' : '', g.lock ? `locked (${g.lock})` : '', g.ha?.managed ? 'HA' : '', m?.ignored ? 'ignored' : '', m && !m.movable && !m.ignored ? `stays: ${m.blockers.join('; ')}` : ''].filter(Boolean).join(', ')
        return [String(g.vmid), g.name, g.type, g.status, formatBytes(g.memory.assigned), (g.tags ?? []).join(', '), notes]
      })
      return `<details><summary>${esc(n.name)}: ${plural(list.length, 'guest')}</summary>${table(`Guests on ${n.name}`, ['VMID', 'Name', 'Type', 'Status', 'Memory', 'Tags', 'Notes'], gRows)}</details>`
    })
    .join('\n')
  const guestName = (index: number) => {
    const g = model.guests[index]
    return g ? `${g.name} (${g.vmid})` : `#${index}`
  }
  const ruleRows = model.rules.map((r) => [
    r.name,
    r.kind,
    r.strict ? 'strict' : 'preferred',
    {policy: 'policy', tag: 'guest tags', ha: 'Proxmox HA rule'}[r.origin],
    r.members.map(guestName).join(', '),
    r.nodes ? r.nodes.map((i) => model.nodes[i]?.name ?? String(i)).join(', ') : '',
  ])
  const ignored = model.guests.filter((g) => g.ignored)
  const rules = `<h2>Rules in force</h2>
${ruleRows.length ? table('Placement rules (together, apart, pin)', ['Rule', 'Kind', 'Strength', 'From', 'Guests', 'Nodes'], ruleRows) : '<p>No together, apart or pin rule applies to this cluster.</p>'}
<p>${ignored.length ? `Ignored by the policy or by tags (never moved): ${esc(ignored.map((g) => `${g.name} (${g.vmid})`).join(', '))}.` : 'No guest is ignored.'}</p>`
  const body = [
    `<h1>Cluster ${esc(s.cluster.name)}</h1>`,
    `<p>${esc(`${plural(s.nodes.length, 'node')}, ${plural(s.guests.length, 'guest')}, ${s.cluster.quorate ? 'quorate' : 'NOT quorate: no migration is possible'}; read ${shortTime(s.takenAt)}.`)}</p>`,
    autoRebalance,
    running,
    view.warnings.length ? alert('warning', ['What reading the cluster found:', ...view.warnings]) : '',
    nodes,
    `<h2>Guests per node</h2>\n${guests}`,
    rules,
  ]
  return page(frame, body.filter(Boolean).join('\n'))
}

function movesTable(moves: readonly Move[], caption: string, status?: (index: number) => string): string {
  const header = ['#', 'Wave', 'Guest', 'From', 'To', 'Reason', 'Method', 'Transfer', ...(status ? ['Status'] : [])]
  const rows = moves.map((m, i) => [
    String(i + 1), String(m.wave), `${m.name} (${m.vmid})`, m.from, m.to, `${m.reason}: ${m.detail}`, moveMethod(m), formatBytes(m.bytes), ...(status ? [status(i)] : []),
  ])
  return table(caption, header, rows, {rowAttrs: moves.map((_, i) => ` data-move="${i}"`)})
}

function planSummary(plan: Plan): string {
  return `<p class="verdict">${esc(plan.summary.message)}</p>
<dl class="facts"><dt>Migrations</dt><dd>${esc(`${plan.summary.moves} in ${plural(plan.summary.waves, 'wave')}, ${formatBytes(plan.summary.bytesMoved)} to transfer`)}</dd>
<dt>Spread</dt><dd>${esc(`${plan.balance.spreadBefore.toFixed(1)} → ${plan.balance.spreadAfter.toFixed(1)} points (threshold ${plan.balance.threshold})`)}</dd></dl>
${plan.warnings.length ? alert('warning', ['Warnings:', ...plan.warnings.map((w) => w.message)]) : ''}`
}

function confirmForm(action: string, csrf: string, planId: string, label: string, extra = ''): string {
  return `<form method="post" action="${esc(action)}" class="confirm">${csrfField(csrf)}<input type="hidden" name="plan" value="${esc(planId)}">${extra}<button type="submit" class="primary">${esc(label)}</button></form>`
}

export interface RebalanceView {
  plan: Plan
  planId: string
  policyLabel: string
  /** What the policy form holds (an uploaded policy), and its problems. */
  policyText?: string
  policyErrors?: string[]
  drainedNote?: string
}

export function rebalancePage(frame: PageFrame & {user: {name: string; csrf: string}}, view: RebalanceView): string {
  const {plan} = view
  const apply = plan.moves.length
    ? `<h2>Apply</h2><p>Nothing has moved yet: this is a dry run. Applying checks the plan against the cluster as it is then (a stale plan is refused), takes the cluster lock and runs the migrations within the policy's limits, like <code>proxlb apply</code>.</p>${confirmForm('/rebalance/apply', frame.user.csrf, view.planId, `Apply: migrate ${plural(plan.moves.length, 'guest')}`)}`
    : ''
  const policyForm = `<h2>Another policy</h2>
${view.policyErrors?.length ? alert('error', ['The policy has problems; nothing was planned with it:', ...view.policyErrors]) : ''}
<form method="post" action="/rebalance" class="policy">${csrfField(frame.user.csrf)}
<p><label for="policy-file">Policy file (YAML)</label> <input id="policy-file" type="file" accept=".yaml,.yml,text/yaml" data-into="policy-text"></p>
<p><label for="policy-text">Policy (proxlb/v1 YAML)</label><br><textarea id="policy-text" name="policy" rows="10" cols="70" spellcheck="false">${esc(view.policyText ?? '')}</textarea></p>
<p><button type="submit">Plan with this policy</button> <a href="/rebalance">Back to the configured policy</a></p></form>`
  const body = [
    `<h1>Rebalance ${esc(plan.snapshot.cluster)}</h1>`,
    `<p>Policy: ${esc(view.policyLabel)}. Dry run: nothing moves until you apply.</p>`,
    view.drainedNote ? alert('warning', view.drainedNote) : '',
    planSummary(plan),
    planChartHtml(plan),
    plan.moves.length ? movesTable(plan.moves, 'Planned migrations') : '',
    apply,
    policyForm,
  ]
  return page(frame, body.filter(Boolean).join('\n'))
}

export function drainPage(frame: PageFrame & {user: {name: string; csrf: string}}, proposal: DrainProposal, planId: string, refusal?: string): string {
  const {node, plan, left, rules} = proposal
  const list = (caption: string, items: {name: string; vmid: number; reason: string}[]) =>
    items.length ? table(caption, ['Guest', 'Why'], items.map((g) => [`${g.name} (${g.vmid})`, g.reason])) : ''
  const force = left.stuck.length ? `<p><input type="checkbox" id="force" name="force" value="1"> <label for="force">Drain the others, and leave ${left.stuck.length === 1 ? 'the guest' : `the ${left.stuck.length} guests`} that cannot leave on ${esc(node)}</label></p>` : ''
  const body = [
    `<h1>Migrate away from ${esc(node)}</h1>`,
    `<p>Every guest that can leave ${esc(node)} goes to the least loaded node that may take it; no other guest moves. Dry run: nothing moves until you confirm. While the drain is on record, ${esc(node)} counts as in maintenance; restore brings its guests back.</p>`,
    refusal ? alert('error', refusal) : '',
    planSummary(plan),
    left.stuck.length ? alert('warning', `${plural(left.stuck.length, 'running guest')} cannot leave ${node}:`) : '',
    list(`Running guests that cannot leave ${node}`, left.stuck),
    list(`Stopped guests that stay on ${node}`, left.parked),
    list(`Guests the policy ignores (they stay)`, left.ignored),
    rules.givenUp.length ? alert('warning', ['Preferences this drain gives up:', ...rules.givenUp.map((r) => r.message)]) : '',
    rules.leftBroken.length ? alert('warning', ['Rules broken before the drain that stay broken:', ...rules.leftBroken.map((r) => r.message)]) : '',
    plan.moves.length ? movesTable(plan.moves, `Migrations away from ${node}`) : '',
    confirmForm(`/drain/${encodeURIComponent(node)}`, frame.user.csrf, planId, plan.moves.length ? `Confirm: migrate ${plural(plan.moves.length, 'guest')} away from ${node}` : `Confirm: record the drain of ${node}`, force),
  ]
  return page(frame, body.filter(Boolean).join('\n'))
}

export function restorePage(frame: PageFrame & {user: {name: string; csrf: string}}, node: string, proposal: RestoreProposal, planId: string): string {
  const {restore} = proposal
  const body = [
    `<h1>Restore ${esc(node)}</h1>`,
    `<p>The drain moved ${plural(restore.drained, 'guest')} away from ${esc(node)}; these come back where that is still valid. Dry run: nothing moves until you confirm.</p>`,
    restore.moves.length ? movesTable(restore.moves, `Migrations back to ${node}`) : '<p>No guest can move back now.</p>',
    restore.staying.length ? table('Guests that stay where they are', ['Guest', 'Why'], restore.staying.map((g) => [`${g.name} (${g.vmid})`, g.reason])) : '',
    confirmForm(`/restore/${encodeURIComponent(node)}`, frame.user.csrf, planId, restore.moves.length ? `Confirm: bring ${plural(restore.moves.length, 'guest')} back to ${node}` : `Confirm: close the drain record of ${node}`),
  ]
  return page(frame, body.filter(Boolean).join('\n'))
}

/** A migration's status on the run page, by the event that last spoke of it. */
export const MOVE_STATUS: Partial<Record<string, string>> = {'move-started': 'migrating', 'move-accepted': 'migrating', 'move-done': 'done', 'move-failed': 'failed', 'move-skipped': 'skipped', 'move-unknown': 'unknown'}

/** Each move's status as the events so far tell it. */
export function moveStatuses(run: WebRun): string[] {
  const status = run.plan.moves.map(() => 'waiting')
  for (const {event} of run.events) {
    const now = MOVE_STATUS[event.type]
    if ('move' in event && now) status[event.move.index] = now
  }
  return status
}

export function runPage(frame: PageFrame & {user: {name: string; csrf: string}}, run: WebRun): string {
  const statuses = moveStatuses(run)
  const live = run.state === 'running' || run.state === 'starting'
  const headline = live ? (run.control.stopping ? 'Stopping: no new migration starts; the running ones are followed to their end.' : 'Running.') : run.state === 'failed' ? 'Ended with an error.' : 'Finished.'
  const body = [
    `<h1>${esc(run.label[0].toUpperCase() + run.label.slice(1))}</h1>`,
    `<p>Started by ${esc(run.user)} at ${esc(shortTime(run.startedAt))}. Journal: <code>${esc(run.journalPath)}</code>. The run goes on when this page is closed; open it again to follow it.</p>`,
    `<p class="status" id="run-status" role="status" data-run="${esc(run.id)}" data-events="${run.events.length}" data-live="${live ? '1' : '0'}">${esc(headline)}</p>`,
    live ? `<form method="post" action="/runs/${esc(run.id)}/stop" class="stop">${csrfField(frame.user.csrf)}<button type="submit"${run.control.stopping ? ' disabled' : ''}>Stop: start no new migration</button></form>` : '',
    run.error ? alert('error', run.error) : '',
    run.reportText ? `<h2>Result</h2><pre class="report">${esc(run.reportText)}</pre>` : '',
    run.plan.moves.length ? movesTable(run.plan.moves, 'Migrations', (i) => statuses[i]) : '',
    `<h2>Progress</h2><ol class="log" id="run-log" aria-live="polite">${run.events.map((e) => `<li>${esc(e.line)}</li>`).join('')}</ol>`,
    live ? '<noscript><p><a href="">Reload</a> to see the latest progress.</p></noscript>' : '',
  ]
  return page(frame, body.filter(Boolean).join('\n'))
}

export interface HistoryEntry {
  file: string
  command: string
  label: string
  startedAt: string
  users: string[]
  runs: number
  moves: number
  /** The migrations done, `name (vmid) from → to`. */
  moved: string[]
  done: number
  failed: number
  outcome: string
}

export function historyPage(frame: PageFrame, entries: HistoryEntry[], folder: string): string {
  const moves = (e: HistoryEntry) => {
    const count = esc(`${e.done} of ${e.moves} done${e.failed ? `, ${e.failed} failed` : ''}`)
    return e.moved.length ? `<details><summary>${count}</summary><ul>${e.moved.map((m) => `<li>${esc(m)}</li>`).join('')}</ul></details>` : count
  }
  const rows = entries.map((e) => [esc(e.startedAt ? shortTime(e.startedAt) : '—'), esc(e.label), esc(e.users.join(', ') || '—'), moves(e), esc(e.outcome), `<code>${esc(e.file)}</code>`])
  const body = `<h1>History</h1>
<p>Past runs, from the journals in ${esc(folder)} (drains, restores, runs started here, the balance service).</p>
${entries.length ? table('Past runs, newest first', ['When', 'What', 'Who', 'Moves', 'Outcome', 'Journal'], rows, {raw: true}) : '<p>No run is recorded yet.</p>'}`
  return page(frame, body)
}

