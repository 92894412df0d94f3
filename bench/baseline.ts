/**
 * Another revision of proxlb, built beside this checkout for before/after figures measured
 * in the same run: a `git archive` of the revision in a temporary directory, with this
 * checkout's node_modules, built by the revision's own npm script.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const ROOT = join(__dirname, '..')

/** `rev` built with `npm run SCRIPT` in a temporary directory that `cleanUp` removes. */
export function builtRevision(rev: string, script: string): {dir: string; cleanUp(): void} {
  const dir = mkdtempSync(join(tmpdir(), 'proxlb-baseline-'))
  const cleanUp = () => rmSync(dir, {recursive: true, force: true})
  const archive = spawnSync('sh', ['-c', `git -C "${ROOT}" archive "${rev}" | tar -x -C "${dir}"`], {stdio: 'inherit'})
  if (archive.status !== 0) throw (cleanUp(), new Error(`git archive ${rev} failed`))
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  const built = spawnSync('npm', ['run', '--silent', script], {cwd: dir, stdio: 'inherit'})
  if (built.status !== 0) throw (cleanUp(), new Error(`building the baseline ${rev} (npm run ${script}) failed`))
  return {dir, cleanUp}
}
