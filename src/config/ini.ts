/**
 * INI files as Python's configparser reads them (the format of the original ProxLB's
 * proxlb.conf): `[section]` headers, `key = value` or `key: value`, keys case-insensitive,
 * whole-line comments with `#` or `;`, values continued on indented lines. Like
 * configparser in its default strict mode, a section or a key given twice is an error.
 * Every entry keeps its line number so later checks can point at it. Pure.
 */
import type {Problem} from '../model/problems.js'

export interface IniEntry {
  key: string
  value: string
  line: number
}

export interface IniSection {
  name: string
  line: number
  entries: Map<string, IniEntry>
}

export type IniResult = {ok: true; sections: Map<string, IniSection>} | {ok: false; problems: Problem[]}

export function parseIni(text: string, file: string): IniResult {
  const sections = new Map<string, IniSection>()
  const problems: Problem[] = []
  let current: IniSection | undefined
  let last: IniEntry | undefined
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (/^\s*([#;].*)?$/.test(raw)) {
      // Blank lines end a continued value; comment lines do not (configparser keeps going past them).
      if (raw.trim() === '') last = undefined
      return
    }
    if (/^\s/.test(raw) && last) {
      last.value = `${last.value}\n${raw.trim()}`
      return
    }
    const header = /^\[([^\]]+)\]\s*$/.exec(raw.trim())
    if (header) {
      const name = header[1].trim()
      const first = sections.get(name)
      if (first) problems.push({file, location: String(line), message: `section [${name}] is given twice (first on line ${first.line}): merge them`})
      current = first ?? {name, line, entries: new Map()}
      sections.set(name, current)
      last = undefined
      return
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw.trim())
    if (!pair) {
      problems.push({file, location: String(line), message: `expected "key = value", "key: value" or a [section] header, got ${JSON.stringify(raw.trim())}`})
      return
    }
    if (!current) {
      problems.push({file, location: String(line), message: `"${pair[1]}" comes before any [section] header: put it under one, e.g. [proxmox]`})
      return
    }
    const key = pair[1].toLowerCase()
    const first = current.entries.get(key)
    if (first) {
      problems.push({file, location: String(line), message: `${key} is given twice in [${current.name}] (first on line ${first.line}): keep one`})
      return
    }
    last = {key, value: pair[2], line}
    current.entries.set(key, last)
  })
  return problems.length > 0 ? {ok: false, problems} : {ok: true, sections}
}
