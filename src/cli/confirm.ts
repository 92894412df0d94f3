/**
 * Asking before anything moves: on a terminal, the question on stderr and a line read
 * from stdin ("yes" or "y" goes on, anything else does not). Where nobody can answer
 * (stdin or stderr not a terminal), callers must have been told --yes. Ctrl-C is a no.
 */
import {createInterface} from 'node:readline'
import {canPrompt} from './prompt.js'

export {canPrompt}

/** `signal`, when it aborts, withdraws the question (no). */
export async function confirm(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr, signal?: AbortSignal): Promise<boolean> {
  const rl = createInterface({input, output, terminal: true})
  signal?.addEventListener('abort', () => rl.close(), {once: true})
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question(question, resolve)
      rl.once('close', () => resolve(''))
      // Ctrl-C at the question is a no.
      rl.once('SIGINT', () => {
        output.write('\n')
        resolve('')
      })
    })
    return /^\s*(y|yes)\s*$/i.test(answer)
  } finally {
    rl.close()
  }
}
