/**
 * Resource pools as pve-manager serves them: created atomically (a second create of the
 * same id fails, however many ask at once), updated, emptied and deleted with PVE's own
 * error texts, members following the guests, the pool listed in /cluster/resources, and
 * every answer in the shape of its operation's schema.
 */
import {describe, expect, test} from 'vitest'
import {operation} from '../../src/emulator/pve-schema.js'
import {emulator, login, tokenSession} from './helpers.js'
import {returnProblems} from './pve-returns.js'

const returns = (method: string, path: string) => operation(method, path)!.returns

describe('resource pools', () => {
  test('create, read, comment, delete: each answer in its schema, the pool in /cluster/resources', async () => {
    const s = await login(await emulator())
    const created = await s.post('/pools', {poolid: 'proxlb-lock', comment: 'held by {"run":"r1"}: 100%'})
    expect(created.status, created.text).toBe(200)
    expect(created.body).toEqual({data: null})

    const list = await s.get('/pools')
    expect(returnProblems(list.body.data, returns('GET', '/pools'))).toEqual([])
    expect(list.body.data).toEqual([{poolid: 'prod'}, {poolid: 'proxlb-lock', comment: 'held by {"run":"r1"}: 100%'}])
    const one = await s.get('/pools?poolid=proxlb-lock')
    expect(returnProblems(one.body.data, returns('GET', '/pools'))).toEqual([])
    expect(one.body.data).toEqual([{poolid: 'proxlb-lock', comment: 'held by {"run":"r1"}: 100%', members: []}])
    const old = await s.get('/pools/proxlb-lock')
    expect(returnProblems(old.body.data, returns('GET', '/pools/{poolid}'))).toEqual([])
    expect(old.body.data).toEqual({comment: 'held by {"run":"r1"}: 100%', members: []})
    const resources = await s.get('/cluster/resources')
    expect(resources.body.data.filter((r: {type: string}) => r.type === 'pool').map((r: {id: string}) => r.id)).toEqual(['/pool/prod', '/pool/proxlb-lock'])

    expect((await s.put('/pools', {poolid: 'proxlb-lock', comment: 'refreshed'})).status).toBe(200)
    expect((await s.get('/pools?poolid=proxlb-lock')).body.data[0].comment).toBe('refreshed')
    // The deprecated path still works.
    expect((await s.put('/pools/proxlb-lock', {comment: 'again'})).status).toBe(200)
    expect((await s.get('/pools/proxlb-lock')).body.data.comment).toBe('again')

    const gone = await s.del('/pools?poolid=proxlb-lock')
    expect(gone.status).toBe(200)
    const missing = await s.get('/pools?poolid=proxlb-lock')
    expect([missing.status, missing.statusText, missing.body.message]).toEqual([500, "pool 'proxlb-lock' does not exist", "pool 'proxlb-lock' does not exist\n"])
    expect((await s.get('/cluster/resources')).body.data.filter((r: {type: string}) => r.type === 'pool').map((r: {id: string}) => r.id)).toEqual(['/pool/prod'])
  })

  test('a pool that exists cannot be created again: of 20 creates at once, exactly one succeeds', async () => {
    const s = await login(await emulator())
    const answers = await Promise.all(Array.from({length: 20}, (_, i) => s.post('/pools', {poolid: 'race', comment: `taker ${i}`})))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    for (const a of answers.filter((x) => x.status !== 200)) {
      expect([a.status, a.statusText, a.body.message]).toEqual([500, "create pool failed: pool 'race' already exists", "create pool failed: pool 'race' already exists\n"])
    }
    const winner = answers.findIndex((a) => a.status === 200)
    expect((await s.get('/pools?poolid=race')).body.data[0].comment).toBe(`taker ${winner}`)
  })

  test("PVE's refusals: bad names, missing pools, pools that are not empty", async () => {
    const s = await login(await emulator())
    const bad = await s.post('/pools', {poolid: 'no:colons'})
    expect([bad.status, bad.body.errors]).toEqual([400, {poolid: "invalid format - pool name 'no:colons' contains invalid characters"}])
    const deep = await s.post('/pools', {poolid: 'a/b/c/d'})
    expect(deep.body.errors).toEqual({poolid: "invalid format - pool name 'a/b/c/d' nested too deeply (max levels = 3)"})
    expect((await s.post('/pools', {poolid: '1st'})).statusText).toBe('create pool failed: pool name must start with a letter')
    expect((await s.post('/pools', {poolid: 'prod/web/x'})).statusText).toBe("create pool failed: parent 'prod/web' of pool 'prod/web/x' does not exist")
    expect((await s.post('/pools', {poolid: 'prod/web'})).status).toBe(200)
    expect((await s.put('/pools', {poolid: 'nope', comment: 'x'})).statusText).toBe("update pools failed: pool 'nope' does not exist")
    expect((await s.del('/pools?poolid=nope')).statusText).toBe("delete pool failed: pool 'nope' does not exist")
    expect((await s.del('/pools?poolid=prod')).statusText).toBe("delete pool failed: pool 'prod' is not empty (contains pool 'prod/web')")
    expect((await s.del('/pools/prod/web')).status).toBe(501) // a nested id needs the query form: the path has one segment
    expect((await s.del('/pools?poolid=prod%2Fweb')).status).toBe(200)
    expect((await s.del('/pools?poolid=prod')).statusText).toBe("delete pool failed: pool 'prod' is not empty (contains VM 100)")
  })

  test('members: guests added, moved with allow-move, removed; their pool follows in /cluster/resources', async () => {
    const emu = await emulator()
    const s = await login(emu)
    await s.post('/pools', {poolid: 'dev'})
    expect((await s.put('/pools', {poolid: 'dev', vms: '107,200'})).status).toBe(200)
    expect((await s.put('/pools', {poolid: 'dev', vms: '107'})).statusText).toBe('update pools failed: VM 107 is already a pool member')
    expect((await s.put('/pools', {poolid: 'dev', vms: '100'})).statusText).toBe("update pools failed: VM 100 belongs already to pool 'prod' and 'allow-move' is not set")
    expect((await s.put('/pools', {poolid: 'dev', vms: '100', 'allow-move': '1'})).status).toBe(200)
    const dev = await s.get('/pools?poolid=dev')
    expect(returnProblems(dev.body.data, returns('GET', '/pools'))).toEqual([])
    expect(dev.body.data[0].members.map((m: {id: string}) => m.id)).toEqual(['qemu/100', 'qemu/107', 'lxc/200'])
    expect((await s.get('/pools?poolid=dev&type=lxc')).body.data[0].members.map((m: {id: string}) => m.id)).toEqual(['lxc/200'])
    expect((await s.get('/pools?poolid=prod')).body.data[0].members.map((m: {id: string}) => m.id)).toEqual(['qemu/101'])
    const pools = new Map(emu.state().guests.map((g) => [g.vmid, g.pool]))
    expect([pools.get(100), pools.get(107), pools.get(101), pools.get(102)]).toEqual(['dev', 'dev', 'prod', undefined])

    expect((await s.put('/pools', {poolid: 'dev', vms: '100,999', delete: '1'})).statusText).toBe('update pools failed: VM 999 is not a pool member')
    // A failed update changes nothing.
    expect(emu.state().guests.find((g) => g.vmid === 100)!.pool).toBe('dev')
    expect((await s.put('/pools', {poolid: 'dev', vms: '100;107 200', delete: '1'})).status).toBe(200)
    expect((await s.del('/pools?poolid=dev')).status).toBe(200)
    expect(emu.state().guests.filter((g) => g.pool).map((g) => g.vmid)).toEqual([101])
  })

  test('creating, changing and deleting a pool needs Pool.Allocate on it; the refusal names it', async () => {
    const emu = await emulator({tokens: [{tokenid: 'ops@pve!lb', secret: 's3cret', privileges: ['VM.Audit', 'Sys.Audit', 'VM.Migrate']}]})
    const t = tokenSession(emu, 'ops@pve!lb=s3cret')
    const refusals = [
      [await t.post('/pools', {poolid: 'proxlb-lock'}), 'proxlb-lock'],
      [await t.put('/pools', {poolid: 'prod', comment: 'x'}), 'prod'],
      [await t.del('/pools?poolid=prod'), 'prod'],
    ] as const
    for (const [r, pool] of refusals) expect([r.status, r.statusText]).toEqual([403, `Permission check failed (/pool/${pool}, Pool.Allocate)`])
    // Reading one pool needs nothing: pve-manager asks for Pool.Audit and ignores the answer.
    expect((await t.get('/pools?poolid=prod')).status).toBe(200)
    expect((await t.get('/pools')).body.data).toEqual([])
  })
})
