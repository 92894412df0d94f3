/**
 * Shell completion scripts for bash, zsh and fish, written from the command manifest:
 * commands and their subcommands (`snapshot diff`), each command's flags (short and long,
 * `--no-` forms), the values of flags with a fixed list (`--format text|markdown|...`), and
 * file names where a flag or argument takes a file. oclif's autocomplete plugin cannot run
 * inside the single executable (it loads plugins and writes a cache at run time), so the
 * scripts are generated: by the package build, and by `proxlb completion SHELL`. Pure.
 */
import {argIsFile, type Manifest, nextWords, type ReferenceCommand, referenceCommands, takesFile} from './reference.js'

export const SHELLS = ['bash', 'zsh', 'fish'] as const
export type Shell = (typeof SHELLS)[number]

export function renderCompletion(shell: Shell, manifest: Manifest): string {
  const commands = referenceCommands(manifest)
  return {bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion}[shell](commands)
}

const single = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`
const firstSentence = (text: string) => text.replace(/\s+/g, ' ').replace(/\.(\s.*)?$/, '')

/** Every command path and every topic that only groups commands, longest first (for matching typed words). */
function prefixes(commands: readonly ReferenceCommand[]): string[][] {
  const all = new Map<string, string[]>()
  for (const c of commands) for (let n = 1; n <= c.words.length; n++) all.set(c.words.slice(0, n).join(' '), c.words.slice(0, n))
  return [...all.values()].sort((a, b) => b.length - a.length)
}

function bashCompletion(commands: readonly ReferenceCommand[]): string {
  const cases = prefixes(commands).map((words) => {
    const command = commands.find((c) => c.words.join(' ') === words.join(' '))
    const subcommands = nextWords(commands, words).map((w) => w.word)
    const flags = (command?.flags ?? []).flatMap((f) => [`--${f.name}`, ...(f.allowNo ? [`--no-${f.name}`] : []), ...(f.char ? [`-${f.char}`] : [])])
    const values = (command?.flags ?? []).filter((f) => f.type === 'option').map((f) => {
      const names = [`--${f.name}`, ...(f.char ? [`-${f.char}`] : [])].join('|')
      const reply = f.options ? `COMPREPLY=($(compgen -W ${single(f.options.join(' '))} -- "$cur"))` : takesFile(f) ? 'COMPREPLY=($(compgen -f -- "$cur"))' : 'COMPREPLY=()'
      return `          ${names}) ${reply}; return ;;`
    })
    const files = command?.args.some(argIsFile) ? ' $(compgen -f -- "$cur")' : ''
    return [
      `    ${single(words.join(' '))})`,
      ...(values.length ? ['        case "$prev" in', ...values, '        esac'] : []),
      `        if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${single([...flags, '--help'].join(' '))} -- "$cur"))`,
      `        else COMPREPLY=($(compgen -W ${single(subcommands.join(' '))} -- "$cur")${files}); fi`,
      '        return ;;',
    ].join('\n')
  })
  return `# bash completion for proxlb, generated from its commands (proxlb completion bash)
