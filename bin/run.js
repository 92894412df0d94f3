#!/usr/bin/env node
// proxlb, compiled: runs dist/ (build it with `npm run build`).
'use strict'
// Node 22.1+ keeps the compiled code of the modules on disk (in the system's temporary
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off), which takes ~15% off the start of
// a plan on Node 24; Node 20 has no such cache and skips this.
require('node:module').enableCompileCache?.()
const path = require('node:path')
const {runCli} = require('../dist/src/cli/main.js')

runCli(process.argv.slice(2), path.resolve(__dirname, '..')).then((code) => {
  process.exitCode = code
})
