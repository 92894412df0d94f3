/**
 * The validators generated ahead of time (src/model/generated/validators.ts) behave exactly
 * as ajv compiling the same schemas at run time: the same verdict and the same errors, with
 * the same parentSchema and data that the error messages are built from, on valid documents
 * and on random corruptions of them. (Whether the generated file matches the schemas as
 * they are now is test/contracts/generated.test.ts's job.)
 */
import {fc, test} from '@fast-check/vitest'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect} from 'vitest'
import {parse} from 'yaml'
import * as generated from '../../src/model/generated/validators.js'
import {ROOT} from '../helpers/cli.js'
import {mutate, mutation} from '../helpers/mutations.js'

interface Validator {
  (value: unknown): boolean
  errors?: unknown[] | null
}

const {configuredAjv, exportName} = require(join(ROOT, 'scripts', 'gen-validators.js')) as {
  configuredAjv(): {compile(schema: object): Validator}
  exportName(file: string): keyof typeof generated
}
const ajv = configuredAjv()

const yamlFile = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'))
const jsonFile = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'))

/** A valid document of each format, rich enough that corruptions reach most of its schema. */
const documents: {schema: string; document: unknown}[] = [
  {schema: 'snapshot.v1.json', document: jsonFile('snapshots/demo.json')},
  {schema: 'policy.v1.json', document: yamlFile('policies/rules.yaml')},
  {schema: 'plan.v1.json', document: jsonFile('test/render/fixtures/plan.json')},
  {schema: 'scenario.v1.json', document: yamlFile('examples/scenarios/black-friday.yaml')},
  {
    schema: 'config.v1.json',
    document: parse(`apiVersion: proxlb/v1
kind: Config
connection: {hosts: [pve1, "[fe80::1]:8006"], tokenId: proxlb@pve!ro, tokenSecretFile: secrets/token, caFile: /etc/proxlb/ca.pem, fingerprints: AA:BB, timeout: 30}
policy: {balance: {method: memory, threshold: 5%}, rules: [{type: apart, guests: [db-*]}]}
service: {daemon: true, interval: 30m}
`),
  },
]

describe.each(documents)('the generated validator of $schema', ({schema, document}) => {
  const standalone = generated[exportName(schema)] as Validator
  const compiled = ajv.compile(jsonFile(`schemas/${schema}`))

  function expectSameVerdict(value: unknown): void {
    const valid = compiled(value)
    expect(standalone(value)).toBe(valid)
    expect(standalone.errors ?? []).toEqual(compiled.errors ?? [])
  }

  test('accepts the valid document, as ajv does', () => {
    expect(standalone(document)).toBe(true)
    expectSameVerdict(document)
  })

  test.prop([fc.array(mutation, {minLength: 1, maxLength: 4})], {numRuns: 150})('reports the errors ajv reports on corruptions, verbose fields included', (ms) => {
    expectSameVerdict(ms.reduce<unknown>((d, m) => mutate(d, m), document))
  })
})
