#!/usr/bin/env node
// Writes oclif.manifest.json from the compiled commands (run `npm run build` first),
// exactly as `oclif manifest` does: a root Plugin loaded without a manifest, its
// computed manifest saved. `--check` exits 1 when the committed file is stale.
// The test suite calls generateManifest() and compares. proxlb embeds the manifest
// (src/cli/main.ts): it is what --help and the command list show, with no command loaded.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const {Plugin} = require('@oclif/core')

const ROOT = path.resolve(__dirname, '..')
const FILE = path.join(ROOT, 'oclif.manifest.json')

/** @returns {Promise<string>} the manifest as it should be committed */
async function generateManifest() {
  const {COMMANDS} = require(path.join(ROOT, 'dist', 'src', 'commands', 'index.js'))
  const plugin = new Plugin({root: ROOT, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true})
  // COMMANDS holds loaders; oclif's explicit strategy expects the classes, which it
  // keeps in this private cache (@oclif/core is pinned to an exact version).
  plugin.commandCache = Object.fromEntries(Object.entries(COMMANDS).map(([id, load]) => [id, load()]))
  await plugin.load()
  return JSON.stringify(plugin.manifest, null, 2) + '\n'
}

async function main() {
  const manifest = await generateManifest()
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(FILE) ? fs.readFileSync(FILE, 'utf8') : ''
    if (current !== manifest) {
      console.error('oclif.manifest.json is stale: run npm run build && npm run gen:manifest')
      process.exit(1)
    }
    return
  }
  fs.writeFileSync(FILE, manifest)
  console.log(`wrote oclif.manifest.json (${Object.keys(JSON.parse(manifest).commands).length} commands)`)
}

module.exports = {generateManifest}
if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
