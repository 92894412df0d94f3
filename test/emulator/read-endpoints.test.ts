/**
 * Every read operation the emulator serves answers like a PVE 9 node: status 200, the
 * `{data}` envelope, and a body that passes the operation's `returns` schema from PVE's own
 * API schema (types, 0/1 booleans, required fields, and no field a real server would not
 * send).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {ROUTES} from '../../src/emulator/api.js'
import {operation} from '../../src/emulator/pve-schema.js'
import {ROOT} from '../helpers/cli.js'
import {call, emulator, login, type Session, storageCluster, tokenSession} from './helpers.js'
import {keysOf, returnProblems} from './pve-returns.js'

const sample = (file: string) => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'pve-api', file), 'utf8'))
const ansible = sample('ansible_vm_info_fixtures.json')

/** Fields real servers send beyond the schema, from captured responses. */
const SEEN = {
  resources: keysOf(sample('cluster_resources.json').data, keysOf(ansible.cluster_resources_type_vm)),
  nodes: keysOf(sample('nodes.json').data),
  qemuList: keysOf(ansible.nodes_node_qemu),
  lxcList: keysOf(ansible.nodes_node_lxc),
  qemuStatus: keysOf(sample('qemu_status_current_vm101.json').data),
  nodeStatus: keysOf(sample('node_status_pve7.4.json').data),
}

/** Index endpoints whose schema names only the id: entries carry the fields of the item (PVE returns the whole config). */
const fieldsOf = (method: string, path: string, part: 'returns' | 'parameters' = 'returns') => new Set(Object.keys(operation(method, path)![part].properties ?? {}))
const HA_RESOURCE_FIELDS = fieldsOf('GET', '/cluster/ha/resources/{sid}')
const HA_RULE_FIELDS = new Set([...fieldsOf('POST', '/cluster/ha/rules', 'parameters'), 'digest', 'order'])
const TASK_FIELDS = new Set([...fieldsOf('GET', '/nodes/{node}/tasks/{upid}/status'), 'status', 'endtime', 'saved', 'tokenid'])
/** Storage configuration keys (`pvesm` section config): the schema of GET /storage lists only the id. */
const STORAGE_FIELDS = new Set(['type', 'content', 'shared', 'nodes', 'digest', 'path', 'pool', 'disable', 'vgname', 'thinpool', 'sparse', 'preallocation'])
/** Storage content entries: pve-storage's Plugin.pm list_volumes adds `content` (images, rootdir, iso ...), which the schema leaves out. */
const CONTENT_FIELDS = new Set(['content'])
const HA_GROUP_FIELDS = new Set(['type', 'nodes', 'restricted', 'nofailback', 'digest', 'comment'])

interface Case {
  /** Operation path as in the schema. */
  op: string
  /** Request path. */
  get: string
  seen?: ReadonlySet<string>
  /** A PVE 8 style seed is needed (HA groups). */
  groups?: boolean
  /** The seed with storages as PVE clusters have them (storageCluster). */
  storage?: boolean
}

