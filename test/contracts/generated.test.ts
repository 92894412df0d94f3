/**
 * Generated artefacts must match their sources: the TypeScript types and the precompiled
 * validators in src/model/generated/ match schemas/, and oclif.manifest.json matches the
 * commands.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, test} from 'vitest'
import {ROOT} from '../helpers/cli.js'

describe('generated files are up to date', () => {
  test('types in src/model/generated match the schemas (npm run gen:types)', async () => {
    const {generateTypes} = require(join(ROOT, 'scripts', 'gen-types.js')) as {generateTypes(): Promise<Map<string, string>>}
    const generated = await generateTypes()
    expect(generated.size).toBeGreaterThanOrEqual(3)
    for (const [file, content] of generated) {
      expect(readFileSync(file, 'utf8'), `${relative(ROOT, file)} is stale: run npm run gen:types`).toBe(content)
    }
  })

  test('precompiled validators in src/model/generated match the schemas (npm run gen:types)', () => {
    const {generateValidators} = require(join(ROOT, 'scripts', 'gen-validators.js')) as {generateValidators(): Map<string, string>}
    for (const [file, content] of generateValidators()) {
      expect(readFileSync(file, 'utf8') === content, `${relative(ROOT, file)} is stale: run npm run gen:types`).toBe(true)
    }
  })

  test('oclif.manifest.json matches the commands (npm run gen:manifest)', async () => {
    const {generateManifest} = require(join(ROOT, 'scripts', 'gen-manifest.js')) as {generateManifest(): Promise<string>}
    const manifest = await generateManifest()
    expect(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8'), 'oclif.manifest.json is stale: run npm run gen:manifest').toBe(manifest)
    expect(Object.keys(JSON.parse(manifest).commands)).toContain('plan')
  })

  test('every schema has an $id, a version field and a description on every property', () => {
    const names = readdirSync(join(ROOT, 'schemas')).filter((f) => /\.v\d+\.json$/.test(f)).map((f) => f.replace(/\.json$/, ''))
    expect(names).toEqual(expect.arrayContaining(['snapshot.v1', 'policy.v1', 'plan.v1', 'config.v1', 'scenario.v1', 'journal.v1', 'event.v1', 'error.v1']))
    for (const name of names) {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.json`), 'utf8'))
      expect(schema.$id).toMatch(new RegExp(`${name}\\.json$`))
      // The version key: format (what proxlb writes; the name of the file says which) or apiVersion (the YAML people write).
      if (schema.properties.format) expect(schema.properties.format.const).toBe(`proxlb.${name.replace(/\.v1$/, '')}/v1`)
      else expect(schema.properties.apiVersion).toBeDefined()
      const undocumented: string[] = []
      const visit = (node: any, path: string) => {
        if (node === null || typeof node !== 'object') return
        for (const [key, prop] of Object.entries<any>(node.properties ?? {})) {
          if (!prop.description && !prop.$ref) undocumented.push(`${path}/properties/${key}`)
          visit(prop, `${path}/properties/${key}`)
        }
        for (const [key, def] of Object.entries<any>(node.$defs ?? {})) {
          if (!def.description) undocumented.push(`${path}/$defs/${key}`)
          visit(def, `${path}/$defs/${key}`)
        }
        if (node.items) visit(node.items, `${path}/items`)
      }
      visit(schema, name)
      expect(undocumented).toEqual([])
    }
  })
})
