/**
 * The README cannot drift: every sample output it marks is what proxlb prints now on the
 * bundled demo (scripts/gen-readme.ts makes them; `npm run gen:readme` after an intended
 * change), the files its examples read are in the repository, and every command example
 * (README and --help) can be pasted into bash as it stands.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {blockContent, keepLines, markedBlocks, runProxlb} from '../../scripts/gen-readme.js'
import {readConfigFile} from '../../src/config/config-file.js'
import {ROOT} from '../helpers/cli.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const lines = readme.split('\n')
const blocks = markedBlocks(readme)

/** The command lines of the README's sh and console blocks (console: those after `$ `). */
function readmeCommands(): {line: number; command: string}[] {
  const out: {line: number; command: string}[] = []
  let fence: string | undefined
  lines.forEach((text, i) => {
    if (text.startsWith('```')) {
      fence = fence === undefined ? text.slice(3).trim() || 'plain' : undefined
      return
    }
    if (fence === 'sh' && text.trim() && !text.trim().startsWith('#')) out.push({line: i + 1, command: text})
    if ((fence === 'console' || fence === 'plain') && text.startsWith('$ ')) out.push({line: i + 1, command: text.slice(2)})
  })
  return out
}

/** The command examples of every command's --help, as a user would type them. */
function helpExamples(): {where: string; command: string}[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, {examples?: (string | {command: string})[]}>}
  return Object.entries(manifest.commands).flatMap(([id, c]) =>
    (c.examples ?? []).map((e) => ({where: `proxlb ${id.replace(/:/g, ' ')} --help`, command: (typeof e === 'string' ? e : e.command).replace(/<%= config.bin %>/g, 'proxlb')})),
  )
}

/**
 * What bash does to a command line that its writer did not mean: `!` outside single
 * quotes is history expansion in an interactive shell (also between double quotes);
 * a `$(` or backtick outside single quotes runs a command. Comments are left alone.
 */
export function unsafeForBash(command: string): string | undefined {
  let quote: "'" | '"' | undefined
  for (let i = 0; i < command.length; i++) {
    const c = command[i]
    if (quote === "'") {
      if (c === "'") quote = undefined
      continue
    }
    if (c === '\\') {
      i++
      continue
    }
    if (c === '#' && quote === undefined && (i === 0 || /\s/.test(command[i - 1]))) return undefined
    if (c === "'" && quote === undefined) quote = "'"
    else if (c === '"') quote = quote === '"' ? undefined : '"'
    else if (c === '!' && i + 1 < command.length && !/[\s=]/.test(command[i + 1])) return `unquoted "!" at column ${i + 1} (bash history expansion): put the word in single quotes`
    else if (c === '`' || (c === '$' && command[i + 1] === '(')) return `command substitution at column ${i + 1}`
  }
  return undefined
}

describe('README sample outputs', () => {
  test('the outputs the README shows are marked, the plan of the quick start among them', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9)
    expect(blocks.some((b) => b.spec.run?.join(' ') === 'plan')).toBe(true)
  })

  test.each(blocks.map((b) => [`README.md:${b.start}: ${b.spec.file ?? `proxlb ${b.spec.run!.join(' ')}`}`, b] as const))('%s is what it is now', async (_, block) => {
    expect(lines.slice(block.start, block.end).join('\n'), 'run npm run gen:readme and review the diff').toBe(blockContent(block.spec, await runProxlb(block.spec)).join('\n'))
  }, 60_000)

  test('kept lines: ranges, the last line, a gap marked', () => {
    expect(keepLines('a\nb\nc\nd\ne\n', '1-2,$')).toEqual(['a', 'b', '  ...', 'e'])
    expect(keepLines('a\nb\nc\n', '2')).toEqual(['  ...', 'b', '  ...'])
  })
})

describe('files the examples use', () => {
  test('every file a README command reads is in the repository (configs given by name: in examples/)', () => {
    const missing: string[] = []
    for (const {line, command} of readmeCommands()) {
      if (!/^(?:\S+=\S+ )*proxlb /.test(command)) continue
      for (const [, flag, value] of command.matchAll(/(?:^|\s)(-p|--policy|--scenario|--compare-policy|--snapshot|-c)\s+(\S+)/g)) {
        if (value.startsWith('/') || value.startsWith('$')) continue
        const file = flag === '-c' && !value.includes('/') ? `examples/${value}` : value
        // Files the examples write first (plans, snapshots of the live cluster) are made by an earlier command.
        if (/\.json$/.test(file) && !file.startsWith('snapshots/')) continue
        if (!existsSync(join(ROOT, file))) missing.push(`README.md:${line}: ${flag} ${value}`)
      }
    }
    expect(missing).toEqual([])
  })

  test.each([['proxlb.yaml', 'proxlb@pve!apply'], ['weak.yaml', 'ops@pve!weak']])('examples/%s is a config proxlb reads without a warning, for the emulator', (name, tokenId) => {
    const config = readConfigFile(readFileSync(join(ROOT, 'examples', name)), `examples/${name}`)
    expect(config.warnings).toEqual([])
    expect(config.connection.settings).toMatchObject({hosts: ['127.0.0.1:18006'], tokenId})
  })

  test('the README shows examples/proxlb.yaml as it is', () => {
    expect(blocks.some((b) => b.spec.file === 'examples/proxlb.yaml')).toBe(true)
  })
})

describe('command examples are safe to paste into bash', () => {
  test('the check finds what bash would expand', () => {
    expect(unsafeForBash("proxlb snapshot --token-id proxlb@pve!ro")).toMatch(/unquoted "!"/)
    expect(unsafeForBash('proxlb snapshot --token-id "proxlb@pve!ro"')).toMatch(/unquoted "!"/)
    expect(unsafeForBash("proxlb snapshot --token-id 'proxlb@pve!ro'")).toBeUndefined()
    expect(unsafeForBash('proxlb plan $(cat x)')).toMatch(/command substitution/)
    expect(unsafeForBash('echo $?   # exit status!x')).toBeUndefined()
  })

  test.each([...helpExamples().map((e) => [e.where, e.command]), ...readmeCommands().map((c) => [`README.md:${c.line}`, c.command])])('%s: %s', (_, command) => {
    expect(unsafeForBash(command)).toBeUndefined()
  })
})
