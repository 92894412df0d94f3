/**
 * Mistyped commands and flags get the one meant, from the command manifest; `-p` is the
 * policy in every command; emulate's old `-p` (its port) gets a hint instead.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {closest, commandOf, editDistance, suggestCommand, suggestFlag, type CommandManifest} from '../../src/cli/suggest.js'
import {proxlb, ROOT} from '../helpers/cli.js'

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as CommandManifest & {commands: Record<string, {flags: Record<string, {name: string; char?: string}>}>}
const topics = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).oclif.topics)

describe('did you mean', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('plna', 'plan')).toBe(1)
    expect(editDistance('polcy', 'policy')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
  })

  test('only close words are suggested', () => {
    expect(closest('plna', ['apply', 'plan', 'drain'])).toBe('plan')
    expect(closest('frobnicate', ['apply', 'plan', 'drain'])).toBeUndefined()
    expect(closest('detailed', ['detailed-exitcode', 'format'])).toBe('detailed-exitcode')
  })

  test('commands, topics included', () => {
    expect(suggestCommand('plna', manifest, topics)).toBe('did you mean proxlb plan?')
    expect(suggestCommand('snapshot:dif', manifest, topics)).toBe('did you mean proxlb snapshot diff?')
    expect(suggestCommand('simualte', manifest, topics)).toBe('did you mean proxlb simulate?')
    expect(suggestCommand('xyzzy', manifest, topics)).toBeUndefined()
  })

  test("flags, of the command typed; negated flags; the command's own flags only", () => {
    expect(commandOf(['snapshot', 'diff', 'a.json', '--formt', 'json'], manifest)).toBe('snapshot:diff')
    expect(suggestFlag('--polcy', 'plan', manifest)).toBe('did you mean --policy?')
    expect(suggestFlag('--polcy=x.yaml', 'balance', manifest)).toBe('did you mean --policy?')
    expect(suggestFlag('--no-insecur', 'plan', manifest)).toBe('did you mean --no-insecure?')
    expect(suggestFlag('--polcy', 'apply', manifest)).toBeUndefined()
  })

  test('the CLI says it in one line, with the help of the command meant', () => {
    expect(proxlb(['plna'])).toMatchObject({status: 1, stdout: '', stderr: 'error: proxlb plna: no such command; did you mean proxlb plan?\n       see proxlb --help for the commands\n'})
    expect(proxlb(['plan', '--polcy', 'x.yaml'])).toMatchObject({status: 1, stdout: '', stderr: 'error: proxlb plan --polcy: no such flag; did you mean --policy?\n       see proxlb plan --help\n'})
    expect(proxlb(['snapshot', 'diff', 'a.json', 'b.json', '--formatt', 'json']).stderr).toBe('error: proxlb snapshot diff --formatt: no such flag; did you mean --format?\n       see proxlb snapshot diff --help\n')
  })
})

describe('-p is the policy everywhere', () => {
  test('every command with a -p flag means its policy file by it', () => {
    const short = Object.entries(manifest.commands).flatMap(([id, c]) => Object.values(c.flags).filter((f) => f.char === 'p').map((f) => [id, f.name]))
    expect(short.length).toBeGreaterThanOrEqual(4)
    for (const [id, name] of short) expect([id, name]).toEqual([id, 'policy'])
  })

  test("emulate's port is --port; its old -p says so", () => {
    expect(manifest.commands.emulate.flags.port.char).toBeUndefined()
    expect(proxlb(['emulate', '-p', '8007'])).toMatchObject({status: 1, stdout: '', stderr: 'error: proxlb emulate -p: no such flag; the port is --port (-p is the policy file in every command that reads one)\n       see proxlb emulate --help\n'})
  })
})
