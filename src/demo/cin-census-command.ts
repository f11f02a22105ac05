// `masa demo cin-census`: writes the synthetic return to a file or standard output and says on
// standard error how many breaches it seeded, per rule.

import { type SeededBreach, writeCinCensus, writeCinCensusFile } from './cin-census.ts'

export interface CinCensusDemoOptions {
  children: number
  errorRate: number
  seed: number
  la: string
  out?: string
}

export async function writeCinCensusDemo(options: CinCensusDemoOptions): Promise<SeededBreach[]> {
  const started = performance.now()
  const seeded = options.out
    ? await writeCinCensusFile(options, options.out)
    : await writeCinCensus(options, process.stdout)
  const seconds = (performance.now() - started) / 1000
  const perRule = new Map<string, number>()
  for (const { code } of seeded) perRule.set(code, (perRule.get(code) ?? 0) + 1)
  const rules = [...perRule].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
  process.stderr.write(
    `Wrote ${options.children.toLocaleString('en-GB')} children in ${seconds.toFixed(1)} s with ${seeded.length} seeded breaches` +
      `${rules.length ? `: ${rules.map(([code, n]) => `${code} x${n}`).join(', ')}` : ''}\n`,
  )
  return seeded
}
