/**
 * `npm run bench`: runs every benchmark, or those named on the command line
 * (`npm run bench -- planner`). Each benchmark is a module in this folder exporting
 * `run(): Promise<void>` that prints its own table; figures worth keeping go into
 * BENCHMARKS.md together with the command that produced them.
 */
import {cpus} from 'node:os'

const BENCHMARKS: Record<string, () => Promise<{run(): Promise<void>}>> = {
  apply: () => import('./apply.js'),
  startup: () => import('./startup.js'),
  snapshot: () => import('./snapshot.js'),
  simulate: () => import('./simulate.js'),
  emulator: () => import('./emulator.js'),
  planner: () => import('./planner.js'),
  load: () => import('./load.js'),
  calm: () => import('./calm.js'),
  storage: () => import('./storage.js'),
  'last-tries': () => import('./last-tries.js'),
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'))
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS)
  const unknown = names.filter((n) => !BENCHMARKS[n])
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(BENCHMARKS).join(', ') || 'none'}`)
    process.exit(1)
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`)
  for (const name of names) {
    console.log(`\n== ${name}`)
    const mod = await BENCHMARKS[name]()
    await mod.run()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
