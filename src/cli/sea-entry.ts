/**
 * The entry of the bundle inside the single executable (dist/proxlb, built by
 * scripts/build-binary.js; sea-main.ts compiles and runs it), and only of it: bin/run.js is
 * the entry everywhere else.
 *
 * Inside a Node single executable `require` reaches only Node's built-in modules and
 * `require.cache` is undefined, so this file must stay a plain script that starts the CLI
 * unconditionally (no `require.main === module` guard). oclif is given the directory of the
 * executable as its root; it reads nothing there, because main.ts hands it package.json
 * and the commands directly and the bundled files come from SEA assets.
 */
import {dirname} from 'node:path'
import {runCli} from './main.js'

void runCli(process.argv.slice(2), dirname(process.execPath)).then((code) => {
  process.exitCode = code
})
