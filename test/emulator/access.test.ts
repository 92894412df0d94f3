/**
 * The emulator's privileges are PVE's: built-in roles with PVE's privilege lists, roles on
 * ACL paths inherited down the path when they propagate, deeper entries replacing higher
 * ones, user entries before group entries, NoAccess winning, pools granting their members,
 * tokens with privilege separation holding the intersection with their user, and every
 * endpoint filtering or refusing as pve-manager, qemu-server and pve-container do.
 */
import {describe, expect, test} from 'vitest'
import {AccessControl, BUILTIN_ROLES, PRIVILEGES} from '../../src/emulator/access.js'
import type {EmulatorOptions} from '../../src/emulator/index.js'
import {operation} from '../../src/emulator/pve-schema.js'
import {call, emulator, login, type Session, tokenSession, waitForTask} from './helpers.js'
import {returnProblems} from './pve-returns.js'

type Ids = (string | number)[]
const ids = (data: {id: string}[], type?: string): Ids => data.filter((r) => !type || (r as unknown as {type: string}).type === type).map((r) => r.id)

async function as(options: Partial<EmulatorOptions>, userid: string, password = 'pw'): Promise<Session> {
  return login(await emulator(options), userid, password)
}

describe('built-in roles', () => {
  // Written out from pve-access-control's AccessControl.pm ($privgroups and create_roles), not derived.
  test.each([
    ['NoAccess', []],
    ['PVEAuditor', ['Datastore.Audit', 'Mapping.Audit', 'Pool.Audit', 'SDN.Audit', 'Sys.Audit', 'VM.Audit', 'VM.GuestAgent.Audit']],
    ['PVEVMUser', ['VM.Audit', 'VM.Backup', 'VM.Config.CDROM', 'VM.Config.Cloudinit', 'VM.Console', 'VM.GuestAgent.Audit', 'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt', 'VM.GuestAgent.FileWrite', 'VM.PowerMgmt']],
    ['PVEVMAdmin', [
      'VM.Allocate', 'VM.Audit', 'VM.Backup', 'VM.Clone', 'VM.Config.CDROM', 'VM.Config.CPU', 'VM.Config.Cloudinit', 'VM.Config.Disk', 'VM.Config.HWType',
      'VM.Config.Memory', 'VM.Config.Network', 'VM.Config.Options', 'VM.Console', 'VM.GuestAgent.Audit', 'VM.GuestAgent.FileRead', 'VM.GuestAgent.FileSystemMgmt',
      'VM.GuestAgent.FileWrite', 'VM.GuestAgent.Unrestricted', 'VM.Migrate', 'VM.PowerMgmt', 'VM.Replicate', 'VM.Snapshot', 'VM.Snapshot.Rollback',
    ]],
    ['PVESysAdmin', ['Sys.Audit', 'Sys.Console', 'Sys.Syslog']],
    ['PVEDatastoreUser', ['Datastore.AllocateSpace', 'Datastore.Audit']],
    ['PVEDatastoreAdmin', ['Datastore.Allocate', 'Datastore.AllocateSpace', 'Datastore.AllocateTemplate', 'Datastore.Audit']],
    ['PVEPoolUser', ['Pool.Audit']],
    ['PVEPoolAdmin', ['Pool.Allocate', 'Pool.Audit']],
    ['PVEUserAdmin', ['Group.Allocate', 'Realm.AllocateUser', 'User.Modify']],
    ['PVESDNUser', ['SDN.Audit', 'SDN.Use']],
    ['PVEMappingUser', ['Mapping.Audit', 'Mapping.Use']],
    ['PVETemplateUser', ['VM.Audit', 'VM.Clone']],
  ])('%s', (role, privileges) => {
    expect(BUILTIN_ROLES[role]).toEqual(privileges)
  })

  test('PVE 9 knows 47 privileges; Administrator holds them all, PVEAdmin all but the root-only ones and Mapping.Modify', () => {
    expect(PRIVILEGES).toHaveLength(47)
    expect(BUILTIN_ROLES.Administrator).toEqual(PRIVILEGES)
    expect(PRIVILEGES.filter((p) => !BUILTIN_ROLES.PVEAdmin.includes(p))).toEqual([
      'Mapping.Modify', 'Permissions.Modify', 'Realm.Allocate', 'Sys.AccessNetwork', 'Sys.Incoming', 'Sys.Modify', 'Sys.PowerMgmt',
    ])
    expect(Object.keys(BUILTIN_ROLES).filter((r) => r.startsWith('PVE')).sort()).toEqual([
      'PVEAdmin', 'PVEAuditor', 'PVEDatastoreAdmin', 'PVEDatastoreUser', 'PVEMappingAdmin', 'PVEMappingUser', 'PVEPoolAdmin', 'PVEPoolUser',
      'PVESDNAdmin', 'PVESDNUser', 'PVESysAdmin', 'PVETemplateUser', 'PVEUserAdmin', 'PVEVMAdmin', 'PVEVMUser',
    ])
  })
})

