/**
 * `--format html` pages rendered by headless Chromium: the screenshot must show one bar
 * per node and series, in the series' colour, as long as the utilisation says (4 px per
 * percentage point), in node order. The pages must be self-contained (no script, no
 * link, nothing fetched). Chromium comes from Debian's `chromium` package, which .ci/run
 * installs; on a machine without it the rendering tests are skipped with a message,
 * except in CI, where they fail.
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {beforeAll, describe, expect, test} from 'vitest'
import {CHART, COLOURS} from '../../src/render/html.js'
import {snapshot} from '../helpers/builders.js'
import {proxlb, ROOT} from '../helpers/cli.js'
import {decodePng, type Image} from '../helpers/png.js'

const chromium = ['chromium', 'chromium-browser'].find((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0)
if (!chromium && !process.env.CI) console.warn('skipping the HTML rendering tests: chromium is not installed (apt-get install chromium; .ci/run installs it)')

let dir: string
let snapshotFile: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'proxlb-html-'))
  snapshotFile = join(dir, 'cluster.json')
  // Three nodes of 64 GiB at 75%, 50% and 12.5% memory use.
  const s = snapshot(
    [{name: 'n1'}, {name: 'n2'}, {name: 'n3'}],
    [
      {vmid: 100, node: 'n1', memory: 24},
      {vmid: 101, node: 'n1', memory: 16},
      {vmid: 102, node: 'n1', memory: 8},
      {vmid: 200, node: 'n2', memory: 32},
      {vmid: 300, node: 'n3', memory: 8},
    ],
  )
  writeFileSync(snapshotFile, JSON.stringify(s))
})

function screenshot(html: string, name: string, width = 1000): Image {
  const page = join(dir, `${name}.html`)
  const png = join(dir, `${name}.png`)
  writeFileSync(page, html)
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--force-device-scale-factor=1', `--user-data-dir=${mkdtempSync(join(dir, 'profile-'))}`, `--screenshot=${png}`, `--window-size=${width},1600`, `file://${page}`]
  const run = spawnSync(chromium!, flags, {encoding: 'utf8', timeout: 60_000})
  expect(run.status, run.stderr).toBe(0)
  return decodePng(readFileSync(png))
}

interface Band {
  top: number
  height: number
  left: number
  width: number
}

/** Horizontal runs of one colour, merged over consecutive rows with the same extent: the bars. */
function bands(image: Image, hex: string): Band[] {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
  const matches = (x: number, y: number) => {
    const i = (y * image.width + x) * 4
    return Math.abs(image.rgba[i] - r) <= 3 && Math.abs(image.rgba[i + 1] - g) <= 3 && Math.abs(image.rgba[i + 2] - b) <= 3
  }
  const found: Band[] = []
  for (let y = 0; y < image.height; y++) {
    let x = 0
    while (x < image.width) {
      if (!matches(x, y)) {
        x++
        continue
      }
      const left = x
      while (x < image.width && matches(x, y)) x++
      const width = x - left
      const open = found.find((band) => band.left === left && band.width === width && band.top + band.height === y)
      if (open) open.height++
      else found.push({top: y, height: 1, left, width})
    }
  }
  return found.filter((band) => band.height >= 3).sort((a, b) => a.top - b.top)
}

describe('HTML pages as written', () => {
  test('plan: the migrations are a table in the open (printed too), with plurals as the counts say', () => {
    const html = proxlb(['plan', snapshotFile, '--format', 'html']).stdout
    const plan = JSON.parse(proxlb(['plan', snapshotFile, '--json']).stdout)
    expect(plan.summary.moves).toBe(1)
    expect(html).not.toContain('<details')
    expect(html).not.toMatch(/\(s\)/)
    expect(html).toContain('<h2>1 migration in 1 wave</h2>')
    expect(html).toContain('<td>1 in 1 wave, ')
    expect(html).toMatch(/@media print\{[^}]*\}/)
    expect(html).toMatch(/<svg [^>]*class="chart" viewBox="0 0 \d+ \d+"/)
  })

  test('simulate --compare-policy: policies that balance different things are said not to compare', () => {
    const cpu = join(dir, 'cpu.yaml')
    writeFileSync(cpu, 'apiVersion: proxlb/v1\nkind: Policy\nbalance: {method: cpu}\n')
    for (const format of ['html', 'markdown', 'text']) {
      const out = proxlb(['simulate', snapshotFile, '--compare-policy', cpu, '--format', format]).stdout
      expect(out, format).toContain('the policies balance different things (memory (used), CPU (used))')
    }
    const same = proxlb(['simulate', snapshotFile, '--compare-policy', join(ROOT, 'policies', 'memory.yaml'), '--policy', join(ROOT, 'policies', 'memory.yaml')]).stdout
    expect(same).not.toContain('balance different things')
  })
})

