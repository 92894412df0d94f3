/**
 * The privilege check before a run moves anything (apply, drain, balance): the caller must
 * be able to read the cluster, migrate each guest the plan moves (VM.Migrate on
 * /vms/{vmid}) and take the cluster-wide lock (Pool.Allocate on /pool/proxlb-lock). A run
 * that lacks any of it is refused in one line (exit 4) naming each privilege and path,
 * before the lock is taken; a dry run says what the real run would lack and goes on.
 */
import type {Move} from '../model/plan.js'
import {readPermissions} from '../proxmox/access-check.js'
import type {ProxmoxClient} from '../proxmox/client.js'
import {checkRead, describeMissing, grantHint, missingForRun} from '../proxmox/privileges.js'
import {RefusedError} from './errors.js'

export async function checkRunPrivileges(
  client: ProxmoxClient,
  plan: {moves: readonly Pick<Move, 'vmid'>[]; label: string},
  options: {dryRun: boolean; warn: (line: string) => void},
): Promise<void> {
  const map = await readPermissions(client, options.warn)
  if (!map) return
  const missing = [...checkRead(map, client.identity).refused, ...missingForRun(map, plan.moves.map((m) => m.vmid))]
  if (missing.length === 0) return
  const lacks = `lacks ${describeMissing(missing)} (${[...new Set(missing.map((m) => m.consequence))].join(', ')})`
  if (options.dryRun) return options.warn(`a real run of ${plan.label} would be refused: ${client.identity} ${lacks}`)
  throw new RefusedError(`${client.identity} may not carry out ${plan.label}: it ${lacks}; nothing was moved; ${grantHint(client.identity, 'operator')}`)
}
