/**
 * Checks a response body against the `returns` schema of its operation in PVE's API schema
 * (src/emulator/pve-api.json): declared types, 0/1 integers where the schema says boolean,
 * enums, required (non-optional) fields, items of arrays.
 *
 * Field names are held to what a real server sends: a field the schema does not declare is
 * a problem unless the schema allows additional properties or the field appears in a
 * response captured from a real cluster (the samples in test/fixtures/pve-api), which
 * documents what PVE sends beyond its schema.
 */
import type {PveSchema} from '../../src/emulator/pve-schema.js'

export function returnProblems(value: unknown, schema: PveSchema, alsoSeen: ReadonlySet<string> = new Set(), path = 'data'): string[] {
  const problems: string[] = []
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (type.length > 0 && !type.some((t) => hasType(value, t))) {
    return [`${path}: expected ${type.join('|')}${type.includes('boolean') ? ' (0 or 1)' : ''}, got ${JSON.stringify(value)?.slice(0, 60)}`]
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`)
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => problems.push(...returnProblems(item, schema.items!, alsoSeen, `${path}[${i}]`)))
  if (isObject(value) && (schema.properties || type.includes('object'))) {
    const properties = schema.properties ?? {}
    for (const [name, prop] of Object.entries(properties)) {
      if (value[name] === undefined) {
        if (!prop.optional && prop.type !== 'null') problems.push(`${path}.${name}: missing (not optional in the schema)`)
        continue
      }
      problems.push(...returnProblems(value[name], prop, alsoSeen, `${path}.${name}`))
    }
    if (Object.keys(properties).length > 0 && !schema.additionalProperties) {
      for (const name of Object.keys(value)) {
        // Numbered keys (scsi0, net1, hostpci0) are declared once as scsi[n], net[n] ...
        const declared = properties[name] ?? properties[name.replace(/\d+$/, '[n]')]
        if (!(name in properties) && declared) problems.push(...returnProblems(value[name], declared, alsoSeen, `${path}.${name}`))
        else if (!declared && !alsoSeen.has(name)) problems.push(`${path}.${name}: not in the schema, nor in any captured response`)
      }
    }
  }
  return problems
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return value === 0 || value === 1
    case 'string':
      return typeof value === 'string'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    case 'null':
      return value === null
    default:
      return true
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Every key of every object, at any depth, in a captured response (the fields a real server sends). */
export function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into))
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key)
      keysOf(inner, into)
    }
  }
  return into
}
