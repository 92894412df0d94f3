/**
 * The command reference as oclif.manifest.json holds it (the same data `--help` shows), in
 * the shape the man page and the shell completions are written from, so neither can drift
 * from the commands: a flag added to a command is in both after the next build. Pure.
 */

export interface ManifestFlag {
  name: string
  char?: string
  type: 'option' | 'boolean'
  summary?: string
  description?: string
  helpValue?: string
  options?: string[]
  multiple?: boolean
  allowNo?: boolean
  default?: unknown
  hidden?: boolean
  helpGroup?: string
}

export interface ManifestArg {
  name: string
  description?: string
  required?: boolean
}

export interface ManifestCommandEntry {
  id: string
  summary?: string
  description?: string
  hidden?: boolean
  args: Record<string, ManifestArg>
  flags: Record<string, ManifestFlag>
  examples?: (string | {description?: string; command: string})[]
}

export interface Manifest {
  commands: Record<string, ManifestCommandEntry>
}

export interface ReferenceCommand {
  id: string
  /** The words typed: `snapshot diff`. */
  words: string[]
  summary: string
  description: string
  args: ManifestArg[]
  flags: ManifestFlag[]
  examples: {description?: string; command: string}[]
}

/** Visible commands sorted by id, their visible flags sorted by name (help comes last, from oclif). */
export function referenceCommands(manifest: Manifest): ReferenceCommand[] {
  return Object.values(manifest.commands)
    .filter((c) => !c.hidden)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({
      id: c.id,
      words: c.id.split(':'),
      summary: c.summary ?? c.description?.split('\n')[0] ?? '',
      description: c.description ?? '',
      args: Object.values(c.args ?? {}),
      flags: Object.values(c.flags ?? {}).filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : 1)),
      examples: (c.examples ?? []).map((e) => (typeof e === 'string' ? {command: e} : e)).map((e) => ({...e, command: e.command.replace(/<%= config.bin %>/g, 'proxlb')})),
    }))
}

/** The words that may follow `prefix` as the next word of a command (`snapshot` → `diff`). */
export function nextWords(commands: readonly ReferenceCommand[], prefix: readonly string[]): {word: string; summary: string}[] {
  const found = new Map<string, string>()
  for (const c of commands) {
    if (c.words.length <= prefix.length || !prefix.every((w, i) => c.words[i] === w)) continue
    const word = c.words[prefix.length]
    const exact = c.words.length === prefix.length + 1
    if (exact || !found.has(word)) found.set(word, exact ? c.summary : found.get(word) ?? `${word} commands`)
  }
  return [...found].map(([word, summary]) => ({word, summary}))
}

/** Whether a flag's value is a file path (its help value says FILE). */
export function takesFile(flag: ManifestFlag): boolean {
  return flag.type === 'option' && /FILE/.test(flag.helpValue ?? '')
}

/** Whether an argument is a file path. */
export function argIsFile(arg: ManifestArg): boolean {
  return /file/i.test(arg.description ?? '') || /file|snapshot|plan|policy/i.test(arg.name)
}
