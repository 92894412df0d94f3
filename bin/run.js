#!/usr/bin/env node
// proxlb, compiled: runs dist/ (build it with `npm run build`).
'use strict'
const path = require('node:path')
const {runCli} = require('../dist/src/cli/main.js')

runCli(process.argv.slice(2), path.resolve(__dirname, '..')).then((code) => {
  process.exitCode = code
})