describe('ACL paths', () => {
  const permissionsOn = async (session: Session, path: string) => (await session.get(`/access/permissions?path=${encodeURIComponent(path)}`)).body.data[path]

  test('a propagating grant reaches every path below; one that does not propagate stays on its path', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMUser'], propagate: false}, {path: '/nodes', roles: ['PVEAuditor']}]}]}, 'a@pve')
    expect(await permissionsOn(s, '/vms')).toMatchObject({'VM.Audit': 0, 'VM.PowerMgmt': 0})
    expect(await permissionsOn(s, '/vms/107')).toEqual({})
    expect(await permissionsOn(s, '/nodes/pve1')).toMatchObject({'Sys.Audit': 1, 'VM.Audit': 1})
    expect((await s.get('/nodes/pve1/qemu/107/status/current')).statusText).toBe('Permission check failed (/vms/107, VM.Audit)')
    expect((await s.get('/nodes/pve1/status')).status).toBe(200)
  })

  test('a deeper entry replaces what came from above; NoAccess takes everything away', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}, {path: '/vms/107', roles: ['PVEVMUser']}, {path: '/vms/105', roles: ['NoAccess']}]}]}, 'a@pve')
    const on107 = await permissionsOn(s, '/vms/107')
    expect(on107['VM.PowerMgmt']).toBe(1)
    expect(on107['Datastore.Audit']).toBeUndefined()
    expect(await permissionsOn(s, '/vms/105')).toEqual({})
    expect(await permissionsOn(s, '/vms/102')).toMatchObject({'VM.Audit': 1, 'Sys.Audit': 1})
    const guests = ids((await s.get('/cluster/resources?type=vm')).body.data)
    expect(guests).toContain('qemu/107')
    expect(guests).not.toContain('qemu/105')
  })

  test("a user's own entry on a path wins over its groups' entries there; groups count where the user has none", async () => {
    const access = {groups: {ops: ['a@pve', 'b@pve']}, acl: [{path: '/', ugid: '@ops', roles: ['PVEVMAdmin'], propagate: true}]}
    const emu = await emulator({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}]}, {userid: 'b@pve', password: 'pw'}], access})
    const a = await login(emu, 'a@pve', 'pw')
    const b = await login(emu, 'b@pve', 'pw')
    expect((await a.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).statusText).toBe('Permission check failed (/vms/107, VM.Migrate)')
    expect((await b.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})).status).toBe(200)
    expect((await b.get('/cluster/status')).statusText).toBe('Permission check failed (/, Sys.Audit)')
  })

  test('the roles on a pool reach its guests, without propagating further; a NoAccess on the pool trumps grants from above', async () => {
    const pool = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/pool/prod', roles: ['PVEVMUser']}]}]}, 'a@pve')
    expect(ids((await pool.get('/cluster/resources?type=vm')).body.data)).toEqual(['qemu/100', 'qemu/101'])
    expect(await permissionsOn(pool, '/vms/100')).toMatchObject({'VM.Audit': 0})
    expect((await pool.get('/nodes/pve1/qemu')).body.data.map((g: {vmid: number}) => g.vmid)).toEqual([100, 101])
    const denied = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}, {path: '/pool/prod', roles: ['NoAccess']}]}]}, 'a@pve')
    const seen = ids((await denied.get('/cluster/resources?type=vm')).body.data)
    expect(seen).not.toContain('qemu/100')
    expect(seen).toContain('qemu/102')
  })

  test('deleting a pool deletes its ACL entries (delete_pool_acl): a grant on the lock pool itself lasts one run, one on /pool stays', () => {
    const access = new AccessControl({acl: [{path: '/pool/proxlb-lock', ugid: 'a@pve', roles: ['PVEPoolAdmin'], propagate: true}, {path: '/pool', ugid: 'b@pve', roles: ['PVEPoolAdmin'], propagate: true}]})
    const allowed = (user: string) => access.session().allows(user, '/pool/proxlb-lock', ['Pool.Allocate'])
    expect([allowed('a@pve'), allowed('b@pve')]).toEqual([true, true])
    access.forgetPool('proxlb-lock')
    expect([allowed('a@pve'), allowed('b@pve')]).toEqual([false, true])
    expect(access.aclPaths()).toEqual(['/', '/pool'])
  })

  test('root@pam holds every privilege on every path, whatever it is granted', async () => {
    const s = await as({users: [{userid: 'root@pam', password: 'pw', acl: [{path: '/', roles: ['NoAccess']}]}]}, 'root@pam')
    expect(Object.keys(await permissionsOn(s, '/vms/100'))).toEqual(PRIVILEGES)
    expect((await s.get('/cluster/status')).status).toBe(200)
  })
})

