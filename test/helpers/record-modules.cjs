// Preloaded (node --require) into the compiled CLI by test/cli/startup.test.ts: when the
// process exits, writes the files of every CommonJS module it loaded, one per line, to
// $PROXLB_RECORD_MODULES.
'use strict'
const {writeFileSync} = require('node:fs')

process.on('exit', () => {
  writeFileSync(process.env.PROXLB_RECORD_MODULES, Object.keys(require.cache).join('\n') + '\n')
})