describe.skipIf(!chromium && !process.env.CI)('HTML pages in headless Chromium', () => {
  test('chromium is installed (CI installs it in .ci/run)', () => {
    expect(chromium).toBeDefined()
  })

  test('plan --format html: one before and one after bar per node, as long as its utilisation', () => {
    const html = proxlb(['plan', snapshotFile, '--format', 'html'])
    expect(html.status).toBe(0)
    expect(html.stdout).not.toMatch(/<script|<link|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
    const plan = JSON.parse(proxlb(['plan', snapshotFile, '--json']).stdout)
    expect(plan.nodes.map((n: {before: {utilisation: number}}) => n.before.utilisation)).toEqual([75, 50, 12.5])

    const image = screenshot(html.stdout, 'plan')
    expect([image.width, image.height]).toEqual([1000, 1600])
    for (const [series, key] of [['now', 'before'], ['after', 'after']] as const) {
      const bars = bands(image, COLOURS[series]).filter((b) => b.height === CHART.bar)
      const expected = plan.nodes.map((n: Record<string, {utilisation: number}>) => Math.round(n[key].utilisation * CHART.scale))
      expect(bars.map((b) => b.width), `${series} bars`).toEqual(expected)
      expect(new Set(bars.map((b) => b.left)).size).toBe(1)
    }
  })

  test('simulate --format html: now, what-if and after-plan bars; a failed node has none after', () => {
    const html = proxlb(['simulate', snapshotFile, '--fail', 'n3', '--format', 'html'])
    expect(html.status).toBe(0)
    const sim = JSON.parse(proxlb(['simulate', snapshotFile, '--fail', 'n3', '--json']).stdout)
    const image = screenshot(html.stdout, 'simulate')
    const widths = (series: 'now' | 'changed' | 'after') => bands(image, COLOURS[series]).filter((b) => b.height === CHART.bar).map((b) => b.width)
    const expected = (series: 'now' | 'changed' | 'after') =>
      sim.nodes.map((n: Record<string, {utilisation: number}>) => Math.round(n[series].utilisation * CHART.scale)).filter((w: number) => w > 0)
    expect(widths('now')).toEqual([300, 200, 50])
    expect(widths('changed')).toEqual(expected('changed'))
    expect(widths('after')).toEqual(expected('after'))
    expect(widths('after')).toHaveLength(2)
  })

  test('a narrow screen scales the chart down whole instead of cutting it', () => {
    const html = proxlb(['plan', snapshotFile, '--format', 'html'])
    const plan = JSON.parse(proxlb(['plan', snapshotFile, '--json']).stdout)
    const image = screenshot(html.stdout, 'narrow', 420)
    const bars = bands(image, COLOURS.now).filter((b) => b.height >= CHART.bar / 2 && b.width > 12) // not the legend
    expect(bars).toHaveLength(plan.nodes.length)
    // Every bar, and the chart's right end, inside the window; lengths still in proportion.
    const ratio = bars[0].width / Math.round(plan.nodes[0].before.utilisation * CHART.scale)
    expect(ratio).toBeLessThan(0.75)
    bars.forEach((b, i) => expect(Math.abs(b.width - plan.nodes[i].before.utilisation * CHART.scale * ratio)).toBeLessThanOrEqual(2))
    expect(Math.max(...bars.map((b) => b.left + b.width))).toBeLessThan(420)
    const track = bands(image, '#f3f4f6')
    expect(Math.max(...track.map((b) => b.left + b.width))).toBeLessThanOrEqual(420)
  })
})
