/**
 * Scenarios: what-if changes for `proxlb simulate`, from a YAML file or from flags.
 *
 * Both spellings end in the same list of Changes: a scenario file entry `addNode:
 * pve6:256GiB/32cores` and the flag `--add-node pve6:256GiB/32cores` parse through the same
 * functions, and each Change remembers where it was written (`--add-node ...` or
 * `file:line:column: changes[0].addNode`) so a change that does not fit the snapshot is
 * reported there. Checks against a snapshot (does the node exist?) happen when the change
 * is applied, in src/simulate. Pure: text in, changes or InvalidInputError out.
 */
import type {AddGuests, AddNode, Grow, NodeNames, Scenario} from './generated/scenario.v1.js'
import type {GuestSelector} from './policy.js'
import {InvalidInputError, type Problem, preview} from './problems.js'
import {parsePercentage, parseSize} from './units.js'
import {byPosition, type Path, readYamlDocument} from './yaml-document.js'

export type {Scenario} from './generated/scenario.v1.js'

export const SCENARIO_API_VERSION = 'proxlb/v1'

/** Where a change was written: a flag (`--fail pve3`) or a place in a scenario file. */
export type Origin = Pick<Problem, 'file' | 'location'>

export type GrowResource = 'memory' | 'cpu' | 'disk'

export type Change =
  | {kind: 'add-node'; origin: Origin; name: string; memory: number; cores: number; disk?: number}
  | {kind: 'remove-node'; origin: Origin; nodes: string[]}
  | {kind: 'grow'; origin: Origin; percent: Partial<Record<GrowResource, number>>; guests?: GuestSelector[]}
  | {kind: 'add-guests'; origin: Origin; spec: GuestBatch}
  | {kind: 'drain'; origin: Origin; nodes: string[]}
  | {kind: 'fail'; origin: Origin; nodes: string[]}

/** New guests of one size. */
export interface GuestBatch {
  count: number
  /** Bytes of memory of each guest. */
  memory: number
  cores: number
  /** Bytes of disk of each guest. */
  disk: number
  storage: 'shared' | 'local'
  type: 'qemu' | 'lxc'
  /** Name prefix. */
  name: string
  tags: string[]
  pool?: string
}

export interface LoadedScenario {
  name?: string
  description?: string
  changes: Change[]
}

/** The text forms, as help and error messages show them. */
export const SPEC_FORMS = {
  'add-node': 'NAME:MEMORY/CORES[/DISK] such as pve6:256GiB/32cores/2TiB',
  'add-guests': 'COUNTxMEMORY/CORES[/DISK][,type=lxc][,name=PREFIX][,tag=TAG]...[,pool=POOL][,storage=local] such as 20x8GiB/4cores',
  grow: 'RESOURCE=±N% such as memory=+20% (resources: memory, cpu, disk; several joined by commas)',
} as const

/** Parses and checks a scenario file; throws InvalidInputError listing every problem. */
export function readScenario(input: Uint8Array | string, file: string): LoadedScenario {
  const {value, locate} = readYamlDocument(input, file, {schema: 'scenario', label: 'scenario', apiVersion: SCENARIO_API_VERSION})
  const scenario = value as unknown as Scenario
  const problems: Problem[] = []
  const changes: Change[] = []
  scenario.changes.forEach((entry, i) => {
    const [key, spec] = Object.entries(entry)[0] as [keyof typeof entry, unknown]
    const path: Path = ['changes', i, key]
    const origin = {file, location: locate(path)}
    try {
      changes.push(changeFromEntry(key, spec, origin))
    } catch (error) {
      if (!(error instanceof SpecError)) throw error
      problems.push({file, location: locate([...path, ...error.path]), message: error.message})
    }
  })
  if (problems.length > 0) throw new InvalidInputError(problems.sort(byPosition))
  return {...(scenario.name !== undefined ? {name: scenario.name} : {}), ...(scenario.description !== undefined ? {description: scenario.description} : {}), changes}
}

/** The what-if flags of `proxlb simulate`, as changes in the order they are applied. */
export interface ChangeFlags {
  'add-node'?: string[]
  'remove-node'?: string[]
  grow?: string[]
  'add-guests'?: string[]
  drain?: string[]
  fail?: string[]
}

/**
 * Flags become changes in a fixed order: nodes are added and removed first, guests grow
 * and arrive, then nodes are drained and fail. (oclif does not keep the order flags were
 * typed in; a scenario file keeps its own order.)
 */
