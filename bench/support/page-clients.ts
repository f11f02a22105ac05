// Signed-in users opening pages over HTTP for a while, as plain JavaScript in a worker thread of their
// own (workers do not load tsx), so that their fetching and parsing do not take the server's event
// loop: real users' browsers are elsewhere. Each user has its own session cookie and opens one path
// after another, drawn at random from the paths given, at once or after a pause to read the last.
// Figures: p50/p95/p99 and pages a second.

import { Worker } from 'node:worker_threads'

export interface Figures {
  p50: number
  p95: number
  p99: number
  perSecond: number
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0
export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

const CLIENTS = `
const { parentPort, workerData } = require('node:worker_threads')
const { base, cookies, paths, users, seconds, thinkMs } = workerData
const latencies = []
const until = performance.now() + seconds * 1000
const pause = () => new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * thinkMs))
async function user(n) {
  const cookie = cookies[n % cookies.length]
  while (performance.now() < until) {
    if (thinkMs > 0) await pause()
    const path = paths[Math.floor(Math.random() * paths.length)]
    const sent = performance.now()
    const response = await fetch(base + path, { headers: { cookie, accept: 'text/html' } })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(path + ' answered ' + response.status)
    latencies.push(performance.now() - sent)
  }
}
const started = performance.now()
Promise.all(Array.from({ length: users }, (_, n) => user(n))).then(() =>
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 }))
`

export interface Load {
  base: string
  /** One session cookie per user (users beyond them share, in turn). */
  cookies: readonly string[]
  paths: readonly string[]
  users: number
  seconds: number
  /** Each user's pause before each page, on average (drawn from an exponential distribution); 0 for none. */
  thinkMs?: number
}

/** `users` clients, each opening one of the paths after another for `seconds`. */
export function measurePages(load: Load): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENTS, { eval: true, workerData: { thinkMs: 0, ...load } })
    worker.once('error', reject)
    worker.once('message', ({ latencies, seconds }: { latencies: number[]; seconds: number }) => {
      latencies.sort((a, b) => a - b)
      resolve({
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        perSecond: latencies.length / seconds,
      })
    })
  })
}

const ms = (value: number) => `${value.toFixed(0)} ms`

export const describeFigures = (figures: Figures) =>
  `p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, p99 ${ms(figures.p99)}, ${figures.perSecond.toFixed(0)} pages/s`

/** Measures `runs` times, printing each run and then the median of each figure under `label`. */
export async function measureRuns(label: string, runs: number, load: Load): Promise<Figures> {
  const all: Figures[] = []
  for (let run = 1; run <= runs; run++) {
    const figures = await measurePages(load)
    all.push(figures)
    console.log(`  ${label}, run ${run}: ${describeFigures(figures)}`)
  }
  const pick = (key: keyof Figures) => median(all.map((figures) => figures[key]))
  const medians = { p50: pick('p50'), p95: pick('p95'), p99: pick('p99'), perSecond: pick('perSecond') }
  console.log(`${label}, median of ${runs}: ${describeFigures(medians)}`)
  return medians
}
