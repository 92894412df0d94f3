import {ConfigurationError} from '../../src/config/connection.js'
import {InvalidInputError} from '../../src/model/problems.js'

/** The lines of the InvalidInputError or ConfigurationError `fn` throws; fails when it throws none. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    if (error instanceof InvalidInputError || error instanceof ConfigurationError) return error.lines()
    throw error
  }
  throw new Error('expected an error')
}