export function changesFromFlags(flags: ChangeFlags): Change[] {
  const problems: Problem[] = []
  const changes: Change[] = []
  const order = ['add-node', 'remove-node', 'grow', 'add-guests', 'drain', 'fail'] as const
  for (const flag of order) {
    for (const text of flags[flag] ?? []) {
      const origin = {file: `--${flag} ${text}`, location: ''}
      try {
        changes.push(changeFromText(flag, text, origin))
      } catch (error) {
        if (!(error instanceof SpecError)) throw error
        problems.push({...origin, message: error.message})
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems)
  return changes
}

/** A text spec or a scenario value that cannot be read; `path` leads to the offending part. */
class SpecError extends Error {
  constructor(
    message: string,
    readonly path: Path = [],
  ) {
    super(message)
  }
}

function changeFromText(flag: keyof ChangeFlags, text: string, origin: Origin): Change {
  switch (flag) {
    case 'add-node':
      return {kind: 'add-node', origin, ...parseNodeSpec(text)}
    case 'add-guests':
      return {kind: 'add-guests', origin, spec: parseGuestsSpec(text)}
    case 'grow':
      return {kind: 'grow', origin, percent: parseGrowSpec(text)}
    default:
      return {kind: flag, origin, nodes: nodeList(text)}
  }
}

function changeFromEntry(key: 'addNode' | 'removeNode' | 'grow' | 'addGuests' | 'drain' | 'fail', spec: unknown, origin: Origin): Change {
  switch (key) {
    case 'addNode': {
      const node = spec as AddNode
      if (typeof node === 'string') return {kind: 'add-node', origin, ...parseNodeSpec(node)}
      const memory = size(node.memory, ['memory'])
      if (memory === 0) throw new SpecError('a node needs memory: expected a size above 0, such as 256GiB', ['memory'])
      return {
        kind: 'add-node',
        origin,
        name: node.name,
        memory,
        cores: node.cores,
        ...(node.disk !== undefined ? {disk: size(node.disk, ['disk'])} : {}),
      }
    }
    case 'addGuests': {
      const batch = spec as AddGuests
      if (typeof batch === 'string') return {kind: 'add-guests', origin, spec: parseGuestsSpec(batch)}
      return {
        kind: 'add-guests',
        origin,
        spec: {
          count: batch.count,
          memory: size(batch.memory, ['memory']),
          cores: batch.cores,
          disk: batch.disk === undefined ? 0 : size(batch.disk, ['disk']),
          storage: batch.storage ?? 'shared',
          type: batch.type ?? 'qemu',
          name: batch.name ?? 'new',
          tags: batch.tags ?? [],
          ...(batch.pool !== undefined ? {pool: batch.pool} : {}),
        },
      }
    }
    case 'grow': {
      const grow = spec as Grow
      if (typeof grow === 'string') return {kind: 'grow', origin, percent: parseGrowSpec(grow)}
      const percent: Partial<Record<GrowResource, number>> = {}
      for (const resource of ['memory', 'cpu', 'disk'] as const) {
        if (grow[resource] !== undefined) percent[resource] = signedPercent(grow[resource], [resource])
      }
      if (Object.keys(percent).length === 0) throw new SpecError('say how much at least one of memory, cpu or disk changes, such as memory: +20%')
      return {kind: 'grow', origin, percent, ...(grow.guests ? {guests: grow.guests} : {})}
    }
    case 'removeNode':
      return {kind: 'remove-node', origin, nodes: names(spec as NodeNames)}
    case 'drain':
    case 'fail':
      return {kind: key, origin, nodes: names(spec as NodeNames)}
  }
}

function names(spec: NodeNames): string[] {
  return typeof spec === 'string' ? nodeList(spec) : [...spec]
}

function nodeList(text: string): string[] {
  const list = text.split(',').map((s) => s.trim())
  if (list.some((s) => s === '')) throw new SpecError(`expected a node name (or several joined by commas), got ${preview(text)}`)
  return list
}

/** `pve6:256GiB/32cores/2TiB`: a name, then memory and cores in any order, then an optional disk. */
export function parseNodeSpec(text: string): {name: string; memory: number; cores: number; disk?: number} {
  const wrong = (why: string) => new SpecError(`${why}: expected ${SPEC_FORMS['add-node']}, got ${preview(text)}`)
  const colon = text.indexOf(':')
  if (colon < 0) throw wrong('missing the node name')
  const name = text.slice(0, colon).trim()
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name)) throw wrong(`${preview(name)} is not a node name`)
  const {cores, sizes} = sizesAndCores(text.slice(colon + 1), wrong)
  if (sizes.length > 2) throw wrong('too many sizes')
  if (sizes[0] === 0) throw wrong('a node needs memory above 0')
  return {name, memory: sizes[0], cores, ...(sizes[1] !== undefined ? {disk: sizes[1]} : {})}
}

