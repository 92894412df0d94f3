/**
 * Flags that do not go together (oclif's exclusive, dependsOn, exactlyOne, combinable,
 * relationships), said as one sentence naming the flags and what to do, instead of
 * oclif's "The following error occurred:" with the reason on a second line. Every
 * conflict gets a sentence: the pairs below say what to do in their command's terms; any
 * other gets a plain one from oclif's own reason. Presentation only.
 */

/** What to do, by command and the conflicting flags in alphabetical order. */
const ADVICE: Record<string, string> = {
  'apply --replan --resume': 'a resume continues the journal of this plan; a replan starts another plan and journal: resume first, or replan without --resume',
  'drain --plan-only --restore': '--plan-only shows what a drain would do; to see what a restore would do, use --restore --dry-run',
  'drain --plan-only --resume': '--plan-only shows a new drain and moves nothing; continue the recorded drain with --resume alone',
  'drain --restore --resume': 'continue the interrupted drain first (proxlb drain NODE --resume), then bring its guests back (proxlb drain NODE --restore)',
  'drain --force --restore': '--force lets a drain leave guests that cannot go; a restore moves back only what can come back: drop --force',
  'emulate --cert --key': 'give the certificate and its key together (--cert FILE --key FILE), or neither for a self-signed certificate',
}

/**
 * The one line for a flag conflict of command `command`, from the message of oclif's
 * FailedFlagValidationError or ViolatedFlagConstraintError; undefined for other errors.
 */
export function conflictSentence(message: string, command: string | undefined): string | undefined {
  const lines = message.replace(/\x1b\[[0-9;]*m/g, '').split('\n')
  if (!/^The following errors? occurred:$/.test(lines[0]?.trim() ?? '')) return undefined
  const reasons = lines.slice(1).map((l) => l.trim()).filter((l) => l !== '' && !/^See more help with --help$/.test(l))
  const sentences = [...new Set(reasons.map((r) => sentenceFor(r, command)))]
  return sentences.length ? sentences.join('; ') : undefined
}

function sentenceFor(reason: string, command: string | undefined): string {
  const advice = (flags: string[]) => ADVICE[`${command} ${[...new Set(flags)].sort().join(' ')}`] ?? undefined
  const listed = (text: string) => text.split(/,\s*/).map((f) => f.trim()).filter(Boolean)
  let m = /^(--[\w-]+)(?:=\S*)? cannot also be provided when using (--[\w-]+)$/.exec(reason)
  if (m) {
    const [, other, used] = m
    return `${used} and ${other} cannot be used together: ${advice([used, other]) ?? `give one of them (proxlb ${command ?? 'COMMAND'} --help says what each does)`}`
  }
  m = /^All of the following must be provided when using (--[\w-]+): (.*)$/.exec(reason)
  if (m) {
    const needed = listed(m[2]).filter((f) => f !== m![1])
    return `${m[1]} needs ${needed.join(' and ')} as well: ${advice([m[1], ...needed]) ?? `add ${needed.join(' and ')}, or leave ${m[1]} out`}`
  }
  m = /^Only the following can be provided when using (--[\w-]+): (.*)$/.exec(reason)
  if (m) return `${m[1]} goes only with ${listed(m[2]).join(', ')}: leave the other flags out, or ${m[1]}`
  m = /^(?:One|At least one) of the following must be provided(?: when using (--[\w-]+))?: (.*)$/.exec(reason)
  if (m) return `${m[1] ? `${m[1]} needs` : 'give'} at least one of ${listed(m[2]).join(', ')}${m[1] ? ' as well' : ''}`
  m = /^Exactly one of the following must be provided: (.*)$/.exec(reason)
  if (m) return `give exactly one of ${listed(m[1]).join(', ')}`
  m = /^Missing required flag (\S+)$/.exec(reason)
  if (m) return `--${m[1].replace(/^--/, '')} is required: give it (proxlb ${command ?? 'COMMAND'} --help says what it takes)`
  return reason
}
