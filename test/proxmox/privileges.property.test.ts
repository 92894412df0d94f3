/**
 * proxlb's reading of a privilege map agrees with PVE's own answer: for any ACLs of a user
 * (roles on paths, propagating or not, pools), what `holds` concludes on a path from the
 * whole map of `GET /access/permissions` is what PVE answers for that path alone — on
 * listed paths and on paths the map leaves out (a guest, node or storage without an ACL of
 * its own, the lock pool that does not exist yet). PVE's side is the emulator's model.
 */
import {fc, test} from '@fast-check/vitest'
import {describe, expect} from 'vitest'
import {AccessControl, BUILTIN_ROLES, PRIVILEGES} from '../../src/emulator/access.js'
import {coverage, holds, missingForRun} from '../../src/proxmox/privileges.js'

const ACL_PATHS = ['/', '/vms', '/vms/100', '/vms/101', '/nodes', '/nodes/pve1', '/storage', '/storage/local', '/pool', '/pool/prod', '/pool/proxlb-lock']
const ASKED = [...ACL_PATHS, '/vms/102', '/vms/200', '/nodes/pve2', '/storage/ceph', '/pool/other', '/access', '/sdn/zones/localnetwork']
const ROLES = Object.keys(BUILTIN_ROLES).filter((r) => r !== 'NoAccess')
const USER = 'u@pve'

const entry = fc.record({path: fc.constantFrom(...ACL_PATHS), roles: fc.subarray(ROLES, {minLength: 1, maxLength: 2}), propagate: fc.boolean()})

function model(entries: {path: string; roles: string[]; propagate: boolean}[]) {
  const access = new AccessControl({acl: entries.map((e) => ({...e, ugid: USER}))}, () => [['prod', {vms: [100, 200], storage: ['local']}]])
  const session = access.session()
  return {map: session.effectivePermissions(USER), truth: (path: string) => session.permissions(USER, path)}
}

describe('reading the privilege map', () => {
  test.prop([fc.array(entry, {maxLength: 6})], {numRuns: 300})('holds(map, path, privilege) is PVE\'s answer for that path, for every path and privilege', (entries) => {
    const {map, truth} = model(entries)
    for (const path of ASKED) {
      const held = truth(path)
      expect(PRIVILEGES.filter((p) => holds(map, path, p)), path).toEqual(PRIVILEGES.filter((p) => p in held))
    }
  })

  test.prop([fc.array(entry, {maxLength: 6})], {numRuns: 200})('a run is refused exactly for the guests PVE would refuse', (entries) => {
    const {map, truth} = model(entries)
    const vmids = [100, 101, 102, 200]
    const refused = missingForRun(map, vmids).find((m) => m.privilege === 'VM.Migrate')?.paths ?? []
    expect(refused).toEqual(vmids.filter((v) => !('VM.Migrate' in truth(`/vms/${v}`))).map((v) => `/vms/${v}`))
  })

  test('coverage: all when passed down from the area with nothing below taking it away, some when only a pool or a guest has it, none otherwise', () => {
    expect(coverage(model([{path: '/', roles: ['PVEAuditor'], propagate: true}]).map, '/vms', 'VM.Audit').scope).toBe('all')
    expect(coverage(model([{path: '/pool/prod', roles: ['PVEVMUser'], propagate: true}]).map, '/vms', 'VM.Audit').scope).toBe('some')
    const taken = model([{path: '/', roles: ['PVEAuditor'], propagate: true}, {path: '/nodes/pve1', roles: ['PVEVMUser'], propagate: true}]).map
    expect(coverage(taken, '/nodes', 'Sys.Audit')).toEqual({scope: 'some', lacking: ['/nodes/pve1']})
    expect(coverage(model([{path: '/', roles: ['PVEAuditor'], propagate: false}]).map, '/vms', 'VM.Audit').scope).toBe('none')
  })
})