/** `20x8GiB/4cores/100GiB,type=lxc,tag=web`: count, then sizes like a node's, then options. */
export function parseGuestsSpec(text: string): GuestBatch {
  const wrong = (why: string) => new SpecError(`${why}: expected ${SPEC_FORMS['add-guests']}, got ${preview(text)}`)
  const [head, ...options] = text.split(',').map((s) => s.trim())
  const m = /^([0-9]+)\s*[x×]\s*(.+)$/i.exec(head)
  if (!m) throw wrong('missing the count')
  const count = Number(m[1])
  if (count < 1 || count > 100_000) throw wrong('the count must be from 1 to 100000')
  const {cores, sizes} = sizesAndCores(m[2], wrong)
  if (sizes.length > 2) throw wrong('too many sizes')
  const batch: GuestBatch = {count, memory: sizes[0], cores, disk: sizes[1] ?? 0, storage: 'shared', type: 'qemu', name: 'new', tags: []}
  for (const option of options) {
    const [key, value = ''] = option.split('=', 2).map((s) => s.trim())
    if (key === 'type' && (value === 'qemu' || value === 'lxc')) batch.type = value
    else if (key === 'storage' && (value === 'shared' || value === 'local')) batch.storage = value
    else if (key === 'name' && /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value)) batch.name = value
    else if (key === 'tag' && value !== '') batch.tags.push(value)
    else if (key === 'pool' && value !== '') batch.pool = value
    else throw wrong(`unknown option ${preview(option)} (type=qemu|lxc, name=PREFIX, tag=TAG, pool=POOL, storage=shared|local)`)
  }
  return batch
}

/** `memory=+20%,cpu=-5%`. */
export function parseGrowSpec(text: string): Partial<Record<GrowResource, number>> {
  const wrong = (why: string) => new SpecError(`${why}: expected ${SPEC_FORMS.grow}, got ${preview(text)}`)
  const percent: Partial<Record<GrowResource, number>> = {}
  for (const part of text.split(',')) {
    const m = /^\s*(memory|cpu|disk)\s*=\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*%\s*$/i.exec(part)
    if (!m) throw wrong(/^\s*(memory|cpu|disk)\s*=/i.test(part) ? 'the change must be a percentage' : `unknown resource in ${preview(part.trim())}`)
    const resource = m[1].toLowerCase() as GrowResource
    if (percent[resource] !== undefined) throw wrong(`${resource} is given twice`)
    const value = Number(m[2])
    if (value < -100) throw wrong('a resource cannot shrink by more than 100%')
    percent[resource] = value
  }
  return percent
}

function sizesAndCores(text: string, wrong: (why: string) => SpecError): {cores: number; sizes: number[]} {
  let cores: number | undefined
  const sizes: number[] = []
  for (const part of text.split('/').map((s) => s.trim())) {
    const c = /^([0-9]+(?:\.[0-9]+)?)\s*(cores?|c)$/i.exec(part)
    if (c) {
      if (cores !== undefined) throw wrong('cores are given twice')
      cores = Number(c[1])
      continue
    }
    const bytes = parseSize(part)
    if (bytes === undefined) throw wrong(`${preview(part)} is neither a size (8GiB) nor cores (4cores)`)
    sizes.push(bytes)
  }
  if (sizes.length === 0) throw wrong('missing the memory size')
  if (cores === undefined) throw wrong('missing the cores')
  if (cores <= 0) throw wrong('cores must be above 0')
  return {cores, sizes}
}

function size(value: number | string, path: Path): number {
  const bytes = parseSize(value)
  if (bytes === undefined) throw new SpecError(`expected a size such as 512GiB or a number of bytes below 2^53, got ${preview(value)}`, path)
  return bytes
}

function signedPercent(value: number | string, path: Path): number {
  const text = typeof value === 'number' ? `${value}%` : value.trim()
  const sign = text.startsWith('-') ? -1 : 1
  const percent = parsePercentage(text.replace(/^[+-]/, ''))
  if (percent === undefined || sign * percent < -100) throw new SpecError(`expected a change in percent from -100% up, such as +20%, got ${preview(value)}`, path)
  return sign * percent
}
