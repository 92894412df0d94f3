/**
 * Policy validation results for a terminal or a CI log: one line per file, its errors and
 * warnings below it (each already `file:line:column: message`), a count last.
 */
import {plural} from './format.js'

export interface PolicyValidation {
  file: string
  valid: boolean
  errors: string[]
  warnings: string[]
}

export function renderValidationText(results: PolicyValidation[]): string {
  const lines: string[] = []
  for (const r of results) {
    const state = r.valid ? `valid${r.warnings.length ? `, ${plural(r.warnings.length, 'warning')}` : ''}` : `invalid, ${plural(r.errors.length, 'error')}`
    lines.push(`${r.file}: ${state}`)
    for (const e of r.errors) lines.push(`  error: ${e}`)
    for (const w of r.warnings) lines.push(`  warning: ${w}`)
  }
  const valid = results.filter((r) => r.valid).length
  const warnings = results.reduce((sum, r) => sum + r.warnings.length, 0)
  lines.push(`${plural(results.length, 'policy', 'policies')}: ${valid} valid, ${results.length - valid} invalid, ${plural(warnings, 'warning')}`)
  return lines.join('\n') + '\n'
}
