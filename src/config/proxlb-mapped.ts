/**
 * What reading a ProxLB config (the INI of ProxLB 1.0, the YAML of 1.1 and 2.x) has in
 * common: a policy document built setting by setting, each policy path remembering the
 * ProxLB setting it came from (so a problem in the policy names the line to fix), and the
 * step from the mapped settings to the config proxlb runs with. Pure.
 */
import {POLICY_API_VERSION, policyFromValue} from '../model/policy.js'
import type {Path} from '../model/yaml-document.js'
import type {DroppedSetting, LoadedConfig, MappedProxlbConfig} from './types.js'

/** A policy document being filled in from a ProxLB file. */
export class PolicyBuilder {
  readonly document: Record<string, unknown>
  private readonly origins: [Path, string][] = []

  constructor(file: string, name: string) {
    this.document = {apiVersion: POLICY_API_VERSION, kind: 'Policy', name, description: `Mapped from the ProxLB configuration ${file}`}
  }

  /** Sets `path` to `value` (nothing when undefined); `origin` is where the ProxLB file says it: `12: balanciness`. */
  put(path: Path, value: unknown, origin: string): void {
    if (value === undefined) return
    let target = this.document
    for (const part of path.slice(0, -1)) target = (target[part] ??= typeof part === 'number' ? [] : {}) as Record<string, unknown>
    target[path[path.length - 1] as string] = value
    this.origins.push([path, origin])
  }

  /** Appends to the list at `path`. */
  push(path: Path, value: unknown, origin: string): void {
    let target = this.document
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>
    const key = path[path.length - 1] as string
    const list = (target[key] ??= []) as unknown[]
    list.push(value)
    this.origins.push([[...path, list.length - 1], origin])
  }

  /** The ProxLB setting behind a policy path: the longest recorded prefix of it. */
  readonly locate = (path: Path): string => {
    const found = this.origins.filter(([p]) => p.every((part, i) => path[i] === part)).sort((a, b) => b[0].length - a[0].length)[0]
    return found ? found[1] : ''
  }
}

/** The warnings a dropped setting gives when the file is read in place (quiet ones give none). */
export function droppedWarnings(dropped: readonly DroppedSetting[]): string[] {
  return dropped.filter((d) => !d.quiet).map((d) => `${d.where}: ${d.why}`)
}

/** The mapped settings as the config proxlb runs with: the policy compiled, dropped settings warned about. */
export function loadMappedConfig(mapped: MappedProxlbConfig): LoadedConfig {
  const loaded = policyFromValue(mapped.policy, mapped.file, mapped.locatePolicy)
  return {
    file: mapped.file,
    format: mapped.format,
    connection: mapped.connection,
    policy: {inline: loaded, label: mapped.policyLabel},
    service: mapped.service,
    warnings: [...droppedWarnings(mapped.dropped), ...loaded.warnings],
  }
}
