#!/usr/bin/env node
// Writes src/emulator/pve-api.json: the Proxmox VE API operations proxlb and its emulator
// care about (method, path, token access, permissions, parameters, returns), cut out of the
// API schema that pve-docs publishes (apidata.js, converted to endpoints.json) with the
// prose removed, plus the few operations the emulator serves beyond endpoints.json (the
// storage status and content reads, the resource pool writes), taken from the whole schema (api-schema.json). The
// emulator validates request parameters against it the way pve-common's JSONSchema does,
// and the tests validate every emulator response against `returns`.
//
//   node scripts/gen-pve-api.js [path/to/endpoints.json [path/to/api-schema.json]]
//
// The source files are not part of this repository; the generated file is committed.
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const source = process.argv[2] ?? '/work/shared/pve-api/endpoints.json'
const fullSchema = process.argv[3] ?? path.join(path.dirname(source), 'api-schema.json')
/**
 * Operations not in endpoints.json: the storage status and content reads (clients that look at
 * storage, proxlb's collector among them) and the resource pool writes (creating a pool is
 * atomic in the cluster, which makes it proxlb's cluster-wide lock).
 */
const EXTRA = [
  'GET /nodes/{node}/storage/{storage}/status',
  'GET /nodes/{node}/storage/{storage}/content',
  'POST /pools',
  'PUT /pools',
  'DELETE /pools',
  'PUT /pools/{poolid}',
  'DELETE /pools/{poolid}',
]
const out = path.resolve(__dirname, '..', 'src', 'emulator', 'pve-api.json')

const PROSE = new Set(['description', 'verbose_description', 'format_description', 'typetext', 'renderer', 'title', 'completion'])

function strip(value) {
  if (Array.isArray(value)) return value.map(strip)
  if (value !== null && typeof value === 'object') {
    const result = {}
    for (const key of Object.keys(value).sort()) if (!PROSE.has(key)) result[key] = strip(value[key])
    return result
  }
  return value
}

const endpoints = JSON.parse(fs.readFileSync(source, 'utf8'))
const schema = JSON.parse(fs.readFileSync(fullSchema, 'utf8'))
for (const key of EXTRA) {
  const [method, apiPath] = key.split(' ')
  const op = schema[apiPath]?.[method]
  if (!op) throw new Error(`${fullSchema} has no ${key}`)
  endpoints[key] ??= {...op, method}
}
const operations = Object.keys(endpoints).sort().map((key) => {
  const [method, apiPath] = key.split(' ')
  const op = endpoints[key]
  return {
    method,
    path: apiPath,
    name: op.name,
    allowtoken: op.allowtoken ?? 1,
    permissions: strip(op.permissions ?? {}),
    parameters: strip(op.parameters ?? {additionalProperties: 0}),
    returns: strip(op.returns ?? {}),
  }
})
fs.writeFileSync(out, JSON.stringify({source: 'pve-docs api-viewer/apidata.js (PVE 9), cut to the operations in endpoints.json, the storage status and content reads and the resource pool writes', operations}, null, 1) + '\n')
console.log(`wrote ${out}: ${operations.length} operations`)
