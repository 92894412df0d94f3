import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {readPlan} from '../../src/model/plan.js'
import {defaultPolicy, readPolicy} from '../../src/model/policy.js'
import {readSnapshot} from '../../src/model/snapshot.js'
import {ROOT} from '../helpers/cli.js'
import {refusal} from '../helpers/refusal.js'

const demoText = readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8')


describe('policy files', () => {
  test('report every schema problem at once, each at its YAML line:column, sorted top to bottom', () => {
    const lines = refusal(() =>
      readPolicy(
        ['apiVersion: proxlb/v1', 'balance:', '  method: memroy', '  treshold: 5', 'limits:', '  maxBytesMoved: lots', '  parallel: 0', 'rules:', '  - type: apart', '    guests: []', 'ignore:', '  guests: ["bad selector:x y"]', ''].join('\n'),
        'bad.yaml',
      ),
    )
    expect(lines).toEqual([
      'bad.yaml:3:11: balance.method: expected one of memory, cpu, disk, weighted; got "memroy" (did you mean "memory"?)',
      'bad.yaml:4:13: balance.treshold: unknown field "treshold" (did you mean "threshold"?)',
      'bad.yaml:6:18: limits.maxBytesMoved: expected a size: bytes as an integer, or a number with a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), for example 512GiB, got "lots"',
      'bad.yaml:7:13: limits.parallel: expected a number ≥ 1, got 0',
      'bad.yaml:10:13: rules[0].guests: expected at least 1 entry, got none',
      'bad.yaml:12:12: ignore.guests[0]: expected a guest selector: a vmid (100), a vmid range (vmid:100-199), a tag (tag:web), a pool (pool:prod), or a name with * wildcards (web-*, or name:web-*), got "bad selector:x y"',
    ])
  })

  test.each([
    ['an unknown apiVersion, saying which one this build reads', 'apiVersion: proxlb/v2\n', 'p.yaml:1:13: apiVersion: policy apiVersion "proxlb/v2" is not supported: this build of proxlb reads apiVersion proxlb/v1 only'],
    ['a missing apiVersion', 'balance: {method: cpu}\n', 'p.yaml:1:1: missing field "apiVersion": a policy starts with "apiVersion: proxlb/v1"'],
    ['a duplicate key, naming it', 'apiVersion: proxlb/v1\nbalance:\n  method: cpu\n  method: memory\n', 'p.yaml:4:3: duplicate key "method": keep only one'],
    ['broken YAML syntax', 'apiVersion: proxlb/v1\nbalance: [\n', 'p.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a number YAML turns into Infinity, once', 'apiVersion: proxlb/v1\nlimits:\n  maxMoves: 1e400\n', 'p.yaml:3:13: limits.maxMoves: number Infinity is too large: values must stay within ±2^53 (9007199254740991)'],
    ['a threshold above 100%', 'apiVersion: proxlb/v1\nbalance:\n  threshold: 150%\n', 'p.yaml:3:14: balance.threshold: expected a percentage from 0 to 100, got "150%"'],
    ['a size too large to count in bytes', 'apiVersion: proxlb/v1\nlimits:\n  maxBytesMoved: 99999999PiB\n', 'p.yaml:3:18: limits.maxBytesMoved: expected a size such as 512GiB or a number of bytes below 2^53, got "99999999PiB"'],
    ['a pin rule without nodes', 'apiVersion: proxlb/v1\nrules:\n  - type: pin\n    guests: [web-*]\n', 'p.yaml:3:5: rules[0]: a pin rule needs "nodes": the nodes its guests may run on'],
    ['nodes on a rule that is not a pin', 'apiVersion: proxlb/v1\nrules:\n  - type: apart\n    guests: [db-*]\n    nodes: [pve1]\n', 'p.yaml:5:12: rules[0].nodes: "nodes" only applies to pin rules; a apart rule places guests relative to each other'],
    ['an empty vmid range', 'apiVersion: proxlb/v1\nignore:\n  guests: ["vmid:200-100"]\n', 'p.yaml:3:12: ignore.guests[0]: vmid range vmid:200-100 is empty: write the lower vmid first'],
    ['headroom of 100% or more', 'apiVersion: proxlb/v1\nlimits:\n  headroom: 100%\n', 'p.yaml:3:13: limits.headroom: expected a percentage below 100, got "100%"'],
    ['an empty file', '  \n', 'p.yaml: the file is empty: a policy starts with "apiVersion: proxlb/v1"'],
    ['a list instead of a mapping', '- a\n- b\n', 'p.yaml:1:1: expected a policy (a YAML mapping starting with "apiVersion: proxlb/v1"), got a list'],
  ])('refuse %s', (_, text, expected) => {
    expect(refusal(() => readPolicy(text, 'p.yaml'))).toEqual([expected])
  })

  const laughs = ['apiVersion: proxlb/v1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n')
  test.each([
    ['a recursive alias', 'apiVersion: proxlb/v1\nx: &x [*x]\n', 'p.yaml:2:8: alias *x is inside the value of &x, which would then contain itself: remove the alias or move it out'],
    ['a recursive alias deeper down', 'apiVersion: proxlb/v1\nrules: &r\n  - type: apart\n    guests: [a, {b: *r}]\n', 'p.yaml:4:21: alias *r is inside the value of &r, which would then contain itself: remove the alias or move it out'],
    ['an alias bomb (billion laughs)', laughs, 'p.yaml:3:10: aliases expand to more than 100 copies (an alias bomb?): write the values out, or alias less'],
    ['nesting deeper than 64 levels', `apiVersion: proxlb/v1\nx: ${'['.repeat(65)}${']'.repeat(65)}\n`, 'p.yaml:2:67: nesting deeper than 64 levels'],
    ['nesting deep enough to overflow the YAML parser', `apiVersion: proxlb/v1\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, expect.stringMatching(/^p\.yaml:2:\d+: nesting deeper than 64 levels$/)],
    ['block nesting deep enough to overflow the YAML parser', 'apiVersion: proxlb/v1\n' + Array.from({length: 3000}, (_, i) => ' '.repeat(i) + 'k:').join('\n'), expect.stringMatching(/^p\.yaml:\d+:\d+: nesting deeper than 64 levels$/)],
    ['more than 100,000 entries, before parsing them', 'apiVersion: proxlb/v1\nrules:\n' + '  - a\n'.repeat(200_000), 'p.yaml: about 200,003 entries (lines and commas), more than the 100,000 proxlb reads in a YAML file: is it the right file?'],
    ['more than 100,000 entries on one line', `apiVersion: proxlb/v1\nrules: [${'a,'.repeat(150_000)}]\n`, 'p.yaml: about 150,003 entries (lines and commas), more than the 100,000 proxlb reads in a YAML file: is it the right file?'],
  ])('refuse %s in one line', (_, text, expected) => {
    expect(refusal(() => readPolicy(text, 'p.yaml'))).toEqual([expected])
  })

  test('accept aliases used within the limit, and nesting of 64 levels', () => {
    expect(() => readPolicy('apiVersion: proxlb/v1\nignore:\n  nodes: &n [pve1, pve2]\nmaintenance:\n  nodes: *n\n', 'p.yaml')).not.toThrow()
    expect(refusal(() => readPolicy(`apiVersion: proxlb/v1\nx: ${'['.repeat(63)}${']'.repeat(63)}\n`, 'p.yaml'))).toEqual(['p.yaml:2:4: x: unknown field "x"; allowed here: $schema, apiVersion, kind, name, description, balance, ignore, rules, maintenance, limits, migration, proxlbTags'])
  })

  test('accept human sizes and percentages and fill every default', () => {
    const {policy, warnings} = readPolicy(
      'apiVersion: proxlb/v1\nbalance:\n  threshold: "7.5%"\nlimits:\n  maxBytesMoved: 512GiB\n  headroom: 10%\n  reserve: {pve1: 1.5 GB}\n',
      'p.yaml',
    )
    expect(warnings).toEqual([])
    expect(policy.balance).toEqual({method: 'memory', mode: 'used', threshold: 7.5, weights: {memory: 1, cpu: 1, disk: 0}, guestTypes: ['qemu', 'lxc']})
    expect(policy.limits).toEqual({maxBytesMoved: 512 * 2 ** 30, parallel: 2, perNode: 1, headroom: '10%', reserve: {pve1: 1_500_000_000}})
    expect(policy.migration).toEqual({online: true, withLocalDisks: false, restartContainers: true, restartTimeout: 180, templates: false, haManaged: true})
  })

  test('warn about settings that have no effect, with their position', () => {
    const {warnings} = readPolicy('apiVersion: proxlb/v1\nbalance:\n  method: cpu\n  weights: {memory: 2}\n', 'p.yaml')
    expect(warnings).toEqual(['p.yaml:4:12: balance.weights: weights only apply to method weighted (method is cpu); they are ignored'])
  })

  test('warn about a bare number of bytes where a percentage or a size was meant', () => {
    const {policy, warnings} = readPolicy('apiVersion: proxlb/v1\nlimits:\n  headroom: 10\n  reserve: {pve1: 16, pve2: 8GiB}\n  storageReserve: 1\n', 'p.yaml')
    expect(policy.limits.headroom).toBe(10)
    expect(warnings).toEqual([
      'p.yaml:3:13: limits.headroom: 10 is 10 bytes, next to nothing: write 10% for a share of the memory or a size such as 10GiB',
      'p.yaml:5:19: limits.storageReserve: 1 is 1 byte, next to nothing: write 1% for a share of the memory or a size such as 1GiB',
      'p.yaml:4:19: limits.reserve.pve1: 16 is 16 bytes, next to nothing: write a size such as 16GiB',
    ])
    expect(readPolicy('apiVersion: proxlb/v1\nlimits:\n  headroom: 8589934592\n  reserve: {pve1: 0}\n', 'p.yaml').warnings).toEqual([])
  })

  test('normalizing a normalized policy changes nothing (plans embed it)', () => {
    const {policy, hash} = readPolicy(readFileSync(join(ROOT, 'policies', 'rules.yaml')), 'rules.yaml')
    const again = readPolicy(JSON.stringify(policy), 'embedded')
    expect(again.policy).toEqual(policy)
    expect(again.hash).toBe(hash)
  })

  test('the bundled default policy file means the same as no policy at all', () => {
    const file = readPolicy(readFileSync(join(ROOT, 'policies', 'default.yaml')), 'default.yaml').policy
    const {name, description, ...rest} = file
    expect(name).toBe('default')
    expect(description).toBeTypeOf('string')
    expect(rest).toEqual(defaultPolicy())
  })
})

describe('snapshot files', () => {
  test('refuse an unknown format version with a sentence saying what this build reads', () => {
    expect(refusal(() => readSnapshot(demoText.replace('"format": "proxlb.snapshot/v1"', '"format": "proxlb.snapshot/v2"'), 's.json'))).toEqual([
      's.json:/format: snapshot format "proxlb.snapshot/v2" is not supported: this build of proxlb reads proxlb.snapshot/v1 only; take a new snapshot with this version (proxlb snapshot) or use the proxlb that wrote it',
    ])
  })

  test('report every schema problem with its JSON pointer', () => {
    const doc = JSON.parse(demoText)
    doc.guests[3].memory.used = -1
    doc.guests[4].statuss = 'x'
    delete doc.nodes[0].cpu
    doc.guests[5].type = 'vm'
    doc.takenAt = 'yesterday'
    expect(refusal(() => readSnapshot(JSON.stringify(doc), 's.json'))).toEqual([
      's.json:/takenAt: expected an ISO-8601 date-time such as 2026-11-21T10:00:00Z, got "yesterday"',
      's.json:/nodes/0: missing field "cpu"',
      's.json:/guests/3/memory/used: expected a number ≥ 0, got -1',
      's.json:/guests/4/statuss: unknown field "statuss" (did you mean "status"?)',
      's.json:/guests/5/type: expected one of qemu, lxc; got "vm"',
    ])
  })

  test('report duplicate vmids, duplicate nodes and guests on unknown nodes', () => {
    const doc = JSON.parse(demoText)
    doc.guests[1].vmid = doc.guests[0].vmid
    doc.guests[2].node = 'pve9'
    doc.nodes.push({...doc.nodes[0]})
    expect(refusal(() => readSnapshot(JSON.stringify(doc), 's.json'))).toEqual([
      's.json:/nodes/5/name: node "pve1" is listed twice (first at /nodes/0): keep one entry per node',
      's.json:/guests/1/vmid: vmid 100 is listed twice (first at /guests/0): vmids are unique in a cluster',
      's.json:/guests/2/node: guest 110 is on node "pve9", which is not in /nodes',
    ])
  })

  test.each([
    ['truncated JSON, at the line and column where it stops', demoText.slice(0, demoText.indexOf('"shop-app-01"') + 5), /^s\.json:\d+:\d+: unterminated string: add the closing "$/],
    ['a trailing comma', '{"a": [1,2,]}', /^s\.json:1:12: trailing comma before "\]": remove the comma$/],
    ['a duplicate key, by pointer', '{"format": "proxlb.snapshot/v1", "cluster": {"name": "a", "name": "b"}}', /^s\.json:\/cluster\/name: duplicate field "name": keep only one$/],
    ['a number beyond 2^53', '{"format": "proxlb.snapshot/v1", "x": 1e999}', /^s\.json:\/x: number "1e999" is too large/],
    ['a list', '[1, 2]', /^s\.json:\/: expected a snapshot \(a JSON object\), got a list$/],
    ['a file that is not a proxlb snapshot', '{"data": []}', /^s\.json:\/: missing field "format": this does not look like a proxlb snapshot/],
    ['nesting deep enough to overflow a recursive parser', '['.repeat(100_000), /^s\.json:1:257: nesting deeper than 256 levels$/],
  ])('refuse %s', (_, text, expected) => {
    const lines = refusal(() => readSnapshot(text, 's.json'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(expected)
  })

  test('list at most 50 problems, and count the rest', () => {
    const doc = JSON.parse(demoText)
    doc.guests = Array.from({length: 120}, () => ({...doc.guests[0]}))
    const lines = refusal(() => readSnapshot(JSON.stringify(doc), 's.json'))
    expect(lines).toHaveLength(51)
    expect(lines[49]).toBe('s.json:/guests/50/vmid: vmid 100 is listed twice (first at /guests/0): vmids are unique in a cluster')
    expect(lines[50]).toBe('s.json: ... and 69 more problems')
  })

  test('refuse invalid UTF-8 with the position of the bad byte', () => {
    expect(refusal(() => readSnapshot(new Uint8Array([0x7b, 0x0a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'u.json'))).toEqual(['u.json:2:2: invalid UTF-8 (byte 0xc3 at offset 3): save the file as UTF-8'])
  })

  test('an invalid escape is shown escaped, so a backslash before a line break stays one line', () => {
    const text = new TextEncoder().encode('{"a": "x\\\n"}')
    expect(refusal(() => readSnapshot(text, 'e.json'))).toEqual(['e.json:1:9: invalid escape "\\\\\\n" in a string: a backslash starts one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'])
  })

  test('a key holding a line break or a terminal escape is shown escaped, in the pointer too: one problem, one printable line', () => {
    // Found by the corruption property (seed -470789699): "\\n" spliced into a key gave a
    // pointer with a raw line break in it.
    const demo = JSON.parse(demoText)
    demo.guests[0].cpu = {'\ncores': demo.guests[0].cpu.cores, used: demo.guests[0].cpu.used, '\u001b[31m': 1}
    const lines = refusal(() => readSnapshot(new TextEncoder().encode(JSON.stringify(demo)), 's.json'))
    expect(lines).toContain('s.json:/guests/0/cpu/\\ncores: unknown field "\\ncores" (did you mean "cores"?)')
    expect(lines.some((l) => l.startsWith('s.json:/guests/0/cpu/\\u001b[31m: unknown field'))).toBe(true)
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f]/)
  })

  test('fingerprint ignores listing order, warns when the stored one does not match', () => {
    const doc = JSON.parse(demoText)
    const original = readSnapshot(demoText, 'a.json')
    expect(original.warnings).toEqual([])
    doc.guests.reverse()
    doc.nodes.reverse()
    const shuffled = readSnapshot(JSON.stringify(doc), 'b.json')
    expect(shuffled.fingerprint).toBe(original.fingerprint)
    doc.guests[0].memory.used += 1
    const edited = readSnapshot(JSON.stringify(doc), 'c.json')
    expect(edited.fingerprint).not.toBe(original.fingerprint)
    expect(edited.warnings).toEqual([expect.stringMatching(/^c\.json: the stored fingerprint does not match the content \(edited by hand\?\)/)])
  })
})

describe('plan files', () => {
  const plan = {
    schemaVersion: 1,
    createdAt: '2026-11-21T10:00:00Z',
    tool: {name: 'proxlb', version: '0.1.0'},
    snapshot: {fingerprint: 'sha256:' + '0'.repeat(64), takenAt: '2026-11-20T09:00:00Z', cluster: 'demo'},
    policy: {hash: 'sha256:' + '1'.repeat(64), document: {apiVersion: 'proxlb/v1'}},
    balance: {method: 'memory', mode: 'used', threshold: 10, spreadBefore: 1, spreadAfter: 1, reached: true},
    summary: {status: 'no-changes', moves: 0, bytesMoved: 0, waves: 0, warnings: 0, message: 'Nothing to do.'},
    moves: [],
    nodes: [],
    warnings: [],
  }

  test('refuse a plan whose embedded policy was edited', () => {
    expect(refusal(() => readPlan(JSON.stringify(plan), 'plan.json'))).toEqual([
      'plan.json:/policy/hash: the embedded policy does not match its hash: the plan was edited; make it again with proxlb plan',
    ])
  })

  test('refuse a plan of another format version', () => {
    expect(refusal(() => readPlan(JSON.stringify({...plan, format: 'proxlb.plan/v3'}), 'plan.json'))).toEqual([
      'plan.json:/format: plan format "proxlb.plan/v3" is not supported: this build of proxlb reads proxlb.plan/v1 only; make the plan again with this version of proxlb (proxlb plan)',
    ])
  })

  test('refuse an embedded policy that is not a valid policy, by pointer', () => {
    const bad = {...plan, policy: {...plan.policy, document: {apiVersion: 'proxlb/v1', balance: {method: 'ram'}}}}
    expect(refusal(() => readPlan(JSON.stringify(bad), 'plan.json'))).toEqual([
      'plan.json:/policy/document/balance/method: expected one of memory, cpu, disk, weighted; got "ram"',
    ])
  })
})
