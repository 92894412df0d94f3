/**
 * Every flag conflict of every command (exclusive pairs, flags that need others, exactly
 * one of a group), read from the committed manifest: each is refused with one sentence
 * naming the flags and saying what to do, never oclif's bare "The following error
 * occurred:". New conflicts are covered as soon as they are declared.
 */
import {describe, expect, test} from 'vitest'
import manifest from '../../oclif.manifest.json'
import {ROOT} from '../helpers/cli.js'

// The compiled CLI (npm test builds it first), in this process: its command loaders require compiled files.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const {runCli} = require(`${ROOT}/dist/src/cli/main.js`) as typeof import('../../src/cli/main.js')

interface ManifestFlag {
  name: string
  type: 'boolean' | 'option'
  options?: string[]
  exclusive?: string[]
  dependsOn?: string[]
  exactlyOne?: string[]
}

interface Case {
  command: string
  argv: string[]
  flags: string[]
}

const commands = manifest.commands as unknown as Record<string, {args: Record<string, {required?: boolean}>; flags: Record<string, ManifestFlag>}>

function flagArgs(flag: ManifestFlag): string[] {
  return flag.type === 'boolean' ? [`--${flag.name}`] : [`--${flag.name}`, flag.options?.[0] ?? 'x']
}

function cases(): Case[] {
  const out: Case[] = []
  for (const [id, command] of Object.entries(commands)) {
    const base = [...id.split(':'), ...Object.values(command.args).filter((a) => a.required).map(() => 'x')]
    const flag = (name: string) => command.flags[name]
    for (const f of Object.values(command.flags)) {
      for (const other of f.exclusive ?? []) out.push({command: id, argv: [...base, ...flagArgs(f), ...flagArgs(flag(other))], flags: [f.name, other]})
      for (const needed of f.dependsOn ?? []) out.push({command: id, argv: [...base, ...flagArgs(f)], flags: [f.name, needed]})
      for (const other of (f.exactlyOne ?? []).filter((o) => o !== f.name)) out.push({command: id, argv: [...base, ...flagArgs(f), ...flagArgs(flag(other))], flags: [f.name, other]})
    }
  }
  return out
}

const CASES = cases()

describe('flag conflicts', () => {
  test('the manifest declares some (drain --restore --resume among them)', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(6)
    expect(CASES).toContainEqual(expect.objectContaining({command: 'drain', flags: ['resume', 'restore']}))
  })

  test.each(CASES.map((c) => [c.argv.join(' '), c] as const))('proxlb %s: one sentence naming both flags and what to do', async (_, c) => {
    const lines: string[] = []
    const code = await runCli(c.argv, ROOT, (line) => lines.push(line))
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^error: \S/)
    for (const f of c.flags) expect(lines[0]).toContain(`--${f}`)
    expect(lines[0]).not.toMatch(/following errors? occurred|See more help/)
    expect(lines[0]).toMatch(/: [a-z(-].{10,}$/)
  })

  test('drain --restore --resume says which to run first', async () => {
    const lines: string[] = []
    await runCli(['drain', 'pve3', '--restore', '--resume'], ROOT, (line) => lines.push(line))
    expect(lines).toEqual(['error: --resume and --restore cannot be used together: continue the interrupted drain first (proxlb drain NODE --resume), then bring its guests back (proxlb drain NODE --restore)'])
  })
})