_proxlb() {
    local cur prev words=() i path=""
    cur="\${COMP_WORDS[COMP_CWORD]}"
    prev="\${COMP_WORDS[COMP_CWORD-1]}"
    # The command typed so far: the leading words that are not flags.
    for ((i = 1; i < COMP_CWORD; i++)); do
        [[ "\${COMP_WORDS[i]}" == -* ]] && break
        words+=("\${COMP_WORDS[i]}")
    done
    for ((i = \${#words[@]}; i >= 0; i--)); do
        path="\${words[*]:0:i}"
        case "$path" in
${cases.join('\n')}
    '')
        COMPREPLY=($(compgen -W ${single([...nextWords(commands, []).map((w) => w.word), '--help', '--version'].join(' '))} -- "$cur"))
        return ;;
        esac
    done
}
complete -o filenames -F _proxlb proxlb
`
}

function zshCompletion(commands: readonly ReferenceCommand[]): string {
  const escape = (text: string) => firstSentence(text).replace(/\\/g, '\\\\').replace(/[[\]:]/g, '\\$&')
  const functionName = (words: readonly string[]) => `_proxlb_${words.join('_').replace(/-/g, '_')}`
  const bodies = prefixes(commands).reverse().map((words) => {
    const command = commands.find((c) => c.words.join(' ') === words.join(' '))
    const subcommands = nextWords(commands, words)
    const specs = (command?.flags ?? []).map((f) => {
      const names = f.char ? `{-${f.char},--${f.name}}` : `--${f.name}`
      const exclusive = f.char ? `'(-${f.char} --${f.name})'` : ''
      const repeat = f.multiple ? "'*'" : ''
      const value = f.type === 'boolean' ? '' : f.options ? `:${f.name}:(${f.options.join(' ')})` : takesFile(f) ? `:${(f.helpValue ?? 'file').toLowerCase()}:_files` : `:${(f.helpValue ?? 'value').toLowerCase()}:`
      const spec = `${f.multiple ? '' : exclusive}${repeat}${names}${single(`[${escape(f.summary ?? '')}]${value}`)}`
      return f.allowNo ? [spec, single(`--no-${f.name}[${escape(`Not ${f.summary ?? ''}`)}]`)] : [spec]
    }).flat()
    const args = (command?.args ?? []).map((a, i) => single(`${i + 1}:${a.name}:${argIsFile(a) ? '_files' : ' '}`))
    const sub = subcommands.length
      ? [
          `  if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then`,
          `    local -a subcommands=(${subcommands.map((s) => single(`${s.word}:${escape(s.summary)}`)).join(' ')})`,
          `    _describe -t commands ${single(words.length ? `${words.join(' ')} command` : 'command')} subcommands${command?.args.some(argIsFile) ? ' && return' : ''}`,
          ...(command?.args.some(argIsFile) ? ['    _files'] : []),
          '    return',
          '  fi',
          `  case $words[2] in`,
          ...subcommands.map((s) => `    ${s.word}) shift words; (( CURRENT-- )); ${functionName([...words, s.word])}; return ;;`),
          '  esac',
        ]
      : []
    const body = command ? [`  _arguments -s ${[...specs, single('(- *)--help[Show help]'), ...args].join(' \\\n    ')}`] : []
    return [`${functionName(words)}() {`, ...sub, ...body, '}'].join('\n')
  })
  const top = nextWords(commands, [])
  return `#compdef proxlb
# zsh completion for proxlb, generated from its commands (proxlb completion zsh)
${bodies.join('\n\n')}

_proxlb() {
  if (( CURRENT == 2 )); then
    local -a commands=(${top.map((s) => single(`${s.word}:${escape(s.summary)}`)).join(' ')})
    _describe -t commands 'proxlb command' commands
    _arguments '(- *)--help[Show help]' '(- *)--version[Show the version]'
    return
  fi
  case $words[2] in
${top.map((s) => `    ${s.word}) shift words; (( CURRENT-- )); ${functionName([s.word])} ;;`).join('\n')}
  esac
}

compdef _proxlb proxlb
`
}

function fishCompletion(commands: readonly ReferenceCommand[]): string {
  const lines = [
    '# fish completion for proxlb, generated from its commands (proxlb completion fish)',
    '# The command typed so far: the leading words that are not flags.',
    'function __proxlb_command',
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l path',
    '    for w in $words',
    "        string match -q -- '-*' $w; and break",
    '        set -a path $w',
    '    end',
    '    echo (string join " " $path)',
    'end',
    'function __proxlb_at',
    '    test (__proxlb_command) = "$argv"',
    'end',
    'complete -c proxlb -f',
    "complete -c proxlb -n '__proxlb_at \"\"' -l help -d 'Show help'",
    "complete -c proxlb -n '__proxlb_at \"\"' -l version -d 'Show the version'",
  ]
  for (const words of [[], ...prefixes(commands).reverse()]) {
    const at = single(`__proxlb_at ${JSON.stringify(words.join(' '))}`)
    for (const next of nextWords(commands, words)) lines.push(`complete -c proxlb -n ${at} -a ${single(next.word)} -d ${single(firstSentence(next.summary))}`)
    const command = commands.find((c) => c.words.join(' ') === words.join(' '))
    if (!command) continue
    if (command.args.some(argIsFile)) lines.push(`complete -c proxlb -n ${at} -F`)
    for (const f of command.flags) {
      const short = f.char ? ` -s ${f.char}` : ''
      const value = f.type === 'boolean' ? '' : f.options ? ` -x -a ${single(f.options.join(' '))}` : takesFile(f) ? ' -r -F' : ' -x'
      lines.push(`complete -c proxlb -n ${at} -l ${f.name}${short}${value} -d ${single(firstSentence(f.summary ?? ''))}`)
      if (f.allowNo) lines.push(`complete -c proxlb -n ${at} -l no-${f.name} -d ${single(`Not: ${firstSentence(f.summary ?? '')}`)}`)
    }
  }
  return lines.join('\n') + '\n'
}
