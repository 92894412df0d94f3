/**
 * The main script of the single executable (dist/proxlb), and only of it: it compiles the
 * bundled CLI (sea-entry.ts and everything it imports, one file made by
 * scripts/build-binary.js) with a warm V8 code cache, then runs it.
 *
 * Node can cache the code of a SEA's main script itself, but it makes that cache before the
 * script ever ran: it holds what V8 compiles eagerly and none of the functions V8 compiles
 * on their first call, so every start compiled the YAML parser, the validators, the planner
 * and the views again (~20 ms of a `proxlb plan`). So the bundle is an asset instead, and
 * its cache was recorded by the build after the bundle ran `proxlb plan` once: it holds the
 * functions a run actually needs. When V8 refuses the cache (another V8, other V8 flags in
 * NODE_OPTIONS) the bundle is compiled from source, as fast as without any cache; with
 * PROXLB_DEBUG set, that is reported on stderr.
 *
 * Like any SEA main script it must stay a plain CommonJS script that runs unconditionally
 * (no `require.main === module`), and its `require` reaches Node's built-in modules only,
 * which is all the bundle requires. Outside a SEA (the build's recording run) it only
 * exports its functions.
 */
import {getAsset, getRawAsset, isSea} from 'node:sea'
import {dirname, join} from 'node:path'
import {Script} from 'node:vm'

/** SEA asset keys: the bundle, wrapped as a CommonJS module function, and its code cache. */
export const BUNDLE_ASSET = 'proxlb.js'
export const CODE_CACHE_ASSET = 'proxlb.codecache'

/** Compiles the wrapped bundle; `cachedData` is a cache V8 made for the same source. */
export function compileBundle(wrappedSource: string, cachedData?: Buffer): Script {
  return new Script(wrappedSource, {filename: BUNDLE_ASSET, ...(cachedData && cachedData.length > 0 ? {cachedData} : {})})
}

/** Runs the bundle compiled by compileBundle: it starts the CLI with process.argv. */
export function runBundle(script: Script, nodeRequire: NodeJS.Require, directory: string): void {
  const module = {exports: {}}
  script.runInThisContext()(module.exports, nodeRequire, module, join(directory, BUNDLE_ASSET), directory)
}

if (isSea()) {
  const cache = Buffer.from(getRawAsset(CODE_CACHE_ASSET) as ArrayBuffer)
  const script = compileBundle(getAsset(BUNDLE_ASSET, 'utf8'), cache)
  if (script.cachedDataRejected && process.env.PROXLB_DEBUG) process.stderr.write('proxlb: V8 refused the code cache; the bundle was compiled from source\n')
  runBundle(script, require, dirname(process.execPath))
}
