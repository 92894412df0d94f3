/**
 * "Did you mean": the command or flag closest to a mistyped one, from the command manifest
 * (oclif.manifest.json), for the one place errors are reported (main.ts). A suggestion is
 * made only when it is close (a couple of letters off, or a swap), so a word that is no
 * command at all gets none. Also where a short flag used to mean something else: `-p` is
 * the policy in every command, so emulate's port is `--port` only. Pure.
 */

export interface ManifestCommand {
  flags: Record<string, {name: string; char?: string}>
}

export interface CommandManifest {
  commands: Record<string, ManifestCommand>
}

/** Short flags a command no longer has, with what to use instead. */
const RETIRED_SHORT_FLAGS: Record<string, Record<string, string>> = {
  emulate: {'-p': 'the port is --port (-p is the policy file in every command that reads one)'},
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({length: a.length + 1}, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/** The candidate closest to `word`, if close enough to be a typo of it; ties go to the first. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 3 ? 1 : word.length <= 7 ? 2 : 3
  let best: {candidate: string; distance: number} | undefined
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    const prefix = candidate.startsWith(word) && word.length >= 3
    const score = prefix ? Math.min(distance, 1) : distance
    if (score <= limit && (!best || score < best.distance)) best = {candidate, distance: score}
  }
  return best?.candidate
}

/** The command `argv` names: the longest run of leading words that is a command id. */
export function commandOf(argv: readonly string[], manifest: CommandManifest): string | undefined {
  const words: string[] = []
  for (const arg of argv) {
    if (arg.startsWith('-')) break
    words.push(arg)
  }
  for (let n = words.length; n > 0; n--) {
    const id = words.slice(0, n).join(':')
    if (Object.hasOwn(manifest.commands, id)) return id
  }
  return undefined
}

/** `did you mean proxlb snapshot diff?` for an unknown command id (`snapshot:dif`), or nothing. */
export function suggestCommand(id: string, manifest: CommandManifest, topics: readonly string[]): string | undefined {
  const ids = [...Object.keys(manifest.commands), ...topics]
  const found = closest(id, ids) ?? (id.includes(':') ? undefined : closest(id, ids.map((c) => c.split(':').pop()!)))
  if (!found) return undefined
  const full = ids.find((c) => c === found || c.endsWith(`:${found}`))!
  return `did you mean proxlb ${full.replaceAll(':', ' ')}?`
}

/** What to say about a flag `command` does not have (`--polcy`, `-p`, `--polcy=x`), or nothing. */
export function suggestFlag(flag: string, command: string, manifest: CommandManifest): string | undefined {
  const retired = RETIRED_SHORT_FLAGS[command]?.[flag]
  if (retired) return retired
  const flags = Object.values(manifest.commands[command]?.flags ?? {})
  if (/^-[^-]$/.test(flag)) return undefined
  const name = flag.replace(/^--?/, '').replace(/=.*$/, '')
  const names = [...flags.map((f) => f.name), 'help']
  const found = closest(name, names)
  if (found) return `did you mean --${found}?`
  const negated = name.startsWith('no-') ? closest(name.slice(3), names) : undefined
  return negated ? `did you mean --no-${negated}?` : undefined
}
