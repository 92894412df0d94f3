/**
 * The one place commands ask for the time. SOURCE_DATE_EPOCH (seconds), when set, fixes
 * it, so a plan made twice from the same inputs is the same file, byte for byte: what a
 * team reviewing committed plans in CI wants.
 */
export function now(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && /^[0-9]+$/.test(epoch)) return new Date(Number(epoch) * 1000)
  return new Date()
}

/** ISO-8601 UTC without milliseconds: 2026-11-21T10:00:00Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
