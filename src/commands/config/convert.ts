import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {dirname, relative, resolve} from 'node:path'
import {ProxlbCommand} from '../../cli/base-command.js'
import {INPUT_LIMITS, readInputFile, writeFileAtomic} from '../../cli/files.js'
import {convertProxlbConfig} from '../../config/convert.js'
import {decodeUtf8} from '../../model/text.js'
import {FORMATS} from '../../model/formats.js'
import {InvalidInputError} from '../../model/problems.js'

export default class ConfigConvert extends ProxlbCommand {
  static override summary = "Convert a ProxLB config (YAML of 1.1/2.x, or the INI) into a proxlb config and policy."

  static override description = `Reads ProxLB's configuration file, the YAML of ProxLB 1.1 and 2.x (proxmox_api, proxmox_cluster, balancing, service) or the INI of ProxLB 1.0, and writes the same settings as a proxlb config (connection, service) and policy (balancing method, mode, balanciness, maintenance and ignored nodes, pool rules, parallel migrations, reserves). Each setting that does not carry over gets one line on stderr saying why. proxlb balance -c reads the ProxLB file in place too; converting gives files to review and keep.

Without --out-config the config is printed on stdout; without --out-policy the policy is written inside it. A config holding a password or token secret is written readable by its owner only.`

  static override examples = [
    {description: 'Look at what a ProxLB config becomes', command: '<%= config.bin %> config convert /etc/proxlb/proxlb.yaml'},
    {description: 'Write the config and the policy, the config naming the policy', command: '<%= config.bin %> config convert /etc/proxlb/proxlb.yaml --out-config /etc/proxlb/proxlb.conf --out-policy /etc/proxlb/policy.yaml'},
  ]

  static override args = {
    file: Args.string({description: 'The ProxLB config: YAML (ProxLB 1.1, 2.x) or INI (ProxLB 1.0).', required: true}),
  }

  static override flags = {
    'out-config': Flags.string({char: 'o', summary: 'Write the proxlb config to FILE (atomically) instead of stdout.', helpValue: 'FILE'}),
    'out-policy': Flags.string({summary: 'Write the policy to FILE (atomically); the config then names it.', helpValue: 'FILE'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ConfigConvert)
    const decoded = decodeUtf8(readInputFile(args.file, 'ProxLB config', INPUT_LIMITS.text), args.file)
    if (!decoded.ok) throw new InvalidInputError(decoded.problems)
    const outConfig = flags['out-config']
    const outPolicy = flags['out-policy']
    const policyPath = outPolicy === undefined ? undefined : outConfig === undefined ? resolve(outPolicy) : relative(dirname(resolve(outConfig)), resolve(outPolicy))
    const conversion = convertProxlbConfig(decoded.value, args.file, policyPath)

    if (!flags.json) for (const line of conversion.notCarried) process.stderr.write(`not carried over: ${line}\n`)
    if (outPolicy) writeFileAtomic(outPolicy, conversion.policy)
    if (outConfig) {
      // A secret in the config: the new file is its owner's alone from its first byte.
      const umask = conversion.holdsSecret ? process.umask(0o077) : undefined
      try {
        writeFileAtomic(outConfig, conversion.config)
      } finally {
        if (umask !== undefined) process.umask(umask)
      }
    } else if (!flags.json) this.out(conversion.config)
    const written = [outConfig && `config ${outConfig}`, outPolicy && `policy ${outPolicy}`].filter(Boolean).join(', ')
    const kind = conversion.format === 'proxlb-ini' ? 'ProxLB INI' : 'ProxLB YAML'
    if (flags.json) {
      // The config text only when no file took it: a secret it holds is not copied to stdout twice.
      return this.outJson({format: FORMATS.conversion, file: args.file, from: conversion.format, notCarried: conversion.notCarried, holdsSecret: conversion.holdsSecret, written: {...(outConfig ? {config: outConfig} : {}), ...(outPolicy ? {policy: outPolicy} : {})}, ...(outConfig ? {} : {config: conversion.config})})
    }
    process.stderr.write(`converted ${args.file} (${kind})${written ? ` into ${written}` : ''}: ${conversion.notCarried.length} setting${conversion.notCarried.length === 1 ? '' : 's'} not carried over${conversion.holdsSecret ? '; the config holds a secret: prefer tokenSecretFile, or the service\'s LoadCredential (see the README)' : ''}\n`)
  }
}
