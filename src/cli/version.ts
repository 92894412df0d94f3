/** proxlb's version, from package.json (inlined into the bundle). */
import pjson from '../../package.json'

export const VERSION: string = pjson.version