const CASES: Case[] = [
  {op: '/version', get: '/version'},
  {op: '/access/ticket', get: '/access/ticket'},
  {op: '/access/permissions', get: '/access/permissions'},
  {op: '/access/permissions', get: '/access/permissions?path=/vms/100'},
  {op: '/cluster/resources', get: '/cluster/resources', seen: SEEN.resources},
  {op: '/cluster/resources', get: '/cluster/resources?type=vm', seen: SEEN.resources},
  {op: '/cluster/status', get: '/cluster/status'},
  {op: '/cluster/options', get: '/cluster/options'},
  {op: '/cluster/nextid', get: '/cluster/nextid'},
  {op: '/cluster/tasks', get: '/cluster/tasks', seen: TASK_FIELDS},
  {op: '/cluster/ha/resources', get: '/cluster/ha/resources', seen: HA_RESOURCE_FIELDS},
  {op: '/cluster/ha/resources/{sid}', get: '/cluster/ha/resources/vm:100'},
  {op: '/cluster/ha/groups', get: '/cluster/ha/groups', seen: HA_GROUP_FIELDS, groups: true},
  {op: '/cluster/ha/rules', get: '/cluster/ha/rules', seen: HA_RULE_FIELDS},
  {op: '/cluster/ha/status/current', get: '/cluster/ha/status/current'},
  {op: '/cluster/ha/status/manager_status', get: '/cluster/ha/status/manager_status'},
  {op: '/pools', get: '/pools'},
  {op: '/pools', get: '/pools?poolid=prod'},
  {op: '/pools/{poolid}', get: '/pools/prod'},
  {op: '/storage', get: '/storage', seen: STORAGE_FIELDS},
  {op: '/nodes', get: '/nodes', seen: SEEN.nodes},
  {op: '/nodes/{node}/status', get: '/nodes/pve1/status', seen: SEEN.nodeStatus},
  {op: '/nodes/{node}/version', get: '/nodes/pve1/version'},
  {op: '/nodes/{node}/rrddata', get: '/nodes/pve1/rrddata?timeframe=hour'},
  {op: '/nodes/{node}/storage', get: '/nodes/pve1/storage'},
  {op: '/nodes/{node}/storage', get: '/nodes/pve2/storage', storage: true},
  {op: '/nodes/{node}/storage', get: '/nodes/pve1/storage?content=images&enabled=1', storage: true},
  {op: '/storage', get: '/storage', seen: STORAGE_FIELDS, storage: true},
  {op: '/cluster/resources', get: '/cluster/resources?type=storage', seen: SEEN.resources, storage: true},
  {op: '/nodes/{node}/storage/{storage}/status', get: '/nodes/pve1/storage/local-lvm/status', storage: true},
  {op: '/nodes/{node}/storage/{storage}/status', get: '/nodes/pve1/storage/tank/status', storage: true},
  {op: '/nodes/{node}/storage/{storage}/content', get: '/nodes/pve1/storage/local-lvm/content', seen: CONTENT_FIELDS, storage: true},
  {op: '/nodes/{node}/storage/{storage}/content', get: '/nodes/pve1/storage/local/content', seen: CONTENT_FIELDS, storage: true},
  {op: '/nodes/{node}/storage/{storage}/content', get: '/nodes/pve2/storage/tank/content?content=rootdir', seen: CONTENT_FIELDS, storage: true},
  {op: '/nodes/{node}/storage/{storage}/content', get: '/nodes/pve3/storage/ceph-vm/content?vmid=300', seen: CONTENT_FIELDS, storage: true},
  {op: '/nodes/{node}/tasks', get: '/nodes/pve3/tasks?source=all'},
  {op: '/nodes/{node}/qemu', get: '/nodes/pve1/qemu', seen: SEEN.qemuList},
  {op: '/nodes/{node}/qemu/{vmid}/status/current', get: '/nodes/pve1/qemu/100/status/current', seen: SEEN.qemuStatus},
  {op: '/nodes/{node}/qemu/{vmid}/status/current', get: '/nodes/pve2/qemu/105/status/current', seen: SEEN.qemuStatus},
  {op: '/nodes/{node}/qemu/{vmid}/config', get: '/nodes/pve1/qemu/102/config'},
  {op: '/nodes/{node}/qemu/{vmid}/config', get: '/nodes/pve1/qemu/103/config'},
  {op: '/nodes/{node}/qemu/{vmid}/pending', get: '/nodes/pve1/qemu/100/pending'},
  {op: '/nodes/{node}/qemu/{vmid}/rrddata', get: '/nodes/pve1/qemu/100/rrddata?timeframe=day&cf=AVERAGE'},
  // A container's RRD data read through the qemu path, as clients do: both read pve-vm-9.0/<vmid>.
  {op: '/nodes/{node}/qemu/{vmid}/rrddata', get: '/nodes/pve2/qemu/200/rrddata?timeframe=hour'},
  {op: '/nodes/{node}/qemu/{vmid}/migrate', get: '/nodes/pve1/qemu/102/migrate'},
  {op: '/nodes/{node}/lxc', get: '/nodes/pve2/lxc', seen: SEEN.lxcList},
  {op: '/nodes/{node}/lxc/{vmid}/status/current', get: '/nodes/pve2/lxc/200/status/current', seen: SEEN.lxcList},
  {op: '/nodes/{node}/lxc/{vmid}/config', get: '/nodes/pve2/lxc/200/config'},
  {op: '/nodes/{node}/lxc/{vmid}/rrddata', get: '/nodes/pve2/lxc/200/rrddata?timeframe=hour&cf=MAX'},
  {op: '/nodes/{node}/lxc/{vmid}/migrate', get: '/nodes/pve2/lxc/201/migrate'},
]

