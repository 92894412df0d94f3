/**
 * Every proxlb command, by id: the explicit command list oclif loads (package.json
 * oclif.commands), so the CLI can be bundled into one file.
 */
import Emulate from './emulate.js'
import Help from './help.js'
import Plan from './plan.js'
import Snapshot from './snapshot.js'

export const COMMANDS = {
  emulate: Emulate,
  help: Help,
  plan: Plan,
  snapshot: Snapshot,
}
