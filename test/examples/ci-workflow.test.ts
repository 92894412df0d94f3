/**
 * The examples users copy: scenario files load and simulate on the demo cluster, and the
 * GitHub Actions workflow in examples/ci/ is valid YAML whose proxlb commands use only
 * real commands and flags, and whose review step, run as a shell script against a small
 * repository of snapshots, policies and scenarios, writes the pull-request comment.
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {parse} from 'yaml'
import {readScenario} from '../../src/model/scenario.js'
import {ROOT, proxlb} from '../helpers/cli.js'

const workflow = parse(readFileSync(join(ROOT, 'examples', 'ci', 'proxlb-review.yml'), 'utf8'))
const steps: {name: string; run?: string; uses?: string; if?: string}[] = workflow.jobs.review.steps
const manifest = JSON.parse(readFileSync(join(ROOT, 'oclif.manifest.json'), 'utf8')).commands as Record<string, {flags: Record<string, {char?: string}>}>
const scenarios = readdirSync(join(ROOT, 'examples', 'scenarios')).filter((f) => f.endsWith('.yaml')).sort()

describe('example scenarios', () => {
  test.each(scenarios)('examples/scenarios/%s loads, points editors at the schema and simulates the demo', (file) => {
    const path = join('examples', 'scenarios', file)
    const text = readFileSync(join(ROOT, path), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/scenario.v1.json')
    expect(readScenario(text, path).changes.length).toBeGreaterThan(0)
    const r = proxlb(['simulate', '--scenario', path, '--json'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})

describe('examples/ci/proxlb-review.yml', () => {
  test('runs on pull requests touching policies/ or snapshots/ and may comment', () => {
    expect(workflow.on.pull_request.paths).toEqual(expect.arrayContaining(['policies/**', 'snapshots/**']))
    expect(workflow.permissions).toMatchObject({'pull-requests': 'write'})
  })

  test('builds the binary (npm ci && npm run binary) or downloads a released one', () => {
    const scripts = steps.map((s) => s.run ?? '').join('\n')
    expect(scripts).toContain('npm ci')
    expect(scripts).toContain('npm run binary')
    expect(scripts).toMatch(/curl .*"\$PROXLB_DOWNLOAD_URL"/)
    expect(steps.some((s) => s.uses?.startsWith('actions/github-script@'))).toBe(true)
  })

  test('every proxlb command and flag it uses exists', () => {
    const invocations = steps
      .flatMap((s) => (s.run ?? '').split('\n'))
      .flatMap((line) => [...line.matchAll(/(?:^\s*|if (?:! )?)proxlb ((?:[a-z]+ )*[a-z]+)\b([^|>;&]*)/g)])
    expect(invocations.length).toBeGreaterThanOrEqual(4)
    for (const [, words, rest] of invocations) {
      const parts = words.split(' ')
      const id = parts.map((_, i) => parts.slice(0, i + 1).join(':')).filter((candidate) => manifest[candidate]).at(-1)
      expect(id, `proxlb ${words}`).toBeDefined()
      for (const [, flag] of rest.matchAll(/--([a-z-]+)/g)) expect(Object.keys(manifest[id!].flags), `proxlb ${words} --${flag}`).toContain(flag)
    }
    expect(invocations.map(([, words]) => words.split(' ').slice(0, 2).join(' '))).toEqual(expect.arrayContaining(['plan', 'simulate', 'policy validate']))
  })

  test('its review step writes the comment for every snapshot, with plan, simulate and scenarios', () => {
    const script = steps.find((s) => s.name === 'Plan and simulate every snapshot')!.run!
    const repo = mkdtempSync(join(tmpdir(), 'proxlb-ci-'))
    for (const dir of ['snapshots', 'policies', 'scenarios', 'bin']) mkdirSync(join(repo, dir))
    copyFileSync(join(ROOT, 'snapshots', 'demo.json'), join(repo, 'snapshots', 'demo.json'))
    copyFileSync(join(ROOT, 'policies', 'default.yaml'), join(repo, 'policies', 'default.yaml'))
    copyFileSync(join(ROOT, 'examples', 'scenarios', 'lose-pve1.yaml'), join(repo, 'scenarios', 'lose-pve1.yaml'))
    writeFileSync(join(repo, 'bin', 'proxlb'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'run.js')}" "$@"\n`)
    chmodSync(join(repo, 'bin', 'proxlb'), 0o755)
    const run = () => {
      const output = join(repo, 'github-output')
      writeFileSync(output, '')
      const r = spawnSync('bash', ['-c', script], {cwd: repo, encoding: 'utf8', env: {...process.env, PATH: `${join(repo, 'bin')}:${process.env.PATH}`, PROXLB_POLICY: 'policies/default.yaml', GITHUB_OUTPUT: output, NO_COLOR: '1'}})
      return {...r, output: readFileSync(output, 'utf8'), comment: readFileSync(join(repo, 'proxlb-review.md'), 'utf8')}
    }
    const ok = run()
    expect(ok.status, ok.stderr).toBe(0)
    expect(ok.output).toBe('status=0\n')
    expect(ok.comment.split('\n')[0]).toBe('<!-- proxlb-review -->')
    expect(ok.comment).toContain('## `snapshots/demo.json` with `policies/default.yaml`')
    expect(ok.comment).toContain('### 🔀 proxlb plan: demo')
    expect(ok.comment).toContain('### ⚠️ proxlb simulate: demo\n')
    expect(ok.comment).toContain('### ⚠️ proxlb simulate: demo — lose pve1')

    writeFileSync(join(repo, 'policies', 'broken.yaml'), 'apiVersion: proxlb/v1\nbalance: {method: memroy}\n')
    const failed = run()
    expect(failed.output).toBe('status=1\n')
    expect(failed.comment).toContain('policies/broken.yaml:2:19: balance.method: expected one of memory, cpu, disk, weighted')
    // Said in the open, not folded away where a reviewer misses it.
    expect(failed.comment).toContain('### ❌ policy validate: a policy is invalid\n\n```\n')
    expect(failed.comment).not.toMatch(/<details><summary>policy validate[^]*broken\.yaml[^]*<\/details>/)
    expect(ok.comment).toContain('<details><summary>policy validate: every policy is valid</summary>')
  })
})
