// CIN census validator throughput: writes synthetic returns of 10,000, 100,000 and 700,000
// children (an England-sized return) to /tmp, then validates each in a fresh Node process and
// prints seconds, children/s and that process's peak RSS. Medians over the runs.
//
//   node --import tsx bench/cin-census.ts [--sizes 10000,100000,700000] [--runs 3] [--error-rate 0.05]
//
// The file is written once per size; each run validates it in its own process (so one size's
// peak memory does not carry into the next).

import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { validateCensus } from '../src/cin-census/index.ts'
import { writeCinCensusFile } from '../src/demo/cin-census.ts'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,700000' },
    runs: { type: 'string', default: '3' },
    'error-rate': { type: 'string', default: '0.05' },
    // Internal: validate one file in this process and print its figures as JSON.
    'validate-one': { type: 'string' },
  },
})

interface Figures {
  seconds: number
  /** CPU time (user + system) of the validation: steadier than wall time on a shared machine. */
  cpuSeconds: number
  children: number
  findings: number
  peakRssMb: number
}

if (args['validate-one']) {
  const { createReadStream } = await import('node:fs')
  const started = performance.now()
  const cpuBefore = process.cpuUsage()
  let findings = 0
  const summary = await validateCensus(createReadStream(args['validate-one']), () => {
    findings += 1
  })
  const figures: Figures = {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuTotal(process.cpuUsage(cpuBefore)),
    children: summary.children,
    findings,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }
  console.log(JSON.stringify(figures))
} else {
  await benchmark()
}

function cpuTotal(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6
}

async function benchmark(): Promise<void> {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  console.log(
    'children    file MB   runs   seconds (median)   CPU seconds (median)   children/CPU-s   peak RSS MB (median)   findings',
  )
  for (const size of args.sizes.split(',').map(Number)) {
    const file = `/tmp/masa-cin-census-${size}.xml`
    if (!existsSync(file)) {
      await writeCinCensusFile({ children: size, errorRate: Number(args['error-rate']), seed: 1 }, file)
    }
    const runs: Figures[] = []
    for (let i = 0; i < Number(args.runs); i += 1) {
      const out = execFileSync(process.execPath, [
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--validate-one',
        file,
      ])
      runs.push(JSON.parse(out.toString()) as Figures)
    }
    const seconds = median(runs.map((r) => r.seconds))
    const cpuSeconds = median(runs.map((r) => r.cpuSeconds))
    const megabytes = (statSync(file).size / 1_048_576).toFixed(0)
    console.log(
      [
        size.toLocaleString('en-GB').padStart(8),
        megabytes.padStart(9),
        String(runs.length).padStart(6),
        seconds.toFixed(2).padStart(18),
        cpuSeconds.toFixed(2).padStart(22),
        Math.round(size / cpuSeconds)
          .toLocaleString('en-GB')
          .padStart(16),
        median(runs.map((r) => r.peakRssMb))
          .toFixed(0)
          .padStart(22),
        String(runs[0]?.findings ?? 0).padStart(10),
      ].join(' '),
    )
  }
}
