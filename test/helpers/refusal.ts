/** What loader tests share: the lines a loader refuses its input with. */
import {InvalidInputError} from '../../src/model/problems.js'

/** The lines a loader refuses the input with (fails the test if it accepts it). */
export function refusal(load: () => unknown): string[] {
  try {
    load()
  } catch (error) {
    if (error instanceof InvalidInputError) return error.lines()
    throw error
  }
  throw new Error('the input was accepted')
}
