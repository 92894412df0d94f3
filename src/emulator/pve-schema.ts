/**
 * The Proxmox VE API schema format (pve-common's JSONSchema), as far as the emulator uses
 * it: the operations in pve-api.json, request parameter validation with the real server's
 * messages, and (for tests) checking a response against an operation's `returns`.
 *
 * The format is JSON-schema-like: `type`, `properties`, `items`, `optional` (instead of
 * `required`), `additionalProperties` as 0/1, booleans as the integers 0/1 on the wire.
 * Parameters arrive as strings (query or form body) or JSON values; validation follows
 * PVE::JSONSchema::check_prop so a client sees the errors a real server would give.
 */
import api from './pve-api.json'

export interface PveSchema {
  type?: string | string[]
  optional?: number | boolean
  properties?: Record<string, PveSchema>
  additionalProperties?: number | boolean | PveSchema
  items?: PveSchema
  enum?: unknown[]
  format?: string | Record<string, unknown>
  pattern?: string
  minimum?: number | string
  maximum?: number | string
  minLength?: number
  maxLength?: number
  requires?: string
  default?: unknown
}

export interface PveOperation {
  method: string
  path: string
  name: string
  allowtoken: number
  permissions: {check?: unknown[]; user?: string}
  parameters: PveSchema
  returns: PveSchema
}

export const OPERATIONS: readonly PveOperation[] = api.operations as PveOperation[]

const byKey = new Map(OPERATIONS.map((op) => [`${op.method} ${op.path}`, op]))

/** The operation for `GET /nodes/{node}/status`, or undefined when the schema lacks it. */
export function operation(method: string, path: string): PveOperation | undefined {
  return byKey.get(`${method} ${path}`)
}

export type Params = Record<string, unknown>

/**
 * Checks raw parameters against an operation's parameter schema and returns them typed
 * (integers and numbers as numbers, booleans as true/false), or the errors by name.
 */
export function checkParameters(raw: Params, schema: PveSchema): {params: Params; errors: Record<string, string>} {
  const errors: Record<string, string> = {}
  const params: Params = {}
  const properties = schema.properties ?? {}
  for (const [name, prop] of Object.entries(properties)) {
    const value = raw[name]
    if (value === undefined || value === null) {
      if (!prop.optional) errors[name] = 'property is missing and it is not optional'
      continue
    }
    const checked = checkValue(value, prop)
    if ('error' in checked) errors[name] = checked.error
    else params[name] = checked.value
  }
  for (const name of Object.keys(raw)) {
    const prop = properties[name]
    if (!prop) {
      if (!schema.additionalProperties) errors[name] = 'property is not defined in schema and the schema does not allow additional properties'
      continue
    }
    if (typeof prop.requires === 'string' && raw[prop.requires] === undefined) {
      errors[prop.requires] = `missing property - '${name}' requires this property`
    }
  }
  return {params, errors}
}

type Checked = {value: unknown} | {error: string}

/** The typed value, or what is wrong with it in pve-common's words. */
function checkValue(value: unknown, schema: PveSchema): Checked {
  const fail = (error: string): Checked => ({error})
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  let typed: unknown = value
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
  switch (type) {
    case 'boolean':
      if (value === true || value === false) typed = value
      else if (text === '1' || text === '0') typed = text === '1'
      else return fail(`type check ('boolean') failed - got '${String(value)}'`)
      return {value: typed}
    case 'integer':
      if (text === undefined || !/^[+-]?\d+$/.test(text)) return fail(`type check ('integer') failed - got '${String(value)}'`)
      typed = Number(text)
      break
    case 'number':
      if (text === undefined || !/^[+-]?(\d+\.\d+|\d+\.|\.\d+|\d+)([eE][+-]?\d+)?$/.test(text)) return fail(`type check ('number') failed - got '${String(value)}'`)
      typed = Number(text)
      break
    case 'string':
      if (text === undefined) return fail(`type check ('string') failed - got ${typeof value === 'object' ? 'HASH' : String(value)}`)
      typed = text
      break
    default:
      return {value}
  }
  const str = String(typed)
  if (typeof schema.format === 'string') {
    const problem = formatProblem(schema.format, str)
    if (problem) return fail(`invalid format - ${problem}`)
  }
  if (schema.pattern) {
    const re = safeRegExp(schema.pattern)
    if (re && !re.test(str)) return fail('value does not match the regex pattern')
  }
  if (schema.maxLength !== undefined && str.length > schema.maxLength) return fail(`value may only be ${schema.maxLength} characters long`)
  if (schema.minLength !== undefined && str.length < schema.minLength) return fail(`value must be at least ${schema.minLength} characters long`)
  if (typeof typed === 'number') {
    if (schema.maximum !== undefined && typed > Number(schema.maximum)) return fail(`value must have a maximum value of ${schema.maximum}`)
    if (schema.minimum !== undefined && typed < Number(schema.minimum)) return fail(`value must have a minimum value of ${schema.minimum}`)
  }
  if (schema.enum && !schema.enum.some((e) => String(e) === str)) {
    return fail(`value '${str}' does not have a value in the enumeration '${schema.enum.join(', ')}'`)
  }
  return {value: typed}
}

const FORMATS: Record<string, (value: string) => string | undefined> = {
  'pve-node': (v) => (/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v) ? undefined : 'value does not look like a valid node name'),
  'pve-vmid': (v) => (/^[1-9][0-9]{2,8}$/.test(v) ? undefined : 'value does not look like a valid VM ID'),
  'pve-storage-id': (v) => (/^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(v) ? undefined : `storage ID '${v}' contains illegal characters`),
  'pve-configid': (v) => (/^[a-z][a-z0-9_-]+$/i.test(v) ? undefined : `invalid configuration ID '${v}'`),
  // PVE::AccessControl::verify_poolname: up to three levels joined by '/'.
  'pve-poolid': (v) =>
    v.split('/').length > 3 ? `pool name '${v}' nested too deeply (max levels = 3)` : /^[A-Za-z0-9.\-_]+(?:\/[A-Za-z0-9.\-_]+){0,2}$/.test(v) ? undefined : `pool name '${v}' contains invalid characters`,
}

/** A registered format, or `NAME-list` of it (items split at commas, semicolons and blanks, empty allowed), as check_format reads them. */
function formatProblem(format: string, value: string): string | undefined {
  const list = /^(.*)-list$/.exec(format)
  if (list && FORMATS[list[1]]) {
    for (const item of splitList(value)) {
      const problem = FORMATS[list[1]](item)
      if (problem) return problem
    }
    return undefined
  }
  return FORMATS[format]?.(value)
}

/** PVE::Tools::split_list. */
export function splitList(text: string): string[] {
  if (text.includes('\0')) return text.split('\0')
  return text.replace(/[,;]/g, ' ').trim().split(/\s+/).filter((s) => s !== '')
}

const regexCache = new Map<string, RegExp | null>()

/** Perl patterns that JavaScript cannot read (`(?^:...)`) are not checked. */
function safeRegExp(pattern: string): RegExp | null {
  let re = regexCache.get(pattern)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`)
    } catch {
      re = null
    }
    regexCache.set(pattern, re)
  }
  return re
}
