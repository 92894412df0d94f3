/**
 * Usage history (`.../rrddata`) as PVE's round-robin databases return it: 70 points per
 * timeframe at the RRA's resolution (hour: 1 min, day: 30 min, week: 3 h, month: 12 h,
 * year: 1 week), newest last.
 *
 * The series are deterministic and plausible: each value swings around the snapshot's
 * figure in whole sine periods, so the mean over the window equals the snapshot value
 * exactly. That lets a collector's `--cpu-window` averaging be tested against a known
 * answer. MAX consolidation reports the upper envelope instead.
 */

export type Timeframe = 'hour' | 'day' | 'week' | 'month' | 'year' | 'decade'

const STEP: Record<Timeframe, number> = {hour: 60, day: 1800, week: 10800, month: 43200, year: 604800, decade: 6048000}
export const RRD_POINTS = 70

export interface SeriesSpec {
  /** Mean of the series. */
  mean: number
  /** Upper bound of any value (a fraction's 1, a node's memory). */
  max: number
  /** Seeds the phase, so two guests do not swing in step. */
  seed: number
}

/** One series of RRD_POINTS values whose mean is spec.mean (AVERAGE) or its upper envelope (MAX). */
export function series(spec: SeriesSpec, cf: 'AVERAGE' | 'MAX'): number[] {
  const {mean, max, seed} = spec
  if (mean <= 0) return new Array(RRD_POINTS).fill(0)
  // Amplitude as a fraction of the mean, kept so no value leaves [0, max].
  const amplitude = Math.min(0.35, (max - mean) / mean, 1)
  const phase = (seed % 97) / 97 * 2 * Math.PI
  const cycles = 1 + (seed % 3)
  const values: number[] = []
  for (let i = 0; i < RRD_POINTS; i++) {
    const wave = Math.sin((2 * Math.PI * cycles * i) / RRD_POINTS + phase)
    values.push(cf === 'MAX' ? mean * (1 + amplitude * Math.abs(wave)) : mean * (1 + amplitude * wave))
  }
  if (cf === 'AVERAGE') {
    // The sine sums to zero over whole periods; remove floating-point residue too.
    const drift = values.reduce((s, v) => s + v, 0) / RRD_POINTS - mean
    for (let i = 0; i < values.length; i++) values[i] = Math.max(0, values[i] - drift)
  }
  return values
}

/** Timestamps of the RRD_POINTS rows ending at the last full step before `nowSeconds`. */
export function timestamps(timeframe: Timeframe, nowSeconds: number): number[] {
  const step = STEP[timeframe]
  const last = Math.floor(nowSeconds / step) * step
  return Array.from({length: RRD_POINTS}, (_, i) => last - (RRD_POINTS - 1 - i) * step)
}
