/**
 * Files shipped with proxlb: the demo snapshot and the default policy. Inside the single
 * binary they are embedded as SEA assets; from a checkout or an npm install they are read
 * from the package root. Either way the caller gets the same bytes.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

/** Asset keys, which are also their paths relative to the package root. */
export const BUNDLED = {
  demoSnapshot: 'snapshots/demo.json',
  defaultPolicy: 'policies/default.yaml',
} as const

export type BundledAsset = (typeof BUNDLED)[keyof typeof BUNDLED]

interface SeaModule {
  isSea(): boolean
  getAsset(key: string): ArrayBuffer
}

function sea(): SeaModule | undefined {
  try {
    const mod = require('node:sea') as SeaModule
    return mod.isSea() ? mod : undefined
  } catch {
    return undefined
  }
}

/** True when running as the single executable. */
export function isSingleExecutable(): boolean {
  return sea() !== undefined
}

export function readBundled(asset: BundledAsset, packageRoot: string): Uint8Array {
  const embedded = sea()
  if (embedded) return new Uint8Array(embedded.getAsset(asset))
  return readFileSync(join(packageRoot, asset))
}
