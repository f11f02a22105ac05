// A small seeded PRNG (sfc32, seeded through splitmix32) so demo data is the same on every
// machine and Node version: Math.random cannot be seeded, and Faker's output changes between
// its versions. sfc32's 128-bit state keeps differently seeded streams from overlapping.

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  below(n: number): number
  /** An integer in [min, max]. */
  between(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** One of the items, each as likely as its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T
  /** A version-4 UUID made from this stream, so ids are as repeatable as everything else. */
  uuid(): string
  /**
   * A UUID in the version-7 layout: a 48-bit prefix rising by one per id from 2026-01-01 (as
   * milliseconds), then random bits. Ids made in turn sort in turn, so a bulk load appends to
   * each primary-key index instead of writing (and logging) pages all over it.
   */
  orderedUuid(): string
}

export function createRandom(...seeds: number[]): Random {
  const next32 = sfc32(seedState(seeds))
  const next = () => next32() / 0x1_0000_0000
  const below = (n: number) => Math.floor(next() * n)
  let ordered = 0
  return {
    next,
    below,
    between: (min, max) => min + below(max - min + 1),
    chance: (probability) => next() < probability,
    pick: (items) => items[below(items.length)] as (typeof items)[number],
    weighted(items, weight) {
      let total = 0
      for (const item of items) total += weight(item)
      let target = next() * total
      for (const item of items) {
        target -= weight(item)
        if (target < 0) return item
      }
      return items[items.length - 1] as (typeof items)[number]
    },
    uuid: () => formatUuid(next32(), next32(), next32(), next32()),
    // Draws four words, as uuid() does, so choosing one or the other leaves the rest of the stream alone.
    orderedUuid: () =>
      formatOrderedUuid(ORDERED_UUID_START + ordered++, next32(), next32(), next32(), next32()),
  }
}

function seedState(seeds: number[]): [number, number, number, number] {
  let mix = 0x9e3779b9
  for (const seed of seeds) mix = splitmix32(mix ^ (seed >>> 0)) ^ Math.floor(seed / 0x1_0000_0000)
  const a = splitmix32(mix)
  const b = splitmix32(a)
  const c = splitmix32(b)
  return [a, b, c, 1]
}

function splitmix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

function sfc32(state: [number, number, number, number]): () => number {
  let [a, b, c, d] = state
  const step = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  for (let i = 0; i < 15; i++) step()
  return step
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

const hex4 = (half: number) => `${HEX[half >>> 8]}${HEX[half & 0xff]}`

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const version = (w1 & 0x0fff) | 0x4000
  const variant = ((w2 >>> 16) & 0x3fff) | 0x8000
  return `${hex4(w0 >>> 16)}${hex4(w0 & 0xffff)}-${hex4(w1 >>> 16)}-${hex4(version)}-${hex4(variant)}-${hex4(w2 & 0xffff)}${hex4(w3 >>> 16)}${hex4(w3 & 0xffff)}`
}

const ORDERED_UUID_START = Date.UTC(2026, 0, 1)

function formatOrderedUuid(prefix: number, w0: number, w1: number, w2: number, w3: number): string {
  const high = Math.floor(prefix / 0x1_0000)
  const version = (w0 & 0x0fff) | 0x7000
  const variant = (w1 & 0x3fff) | 0x8000
  return `${hex4(Math.floor(high / 0x1_0000))}${hex4(high & 0xffff)}-${hex4(prefix % 0x1_0000)}-${hex4(version)}-${hex4(variant)}-${hex4(w2 >>> 16)}${hex4(w2 & 0xffff)}${hex4(w3 & 0xffff)}`
}
