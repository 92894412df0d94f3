/**
 * Where proxlb keeps what must outlive a run: drain records (the drain's
 * plan and journal, read by `drain --restore`) and the balance service's plans and
 * journals. $PROXLB_STATE_DIR if set; else /var/lib/proxlb for root (the service); else
 * $XDG_STATE_HOME/proxlb, else ~/.local/state/proxlb. Created on first use, mode 0700.
 */
import {mkdirSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {ProxlbError} from '../model/problems.js'

/** The state folder's path, whether or not it exists yet. */
export function stateDirPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PROXLB_STATE_DIR?.trim() || (process.getuid?.() === 0 ? '/var/lib/proxlb' : join(env.XDG_STATE_HOME?.trim() || join(homedir(), '.local', 'state'), 'proxlb'))
}

/** The state folder, created if need be. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = stateDirPath(env)
  try {
    mkdirSync(dir, {recursive: true, mode: 0o700})
  } catch (error) {
    throw new ProxlbError(`cannot create the state folder ${dir}: ${(error as Error).message} (set PROXLB_STATE_DIR to a folder proxlb may write)`)
  }
  return dir
}

/** A name safe in a file name, from a cluster or node name. */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_') || '_'
}