describe('API tokens', () => {
  const user = {userid: 'ops@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}, {path: '/vms', roles: ['PVEVMAdmin'], propagate: false}]}

  test('with privilege separation a token holds what both it and its user hold, propagating only where both do', async () => {
    const emu = await emulator({users: [user], tokens: [{tokenid: 'ops@pve!sep', secret: 's', acl: [{path: '/', roles: ['PVEVMAdmin', 'PVEDatastoreUser']}]}]})
    const token = tokenSession(emu, 'ops@pve!sep=s')
    const root = (await token.get('/access/permissions?path=/')).body.data['/']
    expect(root).toEqual({'Datastore.Audit': 1, 'VM.Audit': 1, 'VM.GuestAgent.Audit': 1})
    // On /vms the user's own entry (PVEVMAdmin, not propagated) replaces its PVEAuditor from /.
    expect((await token.get('/access/permissions?path=/vms')).body.data['/vms']).toEqual(Object.fromEntries(BUILTIN_ROLES.PVEVMAdmin.map((p) => [p, 0])))
    expect((await token.get('/access/permissions?path=/vms/107')).body.data['/vms/107']).toEqual({'Datastore.Audit': 1, 'VM.Audit': 1, 'VM.GuestAgent.Audit': 1})
    const r = await token.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1'})
    expect(r.status).toBe(403)
    expect(r.body).toEqual({data: null, message: 'Permission check failed (/vms/107, VM.Migrate)\n'})
  })

  test('without privilege separation a token holds exactly its user\'s privileges, and a token never logs in as its user', async () => {
    const emu = await emulator({users: [user], tokens: [{tokenid: 'ops@pve!full', secret: 's', privsep: false}]})
    const token = tokenSession(emu, 'ops@pve!full=s')
    const asUser = await login(emu, 'ops@pve', 'pw')
    expect((await token.get('/access/permissions')).body.data).toEqual((await asUser.get('/access/permissions')).body.data)
  })

  test('a token sees its own tasks, its user sees its own and its tokens\'; others\' need Sys.Audit on the node', async () => {
    const emu = await emulator({
      users: [{userid: 'ops@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMAdmin']}]}, {userid: 'other@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMAdmin']}]}],
      tokens: [{tokenid: 'ops@pve!t', secret: 's', privsep: false}],
    })
    const token = tokenSession(emu, 'ops@pve!t=s')
    const upid = (await token.post('/nodes/pve2/qemu/105/migrate', {target: 'pve3'})).body.data as string
    await waitForTask(token, upid)
    const user = await login(emu, 'ops@pve', 'pw')
    const other = await login(emu, 'other@pve', 'pw')
    const listed = async (s: Pick<Session, 'get'>) => (await s.get('/nodes/pve2/tasks')).body.data.map((t: {upid: string}) => t.upid)
    expect(await listed(token)).toEqual([upid])
    expect(await listed(user)).toEqual([upid])
    expect(await listed(other)).toEqual([])
    const status = await other.get(`/nodes/pve2/tasks/${encodeURIComponent(upid)}/status`)
    expect(status.statusText).toBe('Permission check failed (/nodes/pve2, Sys.Audit)')
    expect((await other.del(`/nodes/pve2/tasks/${encodeURIComponent(upid)}`)).statusText).toBe('Permission check failed (/nodes/pve2, Sys.Modify)')
  })
})

