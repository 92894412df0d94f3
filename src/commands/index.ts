/**
 * Every proxlb command, by id: the explicit command list oclif loads (package.json
 * oclif.commands), so the CLI can be bundled into one file.
 */
import Apply from './apply.js'
import Balance from './balance.js'
import Drain from './drain.js'
import Emulate from './emulate.js'
import Help from './help.js'
import Plan from './plan.js'
import PolicyValidate from './policy/validate.js'
import Schema from './schema.js'
import Simulate from './simulate.js'
import Snapshot from './snapshot.js'
import SnapshotDiff from './snapshot/diff.js'

export const COMMANDS = {
  apply: Apply,
  balance: Balance,
  drain: Drain,
  emulate: Emulate,
  help: Help,
  plan: Plan,
  'policy:validate': PolicyValidate,
  schema: Schema,
  simulate: Simulate,
  snapshot: Snapshot,
  'snapshot:diff': SnapshotDiff,
}
