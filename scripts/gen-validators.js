#!/usr/bin/env node
// Generates src/model/generated/validators.ts: every schema in schemas/ compiled ahead of
// time into plain validation functions by ajv's standalone code generator, so proxlb
// never compiles a schema at run time (compiling the snapshot and policy schemas took
// ~70 ms of every `proxlb plan`, and loading ajv's compiler ~30 ms more). The generated
// code needs only ajv's small runtime helpers and ajv-formats' format functions.
//
// The options are those src/model/schemas.ts relies on: allErrors (every problem at
// once) and verbose (errors carry parentSchema and data, which explainErrors quotes).
// `node scripts/gen-validators.js` writes the file; `--check` exits 1 when it drifted;
// `npm run gen:types` runs it after the types. The test suite calls generateValidators()
// and compares, so a schema change without regenerated validators fails `npm test`.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const Ajv2020 = require('ajv/dist/2020').default
const standaloneCode = require('ajv/dist/standalone').default
const addFormats = require('ajv-formats').default
const {writeGenerated} = require('./write-generated.js')

const ROOT = path.resolve(__dirname, '..')
const SCHEMAS = path.join(ROOT, 'schemas')
const OUT = path.join(ROOT, 'src', 'model', 'generated', 'validators.ts')

/** The ajv options the validators are compiled with (tests compile with the same to compare). */
const AJV_OPTIONS = {allErrors: true, verbose: true, strict: true, allowUnionTypes: true}
const FORMATS = ['date-time']

/** An ajv instance configured as the generated validators are; `code` adds code-generation options. */
function configuredAjv(code) {
  return addFormats(new Ajv2020({...AJV_OPTIONS, ...(code ? {code} : {})}), FORMATS)
}

/** `snapshot.v1.json` -> `snapshotV1`, the name the validator is exported under. */
function exportName(file) {
  const match = /^([a-z][a-z0-9-]*)\.v(\d+)\.json$/.exec(file)
  if (!match) throw new Error(`schemas/${file}: expected a name such as snapshot.v1.json`)
  return match[1].replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase()) + `V${match[2]}`
}

/**
 * ajv's ES-module output still reaches its runtime helpers with `require("module").member`,
 * which neither a TypeScript module nor vitest's module runner should rely on: each becomes
 * an import of that member. Anything else left that looks like `require(` fails the build.
 */
function importsForRequires(code) {
  const imports = new Map()
  const rewritten = code.replace(/require\("([^"]+)"\)\.([A-Za-z_$][\w$]*)/g, (_, module, member) => {
    const key = `${module}\0${member}`
    if (!imports.has(key)) imports.set(key, {module, member, local: `runtime${imports.size}`})
    return imports.get(key).local
  })
  if (/\brequire\(/.test(rewritten)) throw new Error('ajv standalone code requires a module in a form gen-validators.js does not rewrite: update importsForRequires')
  const lines = [...imports.values()].map(({module, member, local}) =>
    member === 'default' ? `import ${local} from '${module}.js'` : `import {${member} as ${local}} from '${module}.js'`,
  )
  return {imports: lines, code: rewritten}
}

/**
 * The formats proxlb reads, whose validators it needs at run time. The other schemas
 * describe what it prints (events, errors, simulation results ...): tests validate real
 * output against them with ajv, and compiling them in would only make every start slower.
 */
const READ_FORMATS = ['config', 'journal', 'plan', 'policy', 'scenario', 'snapshot']

/** @returns {Map<string, string>} absolute output path -> content */
function generateValidators() {
  const ajv = configuredAjv({source: true, esm: true, lines: true})
  const files = fs.readdirSync(SCHEMAS).filter((f) => /\.v\d+\.json$/.test(f) && READ_FORMATS.includes(f.replace(/\.v\d+\.json$/, ''))).sort()
  const refs = {}
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'))
    ajv.addSchema(schema)
    refs[exportName(file)] = schema.$id
  }
  const {imports, code} = importsForRequires(standaloneCode(ajv, refs).replace(/^"use strict";\n?/, ''))
  const content = [
    '// @ts-nocheck',
    `/* Generated from ${files.map((f) => `schemas/${f}`).join(', ')} by scripts/gen-validators.js (npm run gen:types). Do not edit by hand. */`,
    ...imports,
    code.trimEnd(),
    '',
  ].join('\n')
  return new Map([[OUT, content]])
}

function main() {
  writeGenerated(generateValidators(), 'out of date with the schemas: run npm run gen:types')
}

module.exports = {generateValidators, configuredAjv, exportName, READ_FORMATS}
if (require.main === module) {
  try {
    main()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
