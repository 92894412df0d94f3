/** contrib/systemd/proxlb-serve.service: runs proxlb serve with flags it knows, sandboxed like proxlb.service. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {ROOT} from '../helpers/cli.js'

const unit = (name: string) => readFileSync(join(ROOT, 'contrib', 'systemd', name), 'utf8')
const settings = (text: string, key: string) => [...text.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1])

describe('proxlb-serve.service', () => {
  test('runs proxlb serve on loopback with flags it knows, as the user proxlb, without credentials', () => {
    const text = unit('proxlb-serve.service')
    const [binary, command, ...args] = settings(text, 'ExecStart')[0].split(/\s+/)
    expect(binary).toBe('/usr/bin/proxlb')
    expect(command).toBe('serve')
    const flags = Object.keys(JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')).commands.serve.flags)
    for (const arg of args.filter((a) => a.startsWith('--'))) expect(flags).toContain(arg.slice(2))
    expect(args.join(' ')).toContain('--listen 127.0.0.1:8443')
    expect(settings(text, 'User')).toEqual(['proxlb'])
    expect(settings(text, 'StateDirectory')).toEqual(['proxlb'])
    expect(settings(text, 'LoadCredential')).toEqual([])
  })

  test('has the sandbox of proxlb.service, setting for setting', () => {
    const serve = unit('proxlb-serve.service')
    const balance = unit('proxlb.service')
    const keys = ['NoNewPrivileges', 'CapabilityBoundingSet', 'ProtectSystem', 'ProtectHome', 'PrivateTmp', 'PrivateDevices', 'PrivateUsers', 'ProtectKernelTunables', 'ProtectControlGroups', 'ProtectProc', 'RestrictAddressFamilies', 'RestrictNamespaces', 'SystemCallFilter', 'SystemCallArchitectures', 'UMask']
    for (const key of keys) {
      expect(settings(serve, key), key).toEqual(settings(balance, key))
      expect(settings(serve, key).length, key).toBeGreaterThan(0)
    }
  })
})
