// Shared by the generators of committed files (gen-types.js, gen-validators.js): writes
// the files whose content changed, or with --check only reports them and exits 1.
'use strict'
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')

/**
 * @param {Map<string, string>} generated absolute path -> content
 * @param {string} staleHint why a file is stale and what to run, e.g. "out of date with its schema: run npm run gen:types"
 */
function writeGenerated(generated, staleHint) {
  const check = process.argv.includes('--check')
  let drift = 0
  for (const [file, content] of generated) {
    const rel = path.relative(ROOT, file)
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined
    if (current === content) continue
    if (check) {
      console.error(`${rel} is ${staleHint}`)
      drift++
    } else {
      fs.mkdirSync(path.dirname(file), {recursive: true})
      fs.writeFileSync(file, content)
      console.log(`wrote ${rel}`)
    }
  }
  if (drift) process.exit(1)
}

module.exports = {writeGenerated}
