/**
 * Host lists as users write them, fingerprints as they paste them, and API failures as
 * the one sentence a user reads.
 */
import {describe, expect, test} from 'vitest'
import {errorFromResponse, describeNetworkError, AuthenticationError, PermissionError, NodeUnreachableError, isTransientStatus} from '../../src/proxmox/errors.js'
import {parseHosts} from '../../src/proxmox/hosts.js'
import {normalizeFingerprint} from '../../src/proxmox/fingerprint.js'
import {apiPath, backoffDelay} from '../../src/proxmox/client.js'
import {tokenIdProblem, userIdProblem} from '../../src/proxmox/auth.js'

describe('host lists', () => {
  test.each([
    ['pve1', 'https://pve1:8006'],
    ['pve1.example.com:443', 'https://pve1.example.com:443'],
    ['10.0.0.1', 'https://10.0.0.1:8006'],
    ['[fe80::1]:8007', 'https://[fe80::1]:8007'],
    ['[::1]', 'https://[::1]:8006'],
    ['2001:db8::10', 'https://[2001:db8::10]:8006'],
    ['https://pve1:8006/', 'https://pve1:8006'],
    ['https://pve1:8006/api2/json', 'https://pve1:8006'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('%s is %s', (text, origin) => {
    const result = parseHosts([text])
    expect(result).toMatchObject({ok: true, endpoints: [{origin}]})
  })

  test('several hosts by commas, spaces or repeated values, in order, duplicates once', () => {
    const result = parseHosts(['pve1, pve2:8007', 'pve3 [::1]:9000', 'pve1'])
    expect(result.ok && result.endpoints.map((e) => e.origin)).toEqual(['https://pve1:8006', 'https://pve2:8007', 'https://pve3:8006', 'https://[::1]:9000'])
  })

  test.each([
    ['pve1:99999', 'host "pve1:99999": port "99999" is not a number from 1 to 65535'],
    ['pve1:', 'host "pve1:": port "" is not a number from 1 to 65535'],
    ['ftp://pve1', 'host "ftp://pve1": scheme ftp is not supported, use https://'],
    ['https://pve1:8006/x/y', 'host "https://pve1:8006/x/y": expected a host and port, not a path (drop "/x/y")'],
    ['[pve1]:8006', 'host "[pve1]:8006": "pve1" between brackets is not an IPv6 address'],
    ['pve_1!', 'host "pve_1!": "pve_1!" is not a host name or IPv4 address'],
    ['', 'no host given: expected a host such as pve1.example.com, pve1:8006 or [fe80::1]:8006'],
  ])('%j is refused: %s', (text, message) => {
    expect(parseHosts([text])).toEqual({ok: false, message})
  })
})

describe('credentials and fingerprints as users write them', () => {
  test('fingerprints in every pasted form normalize to colon-separated upper-case hex', () => {
    const hex = '80d4f2df6495cd8da08282ac48bac07a1b6b878bfeb9831c954e7958779969f5'
    const expected = hex.toUpperCase().match(/../g)!.join(':')
    for (const text of [hex, expected, expected.toLowerCase(), `sha256 Fingerprint=${expected}`, `SHA256:${hex}`]) expect(normalizeFingerprint(text)).toBe(expected)
    expect(normalizeFingerprint('AB:CD')).toEqual({error: expect.stringMatching(/^"AB:CD" is not a SHA-256 fingerprint: expected 32 hex pairs/)})
  })

  test('user and token ids must carry a realm', () => {
    expect(userIdProblem('root@pam')).toBeUndefined()
    expect(userIdProblem('root')).toBe('user "root" has no realm: write it as name@realm, e.g. root@pam or root@pve')
    expect(tokenIdProblem('root@pam!proxlb')).toBeUndefined()
    expect(tokenIdProblem('root@pam!proxlb=1234')).toBe('the token id must not contain "=": give the id (root@pam!proxlb) and the secret separately')
    expect(tokenIdProblem('proxlb')).toBe('token id "proxlb" is not of the form name@realm!tokenname (e.g. root@pam!proxlb)')
  })

  test('API paths escape what they interpolate', () => {
    const upid = 'UPID:pve1:00001234:0000ABCD:6700AAAA:qmigrate:100:root@pam:'
    expect(apiPath`/nodes/${'pve1'}/tasks/${upid}/status`).toBe('/nodes/pve1/tasks/UPID%3Apve1%3A00001234%3A0000ABCD%3A6700AAAA%3Aqmigrate%3A100%3Aroot%40pam%3A/status')
  })

  test('backoff doubles per attempt, jittered within the upper half, capped at 5 s', () => {
    expect([0, 1, 2].map((a) => backoffDelay(a, 250, 0))).toEqual([125, 250, 500])
    expect([0, 1, 2].map((a) => backoffDelay(a, 250, 1))).toEqual([250, 500, 1000])
    expect(backoffDelay(10, 250, 1)).toBe(5000)
  })
})

describe('API failures as one sentence', () => {
  const ctx = {method: 'GET', path: '/nodes/pve2/qemu/100/config', endpoint: 'https://pve1:8006', identity: 'proxlb@pve'}

  test('401: authentication failed for the user at the host', () => {
    const error = errorFromResponse(401, 'authentication failure', {data: null, message: 'authentication failure\n'}, {...ctx, method: 'POST', path: '/access/ticket'})
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error.message).toBe('authentication failed for proxlb@pve at https://pve1:8006: check the user name, realm and password (Proxmox said: authentication failure)')
    const token = errorFromResponse(401, 'No ticket', undefined, {...ctx, identity: 'API token root@pam!proxlb'})
    expect(token.message).toBe('authentication failed for API token root@pam!proxlb at https://pve1:8006: check the token id and secret, and that the token exists and has not expired (Proxmox said: No ticket)')
  })

  test('403: which privilege on which path is missing', () => {
    const error = errorFromResponse(403, 'Permission check failed (/vms/100, VM.Audit)', {data: null, message: 'Permission check failed (/vms/100, VM.Audit)\n'}, ctx)
    expect(error).toBeInstanceOf(PermissionError)
    expect(error.message).toBe('permission denied: proxlb@pve lacks VM.Audit on /vms/100 (needed for GET /nodes/pve2/qemu/100/config at https://pve1:8006); grant a role with it on that path (README, "Least privilege": ProxlbReader to read, ProxlbOperator to migrate)')
  })

  test('595: the node is unreachable', () => {
    const error = errorFromResponse(595, 'No route to host', undefined, ctx)
    expect(error).toBeInstanceOf(NodeUnreachableError)
    expect((error as NodeUnreachableError).node).toBe('pve2')
    expect(error.message).toBe('node pve2 is unreachable: https://pve1:8006 could not connect to it for GET /nodes/pve2/qemu/100/config (Proxmox said: No route to host)')
  })

  test('500: the server\'s message; 400: each parameter; 501: not implemented', () => {
    expect(errorFromResponse(500, 'VM is locked (backup)', {data: null, message: 'VM is locked (backup)\n'}, {...ctx, method: 'POST', path: '/nodes/pve2/qemu/100/migrate'}).message)
      .toBe('POST /nodes/pve2/qemu/100/migrate failed at https://pve1:8006 with 500: VM is locked (backup)')
    expect(errorFromResponse(400, 'Parameter verification failed.', {data: null, errors: {target: 'target is local node.'}}, ctx).message)
      .toBe('Proxmox at https://pve1:8006 rejected GET /nodes/pve2/qemu/100/config as invalid: target: target is local node.')
    expect(errorFromResponse(501, "Method 'GET /cluster/ha/rules' not implemented", undefined, {...ctx, path: '/cluster/ha/rules'}).message)
      .toBe("Proxmox at https://pve1:8006 does not implement GET /cluster/ha/rules (an older Proxmox VE?) (Proxmox said: Method 'GET /cluster/ha/rules' not implemented)")
  })

  test('network failures name the cause and, for TLS, the remedies', () => {
    const wrap = (code: string, message = code) => Object.assign(new Error('fetch failed'), {cause: Object.assign(new Error(message), {code})})
    expect(describeNetworkError(wrap('ECONNREFUSED'), 10_000)).toBe('connection refused (is pveproxy running and the port right?)')
    expect(describeNetworkError(wrap('UND_ERR_CONNECT_TIMEOUT'), 10_000)).toBe('no connection within 10 s')
    expect(describeNetworkError(wrap('DEPTH_ZERO_SELF_SIGNED_CERT'), 10_000)).toMatch(/^its TLS certificate is not trusted .*--ca-file.*--fingerprint.*--insecure$/)
    expect(describeNetworkError(Object.assign(new Error('x'), {cause: new DOMException('timed out', 'TimeoutError')}), 2500)).toBe('no answer within 2.5 s')
  })

  test('only passing failures are retried: 5xx but 501, and 595/596', () => {
    expect([500, 502, 503, 504, 595, 596].every(isTransientStatus)).toBe(true)
    expect([400, 401, 403, 404, 501].some(isTransientStatus)).toBe(false)
  })
})
