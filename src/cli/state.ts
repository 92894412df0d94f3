/** The state folder, for commands: see src/apply/state-folder.ts. */
export {fileSafe, stateDir, stateDirPath} from '../apply/state-folder.js'
