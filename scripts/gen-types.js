#!/usr/bin/env node
// Generates src/model/generated/*.ts from schemas/*.json with json-schema-to-typescript.
// `node scripts/gen-types.js` writes the files; `--check` exits 1 when they drifted.
// The test suite calls generateTypes() and compares, so a schema change without
// regenerated types fails `npm test`.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const {compile} = require('json-schema-to-typescript')
const {writeGenerated} = require('./write-generated.js')

const ROOT = path.resolve(__dirname, '..')
const SCHEMAS = path.join(ROOT, 'schemas')
const OUT = path.join(ROOT, 'src', 'model', 'generated')

const BANNER = (file) =>
  `/* Generated from schemas/${file} by scripts/gen-types.js (npm run gen:types). Do not edit by hand. */`

/** @returns {Promise<Map<string, string>>} absolute output path -> content */
async function generateTypes() {
  const out = new Map()
  const files = fs.readdirSync(SCHEMAS).filter((f) => /\.v\d+\.json$/.test(f)).sort()
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'))
    const ts = await compile(schema, schema.title, {
      bannerComment: BANNER(file),
      additionalProperties: false,
      unreachableDefinitions: true,
      cwd: SCHEMAS,
      format: true,
      style: {singleQuote: true, semi: false, printWidth: 110},
    })
    out.set(path.join(OUT, file.replace(/\.json$/, '.ts')), ts)
  }
  return out
}

async function main() {
  writeGenerated(await generateTypes(), 'out of date with its schema: run npm run gen:types')
}

module.exports = {generateTypes}
if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
