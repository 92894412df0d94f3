/** proxlb's version, from package.json (inlined into the bundle). For every edge that names the tool: the CLI, the web page, journals. */
import pjson from '../../package.json'

export const VERSION: string = pjson.version
