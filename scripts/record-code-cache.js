#!/usr/bin/env node
// Run by scripts/build-binary.js with the Node binary the executable carries:
//   node record-code-cache.js WRAPPED_BUNDLE OUT
// compiles the wrapped bundle as the executable does (src/cli/sea-main.ts), runs it once as
// `proxlb plan` of the demo cluster with the default policy, and at exit writes V8's code
// cache of it to OUT: with the functions that run compiled, not only the eager ones. Writes
// nothing when the plan fails.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const {compileBundle, runBundle} = require('../dist/src/cli/sea-main.js')

const ROOT = path.resolve(__dirname, '..')
const [wrapped, out] = process.argv.slice(2)
if (!wrapped || !out) {
  console.error('usage: record-code-cache.js WRAPPED_BUNDLE OUT')
  process.exit(1)
}

const script = compileBundle(fs.readFileSync(wrapped, 'utf8'))
// Files by path: outside the executable the bundle finds no embedded assets.
process.argv = [process.argv[0], 'proxlb', 'plan', path.join(ROOT, 'snapshots', 'demo.json'), '--policy', path.join(ROOT, 'policies', 'default.yaml')]
process.on('exit', (code) => {
  if (code === 0) fs.writeFileSync(out, script.createCachedData())
})
runBundle(script, require, ROOT)
