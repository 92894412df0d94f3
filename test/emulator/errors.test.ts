/**
 * Errors come in the shapes and with the status codes of a PVE node: 400 with `errors` per
 * parameter, 500 with the handler's message, 501 for what does not exist, 595 for a node
 * that is down; the status line carries the message, the connection closes after an error.
 */
import {describe, expect, test} from 'vitest'
import {call, emulator, login} from './helpers.js'

describe('error shapes', () => {
  test('an unknown path answers 501 "Method \'GET /x\' not implemented" (not 404)', async () => {
    const session = await login(await emulator())
    const r = await session.get('/nodes/pve1/frobnicate')
    expect(r.status).toBe(501)
    expect(r.statusText).toBe("Method 'GET /nodes/pve1/frobnicate' not implemented")
    expect(r.body).toEqual({data: null, message: "Method 'GET /nodes/pve1/frobnicate' not implemented\n"})
  })

  test('a known path with another method is not implemented either', async () => {
    const session = await login(await emulator())
    const r = await session.del('/cluster/resources')
    expect(r.status).toBe(501)
  })

  test('the login is checked before the path: unknown paths answer 401 without a ticket', async () => {
    const r = await call(await emulator(), 'GET', '/nosuch')
    expect(r.status).toBe(401)
  })

  test('paths outside /api2 and methods PVE does not know answer 501', async () => {
    const emu = await emulator()
    expect((await call(emu, 'GET', '/api2')).status).toBe(501)
    expect((await call(emu, 'PATCH', '/version')).status).toBe(501)
  })

  test('a bad parameter value answers 400 with one sentence per parameter', async () => {
    const session = await login(await emulator())
    const r = await session.get('/nodes/pve1/qemu/100/rrddata?timeframe=fortnight&cf=MEDIAN')
    expect(r.status).toBe(400)
    expect(r.statusText).toBe('Parameter verification failed.')
    expect(r.body).toEqual({
      data: null,
      message: 'Parameter verification failed.\n',
      errors: {
        timeframe: "value 'fortnight' does not have a value in the enumeration 'hour, day, week, month, year'",
        cf: "value 'MEDIAN' does not have a value in the enumeration 'AVERAGE, MAX'",
      },
    })
    expect(r.headers.connection).toBe('close')
  })

  test('booleans are 0/1: "true" is refused as PVE refuses it', async () => {
    const session = await login(await emulator())
    const r = await session.post('/nodes/pve1/qemu/100/migrate', {target: 'pve2', online: 'true'})
    expect(r.status).toBe(400)
    expect(r.body.errors).toEqual({online: "type check ('boolean') failed - got 'true'"})
  })

  test('unknown, missing and malformed parameters are named', async () => {
    const session = await login(await emulator())
    const unknown = await session.get('/cluster/resources?kind=vm')
    expect(unknown.body.errors).toEqual({kind: 'property is not defined in schema and the schema does not allow additional properties'})
    const missing = await session.get('/nodes/pve1/rrddata')
    expect(missing.body.errors).toEqual({timeframe: 'property is missing and it is not optional'})
    const vmid = await session.get('/nodes/pve1/qemu/12/config')
    expect(vmid.body.errors).toEqual({vmid: 'invalid format - value does not look like a valid VM ID'})
    const integer = await session.get('/nodes/pve1/tasks?limit=many')
    expect(integer.body.errors).toEqual({limit: "type check ('integer') failed - got 'many'"})
  })

  test('ExtJS cache busters (_dc) are ignored, as pveproxy drops them', async () => {
    const session = await login(await emulator())
    expect((await session.get('/version?_dc=1700000000000')).status).toBe(200)
  })

  test('a guest asked for on the wrong node: 500 naming the config file that does not exist', async () => {
    const session = await login(await emulator())
    const r = await session.get('/nodes/pve2/qemu/100/config')
    expect(r.status).toBe(500)
    expect(r.statusText).toBe("Configuration file 'nodes/pve2/qemu-server/100.conf' does not exist")
    const lxc = await session.get('/nodes/pve1/lxc/200/status/current')
    expect(lxc.statusText).toBe("Configuration file 'nodes/pve1/lxc/200.conf' does not exist")
  })

  test('a node that is down answers 595 with an empty body', async () => {
    const session = await login(await emulator())
    for (const path of ['/nodes/pve5/status', '/nodes/pve5/qemu', '/nodes/pve5/tasks']) {
      const r = await session.get(path)
      expect(r.status).toBe(595)
      expect(r.statusText).toBe('No route to host')
      expect(r.text).toBe('')
    }
  })

  test('a node not in the cluster cannot be resolved', async () => {
    const session = await login(await emulator())
    const r = await session.get('/nodes/pve9/status')
    expect(r.status).toBe(500)
    expect(r.body.message).toBe("hostname lookup 'pve9' failed - failed to get address info for: pve9: Name or service not known\n")
  })

  test('HA groups answer 500 once they were migrated to rules (no seed guest names a group)', async () => {
    const session = await login(await emulator())
    const r = await session.get('/cluster/ha/groups')
    expect(r.status).toBe(500)
  })

  test('large bodies are gzip-compressed when the client accepts it, small ones are not', async () => {
    const emu = await emulator()
    const session = await login(emu)
    expect((await session.get('/cluster/resources')).headers['content-encoding']).toBe('gzip')
    expect((await session.get('/version')).headers['content-encoding']).toBeUndefined()
  })
})
