/**
 * Views of a drain and of its restore: the guests that stay on the node and why, the
 * moves that bring guests back, and what to do next. Presentation only.
 */
import type {DrainCheck, DrainRules, RestorePlan} from '../apply/drain.js'
import {formatBytes} from '../model/units.js'
import {plural, table} from './format.js'

export function renderLeftBehind(node: string, check: DrainCheck): string {
  const lines: string[] = []
  if (check.stuck.length > 0) {
    lines.push(`${plural(check.stuck.length, 'running guest')} cannot leave ${node}:`)
    for (const g of check.stuck) lines.push(`  ! ${g.name} (${g.vmid}): ${g.reason}`)
  }
  if (check.parked.length > 0) {
    lines.push(`${plural(check.parked.length, 'stopped guest')} cannot leave ${node} either; nothing of ${check.parked.length === 1 ? 'its' : 'theirs'} runs there, so ${check.parked.length === 1 ? 'it stays' : 'they stay'}:`)
    for (const g of check.parked) lines.push(`  - ${g.name} (${g.vmid}): ${g.reason}`)
  }
  if (check.ignored.length > 0) {
    lines.push(`${plural(check.ignored.length, 'guest')} on ${node} ${check.ignored.length === 1 ? 'is' : 'are'} ignored by the policy and stay${check.ignored.length === 1 ? 's' : ''}:`)
    for (const g of check.ignored) lines.push(`  - ${g.name} (${g.vmid})${g.running ? ': running, it goes down with the node unless you move or shut it down' : ''}`)
  }
  if (lines.length === 0) lines.push(`Every guest on ${node} can leave.`)
  return lines.join('\n') + '\n'
}

/** What the drain does to the rules: preferences it gives up, rules broken elsewhere that it leaves as they are. */
export function renderDrainRules(node: string, rules: DrainRules): string {
  const lines: string[] = []
  if (rules.givenUp.length > 0) {
    lines.push(`The drain of ${node} cannot keep ${rules.givenUp.length === 1 ? 'this rule' : `these ${rules.givenUp.length} rules`} (no target keeps ${rules.givenUp.length === 1 ? 'it' : 'them'}):`)
    for (const r of rules.givenUp) lines.push(`  ! ${r.message}`)
  }
  if (rules.leftBroken.length > 0) {
    lines.push(`Broken before the drain and left as ${rules.leftBroken.length === 1 ? 'it is' : 'they are'} (a drain moves only the guests of ${node}; proxlb plan and apply repair ${rules.leftBroken.length === 1 ? 'it' : 'them'}):`)
    for (const r of rules.leftBroken) lines.push(`  - ${r.message}`)
  }
  return lines.length ? lines.join('\n') + '\n' : ''
}

export function renderRestore(node: string, restore: RestorePlan): string {
  const back = restore.moves.length
  const all = back === restore.drained ? (back === 1 ? 'the guest' : `all ${back} guests`) : `${back} of the ${plural(restore.drained, 'guest')}`
  const lines = [back ? `Back to ${node}: ${all} the drain moved away from it; nothing else moves.` : `No guest to move back to ${node} (the drain moved ${plural(restore.drained, 'guest')} away from it).`]
  const rows = restore.moves.map((m, i) => [`${String(i + 1).padStart(2)}.`, `${m.name} (${m.vmid}, ${m.type === 'qemu' ? 'VM' : 'CT'})`, `${m.from} → ${m.to}`, `${m.method}${m.withLocalDisks ? ' + local disks' : ''}`, formatBytes(m.bytes)])
  lines.push(...table(rows, [4]).map((l) => '  ' + l))
  if (restore.staying.length) {
    lines.push(`Staying where they are (${restore.staying.length}):`)
    for (const g of restore.staying) lines.push(`  - ${g.name} (${g.vmid}): ${g.reason}`)
  }
  return lines.join('\n') + '\n'
}

/**
 * What a finished drain tells the operator. `left`: the guests the drain leaves on the
 * node, when known (a resumed drain knows its plan only, and claims no more than it).
 */
export function renderDrainDone(node: string, allDone: boolean, left?: Pick<DrainCheck, 'stuck' | 'ignored'>): string {
  if (!allDone) return `The drain of ${node} did not finish: see above; continue it with proxlb drain ${node} --resume.\n`
  if (!left) return `Every migration of the drain of ${node} is done (the guests it leaves there were listed when it started). Do the maintenance, then bring its guests back: proxlb drain ${node} --restore\n`
  const ignored = left.ignored.filter((g) => g.running).length
  const apart = [left.stuck.length ? `${plural(left.stuck.length, 'guest')} that cannot leave` : '', ignored ? `${plural(ignored, 'guest')} the policy ignores` : ''].filter(Boolean)
  return `${node} is empty of running guests${apart.length ? ` apart from ${apart.join(' and ')}` : ''}. Do the maintenance, then bring its guests back: proxlb drain ${node} --restore\n`
}
