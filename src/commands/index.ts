/**
 * Every proxlb command, by id, with the function that loads its module: the command list
 * src/cli/main.ts hands oclif (package.json oclif.commands names it), so the CLI can be
 * bundled into one file.
 *
 * Start-up pays only for the command that runs. Help, the command list and `--version`
 * come from oclif.manifest.json, which main.ts embeds; a command's module, and everything
 * it imports, is required only when that command runs. To add a command: one line below
 * (the `require` path must be a literal, for the bundler, and is type-checked through the
 * `typeof import`), then `npm run gen:manifest`; a test fails while the manifest is stale.
 *
 * The same pattern keeps a command light when part of its work is optional: a module that
 * only some runs need (the cluster client and undici when a host is given, the emulator,
 * a view for one --format) is required inside the function that uses it:
 *
 *     const {collectSnapshot} = require('../proxmox/collector.js') as typeof import('../proxmox/collector.js')
 *
 * Only in src/commands and src/cli: vitest runs the sources as ES modules, whose `require`
 * cannot load a .ts file, and tests reach these two folders only through the compiled CLI
 * (test/helpers/cli.ts). Modules that tests import keep their imports at the top.
 *
 * Import oclif by its parts (`@oclif/core/flags`, `/args`, `/command`, `/help`), not
 * `@oclif/core`, whose index loads all of oclif and semver for a Node version check.
 * test/cli/startup.test.ts fails when a command loads what it should not.
 */
import type {Command} from '@oclif/core/command'

export const COMMANDS: Record<string, () => Command.Class> = {
  apply: () => (require('./apply.js') as typeof import('./apply.js')).default,
  balance: () => (require('./balance.js') as typeof import('./balance.js')).default,
  completion: () => (require('./completion.js') as typeof import('./completion.js')).default,
  'config:convert': () => (require('./config/convert.js') as typeof import('./config/convert.js')).default,
  drain: () => (require('./drain.js') as typeof import('./drain.js')).default,
  emulate: () => (require('./emulate.js') as typeof import('./emulate.js')).default,
  help: () => (require('./help.js') as typeof import('./help.js')).default,
  plan: () => (require('./plan.js') as typeof import('./plan.js')).default,
  'policy:validate': () => (require('./policy/validate.js') as typeof import('./policy/validate.js')).default,
  schema: () => (require('./schema.js') as typeof import('./schema.js')).default,
  serve: () => (require('./serve.js') as typeof import('./serve.js')).default,
  show: () => (require('./show.js') as typeof import('./show.js')).default,
  simulate: () => (require('./simulate.js') as typeof import('./simulate.js')).default,
  snapshot: () => (require('./snapshot.js') as typeof import('./snapshot.js')).default,
  'snapshot:diff': () => (require('./snapshot/diff.js') as typeof import('./snapshot/diff.js')).default,
}
