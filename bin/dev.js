#!/usr/bin/env node
// proxlb from its TypeScript sources, through tsx: no build step needed.
'use strict'
const path = require('node:path')
require('tsx/cjs')
const {runCli} = require('../src/cli/main.ts')

runCli(process.argv.slice(2), path.resolve(__dirname, '..')).then((code) => {
  process.exitCode = code
})
