#!/usr/bin/env node
// Writes src/emulator/pve-api.json: the Proxmox VE API operations proxlb and its emulator
// care about (method, path, token access, permissions, parameters, returns), cut out of the
// API schema that pve-docs publishes (apidata.js, converted to endpoints.json) with the
// prose removed. The emulator validates request parameters against it the way pve-common's
// JSONSchema does, and the tests validate every emulator response against `returns`.
//
//   node scripts/gen-pve-api.js [path/to/endpoints.json]
//
// The source file is not part of this repository; the generated file is committed.
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const source = process.argv[2] ?? '/work/shared/pve-api/endpoints.json'
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
fs.writeFileSync(out, JSON.stringify({source: 'pve-docs api-viewer/apidata.js (PVE 9), cut to the operations in endpoints.json', operations}, null, 1) + '\n')
console.log(`wrote ${out}: ${operations.length} operations`)
