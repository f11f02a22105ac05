// Training's part of the read-path scenario (read-path-scenario.ts): one more viewer (the
// partnership's administrator, who runs the catalogue), a course with two sessions, and places on
// them. No child's data: what is read is a practitioner's own place and evaluation, the
// administrator's register and waiting list, and the take-up by course.
//  - the session to come (one place): a seed practitioner books the place, the invited health MAT
//    joins the waiting list and is moved into the place (and emailed) when the first cancels, and a
//    second seed practitioner waits;
//  - the session held four months ago: the invited health MAT booked, attended and evaluated it, and
//    now owes the three-month follow-up, whose page shows what they said they would do differently.

import type { PartnershipConfig } from '../../src/partnership/config.ts'
import { toIsoDate } from '../../src/platform/calendar/working-days.ts'
import {
  addCourse,
  addSession,
  book,
  cancel,
  evaluate,
  recordAttendance,
} from '../../src/training/workflow.ts'
import type { TestApp } from './app.ts'
import { callerOf, enrolledViewer, LA, type Scenario, type Viewer } from './read-path-scenario.ts'

export interface ScenarioTraining {
  /** The course's title: on the take-up report (and the yearly report's training section). */
  course: string
  /** The session to come, and the practitioner on its waiting list (a name only its register shows). */
  upcomingId: string
  waitingName: string
  /** The practitioner (a viewer) whose place the session to come is, and the held session's place. */
  trainee: Viewer
  heldPlaceId: string
  /** What the trainee said they would do differently: on their own follow-up page alone. */
  willDoDifferently: string
}

const DAY = 24 * 60 * 60 * 1000

export async function seedTraining(
  t: TestApp,
  partnership: PartnershipConfig,
  s: Scenario,
): Promise<{ viewers: Viewer[]; training: ScenarioTraining }> {
  const admin = await enrolledViewer(t, partnership, {
    name: 'partnership administrator',
    agencyId: LA,
    role: 'partnership-admin',
  })
  const seed = async (name: string) =>
    callerOf(await enrolledViewer(t, partnership, { name, agencyId: LA, role: 'mat-practitioner' }))
  const booked = await seed('RPM trainee with the place')
  const waitingName = 'RPM trainee waiting'
  const waiting = await seed(waitingName)
  const trainee = s.viewers.find((v) => v.name === 'invited health MAT') as Viewer
  const now = new Date()
  const at = (when: Date) => ({ db: t.database.db, partnership, now: () => when })
  const ctx = at(now)

  const course = 'RPM-TRAINING-COURSE Working together on neglect'
  const { id: courseId } = await addCourse(ctx, callerOf(admin), {
    title: course,
    level: '2',
    audience: 'Practitioners of every agency',
    description: 'Recognising neglect and acting together',
  })
  const times = { startsAt: '09:30', endsAt: '12:30', venue: 'Room 1, City Hall', capacity: 1 }
  const upcoming = await addSession(ctx, callerOf(admin), courseId, {
    ...times,
    heldOn: toIsoDate(new Date(now.getTime() + 30 * DAY)),
  })
  const first = await book(ctx, booked, upcoming.id, { confidenceBefore: '2' })
  await book(ctx, callerOf(trainee), upcoming.id, { confidenceBefore: '3' })
  await cancel(ctx, booked, first.id)
  await book(ctx, waiting, upcoming.id, { confidenceBefore: '2' })

  const then = at(new Date(now.getTime() - 122 * DAY))
  const held = await addSession(then, callerOf(admin), courseId, { ...times, heldOn: toIsoDate(then.now()) })
  const place = await book(then, callerOf(trainee), held.id, { confidenceBefore: '2' })
  await recordAttendance(then, callerOf(admin), place.id, { attendance: 'attended' })
  const willDoDifferently = 'RPM-TRAINING-WILL-DO-DIFFERENTLY: ask the school what it has seen'
  await evaluate(then, callerOf(trainee), place.id, { confidenceAfter: '4', willDoDifferently })

  return {
    viewers: [admin],
    training: {
      course,
      upcomingId: upcoming.id,
      waitingName,
      trainee,
      heldPlaceId: place.id,
      willDoDifferently,
    },
  }
}
