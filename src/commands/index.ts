/**
 * Every proxlb command, by id: the explicit command list oclif loads (package.json
 * oclif.commands), so the CLI can be bundled into one file.
 */
import Help from './help.js'
import Plan from './plan.js'
import Simulate from './simulate.js'

export const COMMANDS = {
  help: Help,
  plan: Plan,
  simulate: Simulate,
}
