/**
 * The common first steps of reading a proxlb JSON file (snapshot, plan): decode, parse
 * strictly, check it is an object of a format version this build reads, validate it
 * against its schema. Every later step can trust the shape; problems carry JSON pointers.
 */
import {InvalidInputError, type Problem, preview, toPointer} from './problems.js'
import {type SchemaName, validateAgainst} from './schemas.js'
import {decodeUtf8, parseJson} from './text.js'

export interface JsonFormat {
  schema: SchemaName
  /** What the file is, for messages: `snapshot`, `plan`. */
  label: string
  /** The version this build reads. */
  version: number
  /** How to get a file this build reads, appended to the refusal of another version. */
  remedy: string
}

/** Reads and validates a JSON document; throws InvalidInputError with every problem found. */
export function readJsonDocument<T>(input: Uint8Array | string, file: string, format: JsonFormat): T {
  const text = typeof input === 'string' ? {ok: true as const, value: input} : decodeUtf8(input, file)
  if (!text.ok) throw new InvalidInputError(text.problems)
  const parsed = parseJson(text.value, file)
  if (!parsed.ok) throw new InvalidInputError(parsed.problems)
  const value = parsed.value
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError([{file, location: '/', message: `expected a ${format.label} (a JSON object), got ${Array.isArray(value) ? 'a list' : preview(value)}`}])
  }
  const versionProblem = checkVersion(value as Record<string, unknown>, file, format)
  if (versionProblem) throw new InvalidInputError([versionProblem])
  const problems = validateAgainst(format.schema, value, file, toPointer)
  if (problems.length > 0) throw new InvalidInputError(problems)
  return value as T
}

function checkVersion(value: Record<string, unknown>, file: string, format: JsonFormat): Problem | undefined {
  const found = value.schemaVersion
  if (found === format.version) return undefined
  if (found === undefined) {
    return {file, location: '/', message: `missing field "schemaVersion": this does not look like a proxlb ${format.label} (expected "schemaVersion": ${format.version})`}
  }
  return {
    file,
    location: '/schemaVersion',
    message: `${format.label} schemaVersion ${preview(found)} is not supported: this build of proxlb reads ${format.label} schemaVersion ${format.version} only; ${format.remedy}`,
  }
}
