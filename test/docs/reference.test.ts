/**
 * The man page and the shell completions come from the command manifest, so they cannot
 * drift from the commands: every command and flag is in each, groff reads the page without
 * a warning, and bash and fish complete what a user types (zsh: its parser accepts the
 * script). bash, zsh, fish, groff and man are Debian packages .ci/run installs when missing.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {renderCompletion, SHELLS} from '../../src/docs/completion.js'
import {renderManPage, roff} from '../../src/docs/manpage.js'
import {type Manifest, referenceCommands} from '../../src/docs/reference.js'
import {proxlb, ROOT} from '../helpers/cli.js'

const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')) as Manifest
const commands = referenceCommands(manifest)
const dir = mkdtempSync(join(tmpdir(), 'proxlb-docs-'))
const file = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const sh = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(command, args, {encoding: 'utf8', env: {...process.env, ...env}})

describe('the man page', () => {
  const page = file('proxlb.1', renderManPage(manifest, {version: '1.2.3', date: '2026-12-01', description: 'keeps Proxmox VE clusters balanced'}))

  test('groff reads it without a warning', () => {
    const result = sh('groff', ['-man', '-ww', '-z', page])
    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
  })

  test('man shows every command, its arguments and every flag', () => {
    const result = sh('man', ['-l', page], {MANWIDTH: '200', MAN_KEEP_FORMATTING: '', LANG: 'C.UTF-8'})
    expect(result.status).toBe(0)
    const text = result.stdout.replace(/.\x08/g, '')
    expect(text).toMatch(/^PROXLB\(1\)/)
    expect(text).toContain('proxlb 1.2.3')
    for (const command of commands) {
      expect(text).toContain(`proxlb ${command.words.join(' ')}`)
      for (const flag of command.flags) expect(text).toContain(`--${flag.allowNo ? '[no-]' : ''}${flag.name}`)
      for (const arg of command.args) expect(text).toContain(arg.name.toUpperCase())
    }
    expect(text).toContain('CREDENTIALS_DIRECTORY')
  })

  test('roff escapes what would be read as requests or escapes', () => {
    expect(roff('.start\n\'quote\nback\\slash --flag a→b')).toBe('\\&.start\n\\&\'quote\nback\\eslash \\-\\-flag a\\[u2192]b')
  })
})

describe('shell completions', () => {
  const scripts = Object.fromEntries(SHELLS.map((shell) => [shell, file(`proxlb.${shell}`, renderCompletion(shell, manifest))]))

  test('each names every command and every flag', () => {
    for (const shell of SHELLS) {
      const text = readFileSync(scripts[shell], 'utf8')
      for (const command of commands) {
        for (const word of command.words) expect(text, `${shell}: ${command.id}`).toContain(word)
        for (const flag of command.flags) expect(text, `${shell}: ${command.id} --${flag.name}`).toMatch(new RegExp(`(--|-l )${flag.name}\\b`))
      }
    }
  })

  test('proxlb completion SHELL prints the same script', () => {
    for (const shell of SHELLS) expect(proxlb(['completion', shell]).stdout).toBe(readFileSync(scripts[shell], 'utf8'))
  })

  test('bash completes commands, subcommands, flags and flag values', () => {
    const complete = (...words: string[]) => {
      const script = `source ${scripts.bash}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _proxlb; printf '%s\\n' "\${COMPREPLY[@]}"`
      const result = sh('bash', ['-c', script])
      expect(result.stderr).toBe('')
      return result.stdout.trim().split('\n').filter(Boolean)
    }
    expect(complete('proxlb', 'pl')).toEqual(['plan'])
    expect(complete('proxlb', 'snapshot', 'di')).toEqual(['diff'])
    expect(complete('proxlb', 'config', '')).toEqual(['convert'])
    expect(complete('proxlb', 'plan', '--po')).toEqual(['--policy'])
    expect(complete('proxlb', 'plan', '--format', 'm')).toEqual(['markdown'])
    expect(complete('proxlb', 'emulate', '--po')).toEqual(['--port'])
    expect(complete('proxlb', 'balance', '--no-ins')).toEqual(['--no-insecure'])
  })

  test('fish completes commands, flags and flag values', () => {
    const complete = (line: string) => sh('fish', ['-c', `source ${scripts.fish}; complete -C '${line}'`]).stdout.trim().split('\n').map((l) => l.split('\t')[0])
    expect(complete('proxlb pl')).toEqual(['plan'])
    expect(complete('proxlb snapshot d')).toEqual(['diff'])
    expect(complete('proxlb plan --pol')).toEqual(['--policy'])
    expect(complete('proxlb simulate --format ')).toEqual(['html', 'json', 'markdown', 'text'])
  })

  test("zsh's parser accepts its script, and it defines a function per command", () => {
    const result = sh('zsh', ['-c', `source ${scripts.zsh} 2>/dev/null || true; functions -m '_proxlb*' | grep -c '() {'`])
    expect(sh('zsh', ['-n', scripts.zsh]).status).toBe(0)
    expect(Number(result.stdout.trim())).toBeGreaterThanOrEqual(commands.length)
  })
})
