/**
 * The privilege check before proxlb reads a cluster: one `GET /access/permissions` for the
 * caller's effective privileges, then ./privileges.ts says what is missing. A snapshot
 * that would be silently empty or wrong (no guests without VM.Audit, no node usage without
 * Sys.Audit) is refused in one line naming the privileges and paths; one that is only
 * partial (no storage without Datastore.Audit, no pools without Pool.Audit) goes on with a
 * warning. Servers that cannot answer (before PVE 6.1, or refusing the call) are warned
 * about and not checked: their own 403s still say what is missing.
 */
import type {ProxmoxClient} from './client.js'
import {ApiError, AuthenticationError} from './errors.js'
import {checkRead, describeMissing, grantHint, type PermissionMap} from './privileges.js'
import {ProxlbError} from '../model/problems.js'

/** A snapshot or a run refused because the caller lacks privileges. */
export class MissingPrivilegesError extends ProxlbError {}

/** The caller's effective privileges, or undefined (with a warning) when the server cannot tell. */
export async function readPermissions(client: ProxmoxClient, warn: (line: string) => void): Promise<PermissionMap | undefined> {
  try {
    const map = await client.get<unknown>('/access/permissions')
    if (map !== null && typeof map === 'object' && !Array.isArray(map)) return map as PermissionMap
    warn(`${client.endpoint} answered GET /access/permissions with something other than a privilege map: privileges are not checked beforehand`)
  } catch (error) {
    if (!(error instanceof ApiError) || error instanceof AuthenticationError) throw error
    warn(`privileges are not checked beforehand: ${error.message}`)
  }
  return undefined
}

/** Refuses a snapshot that the caller's privileges would leave empty or wrong; warns about what it leaves out. */
export async function checkReadPrivileges(client: ProxmoxClient, warn: (line: string) => void): Promise<void> {
  const map = await readPermissions(client, warn)
  if (!map) return
  const {refused, warnings} = checkRead(map, client.identity)
  if (refused.length > 0) {
    const why = [...new Set(refused.map((m) => m.consequence))].join(', and ')
    throw new MissingPrivilegesError(`${client.identity} lacks ${describeMissing(refused)}: ${why}; ${grantHint(client.identity, 'reader')}`)
  }
  warnings.forEach(warn)
}
