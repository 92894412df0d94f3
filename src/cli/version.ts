/** proxlb's version, for commands: see src/model/version.ts. */
export {VERSION} from '../model/version.js'
