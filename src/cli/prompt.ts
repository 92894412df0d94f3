/**
 * Asking for a password on the terminal, the way ssh and pvesh do: the question on
 * stderr, nothing echoed, Backspace works, Ctrl-C or Ctrl-D cancels. Only where someone
 * can answer: stdin and stderr both terminals.
 */
import {ProxlbError} from '../model/problems.js'

export function canPrompt(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(input.isTTY && output.isTTY)
}

export function promptSecret(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  // Echo off before the question shows: whatever is typed after it must not appear.
  input.setRawMode(true)
  input.setEncoding('utf8')
  input.resume()
  output.write(question)
  return new Promise((resolve, reject) => {
    let secret = ''
    const finish = () => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish()
          return resolve(secret)
        }
        if (char === '\u0003' || (char === '\u0004' && secret === '')) {
          finish()
          return reject(new ProxlbError('no password given (cancelled)'))
        }
        if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1)
        else if (char >= ' ') secret += char
      }
    }
    input.on('data', onData)
  })
}