let session: Session
let groupsSession: Session
let storageSession: Session
let upid: string
beforeAll(async () => {
  const emu = await emulator()
  session = await login(emu)
  // A task on pve3, so task lists, status and log have something to show.
  upid = (await session.post('/nodes/pve3/lxc/202/migrate', {target: 'pve2'})).body.data
  const pve8 = await emulator({snapshot: {...emu.state(), guests: emu.state().guests.map((g) => (g.ha ? {...g, ha: {...g.ha, group: 'prefer-pve1'}} : g))}})
  groupsSession = await login(pve8)
  storageSession = await login(await emulator({snapshot: storageCluster()}))
})

describe('read endpoints answer in the shape of their PVE schema', () => {
  test.each(CASES)('GET $get', async ({op, get, seen, groups, storage}) => {
    const r = await (groups ? groupsSession : storage ? storageSession : session).get(get)
    expect(r.status, r.text).toBe(200)
    expect(r.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['data']))
    expect(returnProblems(r.body.data, operation('GET', op)!.returns, seen)).toEqual([])
  })

  test('task status, log and the migrate POSTs answer in their schema too', async () => {
    const status = await session.get(`/nodes/pve3/tasks/${encodeURIComponent(upid)}/status`)
    expect(returnProblems(status.body.data, operation('GET', '/nodes/{node}/tasks/{upid}/status')!.returns)).toEqual([])
    const log = await session.get(`/nodes/pve3/tasks/${encodeURIComponent(upid)}/log`)
    expect(returnProblems(log.body.data, operation('GET', '/nodes/{node}/tasks/{upid}/log')!.returns)).toEqual([])
    expect(log.body.total).toBe(log.body.data.length)
    expect(returnProblems(upid, operation('POST', '/nodes/{node}/lxc/{vmid}/migrate')!.returns)).toEqual([])
    const ha = await session.post('/cluster/ha/resources/vm:300/migrate', {node: 'pve1'})
    expect(returnProblems(ha.body.data, operation('POST', '/cluster/ha/resources/{sid}/migrate')!.returns)).toEqual([])
  })

  test('every GET route of the emulator is exercised above', () => {
    const covered = new Set(CASES.map((c) => c.op))
    const served = ROUTES.filter((r) => r.method === 'GET' && !r.path.includes('{upid}')).map((r) => r.path)
    expect(served.filter((p) => !covered.has(p))).toEqual([])
  })

  test('/cluster/resources lists pools first with their members\' usage added up, then guests, nodes, storages, SDN', async () => {
    const resources = (await session.get('/cluster/resources')).body.data as Record<string, unknown>[]
    const order = [...new Set(resources.map((r) => r.type))]
    expect(order).toEqual(['pool', 'qemu', 'lxc', 'node', 'storage', 'sdn'].filter((t) => order.includes(t)))
    const prod = resources.find((r) => r.id === '/pool/prod')!
    const members = resources.filter((r) => r.pool === 'prod' && r.type !== 'pool')
    expect(prod.mem).toBe(members.reduce((sum, r) => sum + (r.mem as number), 0))
    expect(prod.maxcpu).toBe(members.reduce((sum, r) => sum + (r.maxcpu as number), 0))
  })

  test('/cluster/options shows the datacenter settings to auditors, only the tags to others', async () => {
    expect((await session.get('/cluster/options')).body.data).toMatchObject({crs: {ha: 'static', 'ha-rebalance-on-start': 1}, 'allowed-tags': ['prod', 'web']})
    const emu = await emulator({users: [{userid: 'vm@pve', password: 'x', privileges: ['VM.Audit']}]})
    expect((await (await login(emu, 'vm@pve', 'x')).get('/cluster/options')).body.data).toEqual({'allowed-tags': ['prod', 'web']})
  })

  test('/cluster/tasks names the user and the token of a token\'s task apart', async () => {
    const emu = await emulator({tokens: [{tokenid: 'root@pam!ci', secret: 's'}]})
    await tokenSession(emu, 'root@pam!ci=s').post('/nodes/pve2/qemu/105/migrate', {target: 'pve3'})
    const tasks = (await (await login(emu)).get('/cluster/tasks')).body.data
    expect(tasks[0]).toMatchObject({type: 'qmigrate', user: 'root@pam', tokenid: 'ci'})
  })

  test('the ticket answer carries the fields of the schema, and cap as real servers add', async () => {
    const emu = await emulator()
    const r = await call(emu, 'POST', '/access/ticket', {form: {username: 'root@pam', password: 'proxlb'}})
    expect(returnProblems(r.body.data, operation('POST', '/access/ticket')!.returns, new Set(['cap']))).toEqual([])
    expect(r.body.data).toMatchObject({username: 'root@pam', clustername: 'lab'})
    expect(r.body.data.ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::\S+$/)
  })
})
