// `masa demo cin-census`: writes a synthetic CIN census return (2024-25, reference date 31 March
// 2025) of clean children, a seeded share of which break exactly one rule each. It streams the
// XML out child by child, so a return of any size takes the memory of one child.

import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import type { Writable } from 'node:stream'
import {
  addDays,
  CENSUS_CLOSING,
  type CensusChild,
  censusOpening,
  childXml,
  type ProtectionPlan,
} from '../cin-census/index.ts'
import { workingDayOnOrAfter } from '../platform/calendar/working-days.ts'
import { BREACHES, type Breach, type ChildShape } from './cin-census-breaches.ts'
import { createRandom, type Random } from './random.ts'

export interface CinCensusOptions {
  children: number
  errorRate: number
  seed: number
  /** The LA's 3-digit DfE code, in the header and the UPNs (201, in no demo partnership, by default). */
  la?: string
}

/** A seeded breach: the child (LAchildID, as the validator reports it) and the rule it breaks. */
export interface SeededBreach {
  child: string
  code: string
}

export const CENSUS_HEADER = { collection: 'CIN', year: '2025', referenceDate: '2025-03-31', lea: '201' }

const ETHNICITIES = ['WBRI', 'WOTH', 'MWBC', 'AIND', 'APKN', 'BAFR', 'BCRB', 'CHNE', 'OOTH']
const SOURCES = ['1A', '2A', '3A', '3E', '5D', '6', '8']
const NEEDS = ['N1', 'N2', 'N3', 'N4', 'N5', 'N8']
const FACTORS = ['1B', '2B', '3A', '3B', '4B', '16A', '17A', '18B', '19B', '24A']
const DISABILITIES = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA']
const CATEGORIES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL']
const FIRST_REFERRAL = '2024-07-01'
const REFERRAL_DAYS = 200

/** Writes the return to `out` and gives back the breaches it seeded. */
export async function writeCinCensus(options: CinCensusOptions, out: Writable): Promise<SeededBreach[]> {
  const random = createRandom(options.seed, 2025)
  const seeded: SeededBreach[] = []
  const lea = options.la ?? CENSUS_HEADER.lea
  await write(out, censusOpening({ ...CENSUS_HEADER, lea }))
  for (let i = 1; i <= options.children; i += 1) {
    const child = cleanChild(random, i, lea)
    if (random.chance(options.errorRate)) seeded.push(...seedBreach(random, child))
    await write(out, childXml(child))
  }
  await write(out, CENSUS_CLOSING)
  return seeded
}

export async function writeCinCensusFile(options: CinCensusOptions, file: string): Promise<SeededBreach[]> {
  const out = createWriteStream(file)
  const seeded = await writeCinCensus(options, out)
  out.end()
  await once(out, 'finish')
  return seeded
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}

function seedBreach(random: Random, child: CensusChild): SeededBreach[] {
  const shape: ChildShape = child.episodes[0]?.protectionPlans.length ? 'protection' : 'cin-plan'
  const fitting = BREACHES.filter((b: Breach) => b.shape === 'any' || b.shape === shape)
  const breach = random.pick(fitting)
  breach.apply(child)
  const id = child.laChildId ?? '(missing)'
  return [breach.code, ...(breach.also ?? [])].map((code) => ({ child: id, code }))
}

/** A child with one open episode that breaks no rule: an assessment, then a CIN plan or s47 and CP plan. */
function cleanChild(random: Random, serial: number, lea: string): CensusChild {
  const referralDate = addDays(FIRST_REFERRAL, random.below(REFERRAL_DAYS))
  const birthDate = addDays('2008-04-01', random.below(5_500))
  const assessmentStart = addDays(referralDate, 2)
  const authorisation = addDays(assessmentStart, random.between(10, 40))
  const enquiry = random.chance(0.3) ? section47(random, referralDate) : undefined
  // Some conferences make no CP plan but a CIN plan, so the return holds more conferences than
  // plans starting (rule 2883 counts them over the whole return) whatever breaches are seeded.
  const planned = enquiry ? protectionPlan(random, enquiry.dateOfInitialCPC) : undefined
  const plan = serial % 7 === 0 ? undefined : planned
  return {
    laChildId: `C${serial}`,
    upn: upnFor(lea, serial, random.below(10)),
    birthDate,
    sex: random.pick(['M', 'F']),
    ethnicity: random.pick(ETHNICITIES),
    disabilities: disabilitiesOf(random, serial),
    episodes: [
      {
        referralDate,
        referralSource: random.pick(SOURCES),
        primaryNeedCode: random.pick(NEEDS),
        referralNFA: 'false',
        assessments: [
          { startDate: assessmentStart, authorisationDate: authorisation, factors: [random.pick(FACTORS)] },
        ],
        cinPlans: plan ? [] : [{ startDate: enquiry?.dateOfInitialCPC ?? authorisation }],
        section47s: enquiry ? [enquiry] : [],
        protectionPlans: plan ? [plan] : [],
      },
    ],
  }
}

/** Mostly none; one child in ten has two different disabilities (the first twelve cover every code). */
function disabilitiesOf(random: Random, serial: number): string[] {
  if (serial > DISABILITIES.length && !random.chance(0.1)) return ['NONE']
  const first = serial <= DISABILITIES.length ? serial - 1 : random.below(DISABILITIES.length)
  return [DISABILITIES[first] as string, DISABILITIES[(first + 1) % DISABILITIES.length] as string]
}

function section47(random: Random, referralDate: string) {
  const startDate = addDays(referralDate, 1)
  const conference = workingDayOnOrAfter(addDays(startDate, random.between(5, 20)))
  return { startDate, initialCPCtarget: conference, dateOfInitialCPC: conference, icpcNotRequired: 'false' }
}

function protectionPlan(random: Random, conference: string): ProtectionPlan {
  const category = random.pick(CATEGORIES)
  return {
    startDate: conference,
    initialCategoryOfAbuse: category,
    latestCategoryOfAbuse: category,
    numberOfPreviousCPP: String(random.below(3)),
    reviewDates: [addDays(conference, 90)].filter((date) => date <= CENSUS_HEADER.referenceDate),
  }
}

/** A valid UPN: check letter, the LA's code, the serial as digits 5-12 and a check digit. */
function upnFor(lea: string, serial: number, last: number): string {
  for (let digit = last; ; digit = (digit + 1) % 10) {
    const digits = `${lea}${String(serial).padStart(8, '0')}${digit}`
    let sum = 0
    for (let i = 0; i < 12; i += 1) sum += Number(digits[i]) * (i + 2)
    const letter = 'ABCDEFGHJKLMNPQRTUVWX'[sum % 23]
    if (letter) return `${letter}${digits}`
  }
}
