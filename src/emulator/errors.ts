/**
 * Errors as a Proxmox VE API server reports them.
 *
 * A handler throws ApiError; the HTTP layer turns it into the real server's shape: the
 * status line carries the first line of the message as its reason phrase, the body is
 * `{"data":null,"message":"...\n"}` plus `errors` (one sentence per parameter) for 400.
 * Authentication failures (401) and unreachable nodes (595/596) have an empty body, as
 * pveproxy sends them.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
    /** No JSON body: only the status line says what happened (401, 595, 596). */
    readonly bare = false,
  ) {
    super(message)
  }
}

/** 400 `Parameter verification failed.` with a sentence per offending parameter. */
export function parameterError(errors: Record<string, string>): ApiError {
  return new ApiError(400, 'Parameter verification failed.', errors)
}

/** 500, the status of every failure a handler dies with (`VM is locked (backup)` ...). */
export function serverError(message: string): ApiError {
  return new ApiError(500, message)
}

/** 401 as pveproxy answers it: no body, the reason in the status line. */
export function authError(reason: string): ApiError {
  return new ApiError(401, reason, undefined, true)
}

export function permissionError(path: string, privilege: string): ApiError {
  return new ApiError(403, `Permission check failed (${path}, ${privilege})`)
}

/** 595: the contacted node proxies to a node it cannot reach. */
export function unreachableNode(): ApiError {
  return new ApiError(595, 'No route to host', undefined, true)
}

/** The reason phrase of a status line: the first line of the message, printable ASCII only. */
export function reasonPhrase(message: string): string {
  const first = message.split('\n')[0] ?? ''
  return first.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) || 'Error'
}