describe('what each endpoint shows and refuses', () => {
  test('/cluster/resources: guests by VM.Audit, pools by Pool.Audit (a guest\'s pool too), storages by Datastore.Audit, every node but its usage only with Sys.Audit', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMUser']}, {path: '/nodes/pve1', roles: ['PVEAuditor']}, {path: '/storage/ceph-vm', roles: ['PVEDatastoreUser']}]}]}, 'a@pve')
    const resources = (await s.get('/cluster/resources')).body.data as Record<string, unknown>[]
    expect(returnProblems(resources, operation('GET', '/cluster/resources')!.returns)).toEqual([])
    expect(resources.filter((r) => r.type === 'pool')).toEqual([])
    expect(resources.find((r) => r.vmid === 100)).not.toHaveProperty('pool')
    expect(resources.filter((r) => r.type === 'storage').map((r) => r.storage)).toEqual(['ceph-vm', 'ceph-vm', 'ceph-vm', 'ceph-vm', 'ceph-vm'])
    const nodes = resources.filter((r) => r.type === 'node')
    expect(nodes.map((r) => r.node)).toEqual(['pve1', 'pve2', 'pve3', 'pve4', 'pve5'])
    expect(nodes[0]).toHaveProperty('maxmem')
    expect(nodes[1]).toMatchObject({id: 'node/pve2', status: 'online'})
    expect(Object.keys(nodes[1]).filter((k) => ['cpu', 'maxcpu', 'mem', 'maxmem', 'disk', 'maxdisk', 'uptime'].includes(k))).toEqual([])
    expect(resources.filter((r) => r.type === 'sdn')).toEqual([])
  })

  test('/nodes lists every node, with usage only where the caller has Sys.Audit', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/nodes/pve2', roles: ['PVEAuditor']}]}]}, 'a@pve')
    const nodes = (await s.get('/nodes')).body.data as Record<string, unknown>[]
    expect(returnProblems(nodes, operation('GET', '/nodes')!.returns, new Set(['id', 'type', 'level', 'ssl_fingerprint', 'disk', 'maxdisk']))).toEqual([])
    expect(nodes.filter((n) => 'maxmem' in n).map((n) => n.node)).toEqual(['pve2'])
    expect((await s.get('/nodes/pve1/status')).statusText).toBe('Permission check failed (/nodes/pve1, Sys.Audit)')
    expect((await s.get('/nodes/pve1/rrddata?timeframe=hour')).statusText).toBe('Permission check failed (/nodes/pve1, Sys.Audit)')
  })

  test('storage listings show storages with Datastore.Audit or Datastore.AllocateSpace; /cluster/resources only with Datastore.Audit', async () => {
    const role = {AllocateOnly: ['Datastore.AllocateSpace']}
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/storage/local-lvm', roles: ['AllocateOnly']}]}], access: {roles: role}}, 'a@pve')
    expect((await s.get('/storage')).body.data.map((x: {storage: string}) => x.storage)).toEqual(['local-lvm'])
    expect((await s.get('/nodes/pve1/storage')).body.data.map((x: {storage: string}) => x.storage)).toEqual(['local-lvm'])
    expect((await s.get('/cluster/resources?type=storage')).body.data).toEqual([])
  })

  test('HA requests need Sys.Console on /, reads Sys.Audit on /; a pool\'s members need Pool.Audit on it; force is root\'s', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}, {path: '/vms', roles: ['PVEVMAdmin']}]}]}, 'a@pve')
    expect((await s.get('/cluster/ha/resources')).status).toBe(200)
    const ha = await s.post('/cluster/ha/resources/vm:300/migrate', {node: 'pve1'})
    expect([ha.status, ha.statusText]).toEqual([403, 'Permission check failed (/, Sys.Console)'])
    expect((await s.get('/pools/prod')).status).toBe(200)
    const forced = await s.post('/nodes/pve1/qemu/107/migrate', {target: 'pve2', online: '1', force: '1'})
    expect(forced.body.errors).toEqual({force: 'Only root may use this option.'})
    const none = await as({users: [{userid: 'b@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMUser']}]}]}, 'b@pve')
    expect((await none.get('/pools/prod')).statusText).toBe('Permission check failed (/pool/prod, Pool.Audit)')
    expect((await none.get('/cluster/ha/rules')).statusText).toBe('Permission check failed (/, Sys.Audit)')
  })

  test('an HA-managed guest migrates with VM.Migrate alone: the HA manager runs the migration as root@pam', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMAdmin']}]}]}, 'a@pve')
    const r = await s.post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: '1'})
    expect(r.status).toBe(200)
    expect(r.body.data).toMatch(/:hamigrate:100:a@pve:$/)
  })
})

