/**
 * proxlb(1), the man page the packages install, written in roff (man macros) from the
 * command manifest: every command with its summary, description, arguments, flags and
 * examples, then the files, environment and exit codes. `man -l` and `groff -man -ww` read
 * it without a warning (test/docs/reference.test.ts). Pure.
 */
import {ENVIRONMENT} from '../config/connection.js'
import {type Manifest, referenceCommands} from './reference.js'

export interface ManPageInfo {
  version: string
  /** The date shown in the footer, YYYY-MM-DD: the release's, so a rebuild gives the same page. */
  date: string
  description: string
}

/** Text as roff: backslashes and leading dots or quotes escaped, hyphens as minus signs, other than ASCII as \\[uXXXX]. */
export function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n')
    .replace(/[^\n\x20-\x7e]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`)
}

const bold = (text: string) => `\\fB${roff(text)}\\fR`
const italic = (text: string) => `\\fI${roff(text)}\\fR`

export function renderManPage(manifest: Manifest, info: ManPageInfo): string {
  const lines: string[] = [
    `.TH PROXLB 1 "${info.date}" "proxlb ${info.version}" "User Commands"`,
    '.SH NAME',
    `proxlb \\- ${roff(info.description)}`,
    '.SH SYNOPSIS',
    `${bold('proxlb')} ${italic('COMMAND')} [${italic('ARGUMENTS')}] [${italic('FLAGS')}]`,
    '.br',
    `${bold('proxlb')} ${bold('--help')} | ${bold('--version')}`,
    '.SH DESCRIPTION',
    roff('proxlb reads a Proxmox VE cluster through its API into a snapshot, plans the migrations that balance it under a policy (YAML), and carries them out. Every command that reads a cluster takes the same connection flags; every command answers --help.'),
    '.SH COMMANDS',
  ]
  for (const command of referenceCommands(manifest)) {
    const usage = command.args.map((a) => (a.required ? italic(a.name.toUpperCase()) : `[${italic(a.name.toUpperCase())}]`)).join(' ')
    lines.push(`.SS "${roff(['proxlb', ...command.words].join(' '))}${usage ? ' ' + usage.replace(/"/g, '') : ''}"`)
    lines.push(roff(command.summary))
    for (const paragraph of command.description.split(/\n\s*\n/).filter((p) => p.trim() && p.trim() !== command.summary)) {
      // Lines laid out in columns stay as they are; prose is filled.
      const columns = paragraph.split('\n').some((line) => /\S {2,}\S/.test(line))
      lines.push('.PP', ...(columns ? ['.nf', roff(paragraph.replace(/^\n+|\s+$/g, '')), '.fi'] : [roff(paragraph.trim().replace(/\s*\n\s*/g, ' '))]))
    }
    for (const arg of command.args) lines.push('.TP', italic(arg.name.toUpperCase()), roff(arg.description ?? ''))
    for (const flag of command.flags) {
      const value = flag.type === 'option' ? ` ${italic(flag.helpValue ?? (flag.options ? flag.options.join('|') : 'VALUE'))}` : ''
      const names = [flag.char ? bold(`-${flag.char}`) : undefined, bold(`--${flag.allowNo ? '[no-]' : ''}${flag.name}`)].filter(Boolean).join(', ')
      const extra = [flag.options ? `One of: ${flag.options.join(', ')}.` : undefined, flag.multiple ? 'May be given more than once.' : undefined, flag.default !== undefined && flag.type === 'option' ? `Default: ${String(flag.default)}.` : undefined]
      lines.push('.TP', `${names}${value}`, roff([flag.summary ?? flag.description ?? '', ...extra.filter(Boolean)].join(' ').trim()))
    }
    if (command.examples.length) {
      lines.push('.PP', 'Examples:')
      for (const example of command.examples) {
        if (example.description) lines.push('.PP', roff(example.description + ':'))
        lines.push('.RS 4', '.nf', roff(example.command), '.fi', '.RE')
      }
    }
  }
  lines.push(
    '.SH FILES',
    '.TP', bold('/etc/proxlb/proxlb.conf'),
    roff('The config file every command reads when no -c and no PROXLB_CONFIG is given: proxlb YAML, or the original ProxLB INI or YAML. The packages install it as a configuration file that upgrades keep.'),
    '.TP', bold('/var/lib/proxlb'),
    roff('The state folder of apply, drain and balance (journals, locks, drain records); PROXLB_STATE_DIR names another.'),
    '.TP', bold('/usr/lib/systemd/system/proxlb.service'),
    roff('Runs proxlb balance --daemon as the proxlb user, with the API token secret from /etc/proxlb/token through LoadCredential=.'),
    '.SH ENVIRONMENT',
  )
  for (const [name, field] of Object.entries(ENVIRONMENT)) lines.push('.TP', bold(name), roff(`The connection setting ${field}, below the flags and above the config file.`))
  lines.push(
    '.TP', bold('PROXLB_CONFIG'), roff('The config file, when -c is not given.'),
    '.TP', bold('PROXLB_STATE_DIR'), roff('The state folder (default /var/lib/proxlb, or a folder in the home directory for other users).'),
    '.TP', bold('CREDENTIALS_DIRECTORY'), roff("Set by systemd: the files token-secret and password in it hold the API token's secret and the user's password (LoadCredential=), below the environment and above the config file."),
    '.TP', bold('NO_COLOR'), roff('Plain output without colours.'),
    '.SH EXIT STATUS',
    roff('0 success; 1 error (invalid input, unreadable file, refused connection); 2 changes planned (plan --detailed-exitcode); 3 some migrations failed or did not run; 4 refused (a stale plan, the cluster busy).'),
    '.SH SEE ALSO',
    roff('pveum(1), qm(1), pct(1), systemd.exec(5); the README at https://github.com/proxlb/proxlb'),
  )
  return lines.join('\n') + '\n'
}
