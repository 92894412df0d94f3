/**
 * The common first steps of reading a proxlb JSON file (snapshot, plan): decode, parse
 * strictly, check it is an object of the format this build reads (`"format":
 * "proxlb.plan/v1"`, or the `"schemaVersion": 1` of files from earlier builds, read as
 * the same), validate it against its schema. Another proxlb file in its place (a plan
 * given as a snapshot) is said in one sentence, not as schema errors. Every later step
 * can trust the shape; problems carry JSON pointers.
 */
import {type DocumentKind, documentKind, FORMATS, legacyFormat, textKind, wrongKindSentence} from './formats.js'
import {InvalidInputError, type Problem, preview, toPointer} from './problems.js'
import {type SchemaName, validateAgainst} from './schemas.js'
import {decodeUtf8, parseJson} from './text.js'

export interface JsonFormat {
  schema: SchemaName & keyof typeof FORMATS
  /** What the file is, for messages: `snapshot`, `plan`. */
  label: string
  /** How to get a file this build reads, appended to the refusal of another version. */
  remedy: string
  /** What to do when another kind of file was given, appended to the sentence saying so. */
  expected: string
}

/** Reads and validates a JSON document; throws InvalidInputError with every problem found. */
export function readJsonDocument<T>(input: Uint8Array | string, file: string, format: JsonFormat): T {
  const text = typeof input === 'string' ? {ok: true as const, value: input} : decodeUtf8(input, file)
  if (!text.ok) throw new InvalidInputError(text.problems)
  const parsed = parseJson(text.value, file)
  if (!parsed.ok) {
    const found = textKind(text.value) ?? firstLineKind(text.value)
    if (found) throw new InvalidInputError([{file, location: '', message: `this is ${found.description}, not a ${format.label}: ${format.expected}`}])
    throw new InvalidInputError(parsed.problems)
  }
  const value = parsed.value
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError([{file, location: '/', message: `expected a ${format.label} (a JSON object), got ${Array.isArray(value) ? 'a list' : preview(value)}`}])
  }
  const current = withFormatKey(value as Record<string, unknown>, format.schema)
  const versionProblem = checkFormat(current, file, format)
  if (versionProblem) throw new InvalidInputError([versionProblem])
  const problems = validateAgainst(format.schema, current, file, toPointer)
  if (problems.length > 0) throw new InvalidInputError(problems)
  return current as T
}

/** What the first line of JSON lines (a journal, an event stream) is, when it is a proxlb document. */
function firstLineKind(text: string): DocumentKind | undefined {
  const newline = text.indexOf('\n')
  if (newline < 0 || newline > 1024 * 1024) return undefined
  try {
    const found = documentKind(JSON.parse(text.slice(0, newline)))
    return found.kind ? {kind: found.kind, description: `${found.description.replace(/^a proxlb run event/, 'a proxlb run event stream')}, one JSON object per line`} : undefined
  } catch {
    return undefined
  }
}

/**
 * A document of an earlier build (`"schemaVersion": 1`) as this build writes it (`"format":
 * "proxlb.<name>/v1"` first, the rest as it was); any other document as it is.
 */
export function withFormatKey(value: Record<string, unknown>, name: keyof typeof FORMATS): Record<string, unknown> {
  if (value.format !== undefined || value.schemaVersion !== 1 || legacyFormat(value) !== name) return value
  const {schemaVersion: _old, ...rest} = value
  return {format: FORMATS[name], ...rest}
}

function checkFormat(value: Record<string, unknown>, file: string, format: JsonFormat): Problem | undefined {
  const expected = FORMATS[format.schema]
  const found = value.format
  if (found === expected) return undefined
  const wrong = wrongKindSentence(value, format.label, format.expected)
  if (wrong) return {file, location: '', message: wrong}
  if (found === undefined) {
    return {file, location: '/', message: `missing field "format": this does not look like a proxlb ${format.label} (it is ${documentKind(value).description}; expected "format": "${expected}")`}
  }
  return {
    file,
    location: '/format',
    message: `${format.label} format ${preview(found)} is not supported: this build of proxlb reads ${expected} only; ${format.remedy}`,
  }
}