describe('/access/permissions', () => {
  test('without a path: every top-level path, every ACL path and every pool member\'s path where the caller holds something, as PVE lists them', async () => {
    const s = await as({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/nodes', roles: ['PVEAuditor']}, {path: '/pool/prod', roles: ['PVEVMUser'], propagate: false}, {path: '/vms/107', roles: ['NoAccess']}]}]}, 'a@pve')
    const r = await s.get('/access/permissions')
    expect(returnProblems(r.body.data, operation('GET', '/access/permissions')!.returns)).toEqual([])
    const auditor = Object.fromEntries(BUILTIN_ROLES.PVEAuditor.map((p) => [p, 1]))
    const vmUser = (propagate: 0 | 1) => Object.fromEntries(BUILTIN_ROLES.PVEVMUser.map((p) => [p, propagate]))
    expect(r.body.data).toEqual({'/nodes': auditor, '/pool/prod': vmUser(0), '/vms/100': vmUser(0), '/vms/101': vmUser(0)})
  })

  test('with a path: that path alone, empty when nothing is held; another user\'s needs Sys.Audit on /access, one\'s own tokens\' do not', async () => {
    const emu = await emulator({
      users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/vms', roles: ['PVEVMUser']}]}, {userid: 'b@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}]}],
      tokens: [{tokenid: 'a@pve!t', secret: 's', acl: [{path: '/vms', roles: ['PVEAuditor']}]}],
    })
    const a = await login(emu, 'a@pve', 'pw')
    expect((await a.get('/access/permissions?path=/nodes')).body.data).toEqual({'/nodes': {}})
    expect((await a.get('/access/permissions?path=/vms&userid=a@pve!t')).body.data).toEqual({'/vms': {'VM.Audit': 1, 'VM.GuestAgent.Audit': 1}})
    const other = await a.get('/access/permissions?userid=b@pve')
    expect([other.status, other.statusText]).toEqual([403, 'Permission check failed (/access, Sys.Audit)'])
    const b = await login(emu, 'b@pve', 'pw')
    expect(Object.keys((await b.get('/access/permissions?userid=a@pve')).body.data)).toEqual(['/vms', '/vms/100', '/vms/101'])
  })

  test('the ticket answer carries the capabilities PVE computes from the same privileges', async () => {
    const emu = await emulator({users: [{userid: 'a@pve', password: 'pw', acl: [{path: '/', roles: ['PVEAuditor']}]}]})
    const r = await call(emu, 'POST', '/access/ticket', {form: {username: 'a@pve', password: 'pw'}})
    expect(r.body.data.cap).toEqual({
      vms: {'VM.Audit': 1, 'VM.GuestAgent.Audit': 1},
      storage: {'Datastore.Audit': 1},
      nodes: {'Sys.Audit': 1},
      sdn: {'SDN.Audit': 1},
      dc: {'Sys.Audit': 1, 'SDN.Audit': 1},
      access: {},
      mapping: {'Mapping.Audit': 1},
    })
  })
})
