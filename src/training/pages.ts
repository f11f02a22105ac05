// Training's pages: the upcoming sessions, the catalogue and its forms, a session with its booking,
// cancelling and register, the evaluation and follow-up, "My training" and the take-up report. Every
// read and change goes through workflow.ts (audited, decided by the policy).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { callerOf, getActor, requireUser } from '../identity/index.ts'
import { agencyName } from '../meetings/index.ts'
import { mayEver } from '../platform/access/policy.ts'
import { changeOrShowAgain, formOf, type Posted } from '../platform/http/forms.ts'
import { CHOICES, courseFields, roleWords, sessionView, takeUpView, timesOf } from './presenting.ts'
import { ATTENDANCE, askedForHref, askedForOf, askedForValue, askedForWords, CONFIDENCE } from './rules.ts'
import {
  AttendanceInput,
  BookingInput,
  CourseInput,
  EvaluationInput,
  FollowUpInput,
  SessionInput,
} from './schemas.ts'
import {
  addCourse,
  addSession,
  book,
  cancel,
  catalogue,
  courseForm,
  editCourse,
  evaluate,
  followUp,
  myTraining,
  readCourse,
  readOwnPlace,
  readSession,
  recordAttendance,
  type TrainingContext,
  takeUpReport,
  upcoming,
} from './workflow.ts'

type Id = { Params: { id: string } }
const signedIn = { schema: { hide: true }, preHandler: requireUser }
const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>

const NOTICES: Record<string, string> = {
  booked: 'You have a place on this session.',
  waiting: 'The session is full: you are on its waiting list. We will email you if a place comes free.',
  cancelled: 'Your place is cancelled.',
  register: 'Attendance recorded.',
  session: 'Session added.',
  course: 'Course added to the catalogue.',
  edited: 'Course changed.',
  evaluated: 'Thank you: your evaluation is recorded.',
  'followed-up': 'Thank you: your follow-up is recorded.',
}

export function registerTrainingPages(app: FastifyInstance, ctx: TrainingContext) {
  const render = (reply: FastifyReply, view: string, context: object) =>
    reply.view(`training/views/${view}.njk`, context)
  const notice = (request: FastifyRequest) => NOTICES[query(request).done ?? '']

  app.get('/training', signedIn, async (request, reply) => {
    const { sessions, manages } = await upcoming(ctx, callerOf(request))
    return render(reply, 'index', {
      sessions: sessions.map(sessionView),
      manages,
      reports: mayEver(getActor(request), 'training.report'),
    })
  })

  app.get('/training/mine', signedIn, async (request, reply) => {
    const mine = await myTraining(ctx, callerOf(request))
    const listed = (places: typeof mine.booked) =>
      places.map((place) => ({ ...place, times: timesOf(place) }))
    return render(reply, 'mine', {
      booked: listed(mine.booked),
      waiting: listed(mine.waiting),
      evaluations: listed(mine.evaluations),
      followUps: listed(mine.followUps),
      followUpsLater: listed(mine.followUpsLater),
      notice: notice(request),
    })
  })

  // ---- The catalogue
  app.get('/training/courses', signedIn, async (request, reply) =>
    render(reply, 'courses', { ...(await catalogue(ctx, callerOf(request))), notice: notice(request) }),
  )
  const courseFormOf = formOf(CourseInput)
  /** The course form, new or to edit (`id`), offering the reviews and audits the caller may link it to. */
  const showCourseForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id?: string,
    posted: Posted = {},
  ) => {
    const { manages, choices, course } = await courseForm(ctx, callerOf(request), id)
    if (!manages) return reply.redirect(id ? `/training/courses/${id}` : '/training/courses', 303)
    return render(reply, 'course-new', {
      ...CHOICES,
      course,
      askedFor: choices.map((choice) => ({ value: askedForValue(choice), text: askedForWords(choice) })),
      form: posted.form ?? (course ? courseFields(course) : {}),
      ...courseFormOf.errors(posted.problems ?? []),
    })
  }
  app.get('/training/courses/new', signedIn, (request, reply) => showCourseForm(request, reply))
  app.post('/training/courses', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () =>
        `/training/courses/${(await addCourse(ctx, callerOf(request), courseFormOf.read(request.body))).id}?done=course`,
      (posted) => showCourseForm(request, reply, undefined, posted),
    ),
  )
  app.get<Id>('/training/courses/:id/edit', signedIn, (request, reply) =>
    showCourseForm(request, reply, request.params.id),
  )
  app.post<Id>('/training/courses/:id', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        await editCourse(ctx, callerOf(request), request.params.id, courseFormOf.read(request.body))
        return `/training/courses/${request.params.id}?done=edited`
      },
      (posted) => showCourseForm(request, reply, request.params.id, posted),
    ),
  )

  const sessionForm = formOf(SessionInput)
  const showCourse = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readCourse(ctx, callerOf(request), request.params.id)
    const link = askedForOf(file.course)
    return render(reply, 'course', {
      ...file,
      askedFor: link ? { href: askedForHref(link), text: askedForWords(link) } : undefined,
      level: CHOICES.levels.find((level) => level.value === String(file.course.level))?.text,
      sessions: file.sessions.map(sessionView),
      notice: notice(request),
      form: posted.form ?? {},
      ...sessionForm.errors(posted.problems ?? []),
    })
  }
  app.get<Id>('/training/courses/:id', signedIn, (request, reply) => showCourse(request, reply))
  app.post<Id>('/training/courses/:id/sessions', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const session = await addSession(
          ctx,
          callerOf(request),
          request.params.id,
          sessionForm.read(request.body),
        )
        return `/training/sessions/${session.id}?done=session`
      },
      (posted) => showCourse(request, reply, posted),
    ),
  )

  // ---- A session: booking, cancelling, the register
  const bookingForm = formOf(BookingInput)
  const showSession = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
    const file = await readSession(ctx, callerOf(request), request.params.id)
    const person = (place: (typeof file.register)[number]) => ({
      id: place.id,
      name: place.user_name,
      agency: agencyName(ctx.partnership, place.agency_id),
      role: roleWords(place.role),
      attendance: place.attendance ? ATTENDANCE[place.attendance] : undefined,
    })
    return render(reply, 'session', {
      s: sessionView(file.session),
      course: file.course,
      mine: file.mine,
      manages: file.manages,
      started: file.started,
      register: file.register.map(person),
      waiting: file.waiting.map(person),
      ...CHOICES,
      notice: notice(request),
      form: posted.form ?? {},
      ...bookingForm.errors(posted.problems ?? []),
    })
  }
  app.get<Id>('/training/sessions/:id', signedIn, (request, reply) => showSession(request, reply))
  app.post<Id>('/training/sessions/:id/book', signedIn, (request, reply) =>
    changeOrShowAgain(
      request,
      reply,
      async () => {
        const place = await book(ctx, callerOf(request), request.params.id, bookingForm.read(request.body))
        return `/training/sessions/${request.params.id}?done=${place.status}`
      },
      (posted) => showSession(request, reply, posted),
    ),
  )
  app.post<Id>('/training/places/:id/cancel', signedIn, async (request, reply) => {
    const { sessionId } = await cancel(ctx, callerOf(request), request.params.id)
    const back = query(request).back === 'mine' ? '/training/mine' : `/training/sessions/${sessionId}`
    return reply.redirect(`${back}?done=cancelled`, 303)
  })
  app.post<Id>('/training/places/:id/attendance', signedIn, async (request, reply) => {
    const sessionId = await recordAttendance(
      ctx,
      callerOf(request),
      request.params.id,
      formOf(AttendanceInput).read(request.body),
    )
    return reply.redirect(`/training/sessions/${sessionId}?done=register`, 303)
  })

  // ---- The evaluation and its follow-up
  const STEPS = {
    evaluation: { form: formOf(EvaluationInput), record: evaluate, owes: 'evaluation', done: 'evaluated' },
    'follow-up': { form: formOf(FollowUpInput), record: followUp, owes: 'follow-up', done: 'followed-up' },
  } as const
  for (const [name, step] of Object.entries(STEPS)) {
    const show = async (request: FastifyRequest<Id>, reply: FastifyReply, posted: Posted = {}) => {
      const { place, session, owes } = await readOwnPlace(ctx, callerOf(request), request.params.id)
      if (owes !== step.owes) return reply.redirect('/training/mine', 303)
      return render(reply, name, {
        place,
        s: sessionView(session),
        before: CONFIDENCE[String(place.confidence_before) as keyof typeof CONFIDENCE],
        ...CHOICES,
        form: posted.form ?? {},
        ...step.form.errors(posted.problems ?? []),
      })
    }
    app.get<Id>(`/training/places/:id/${name}`, signedIn, (request, reply) => show(request, reply))
    app.post<Id>(`/training/places/:id/${name}`, signedIn, (request, reply) =>
      changeOrShowAgain(
        request,
        reply,
        async () => {
          await step.record(ctx, callerOf(request), request.params.id, step.form.read(request.body))
          return `/training/mine?done=${step.done}`
        },
        (posted) => show(request, reply, posted),
      ),
    )
  }

  // ---- The take-up report
  app.get('/training/report', signedIn, async (request, reply) => {
    const report = await takeUpReport(ctx, callerOf(request))
    return render(reply, 'report', takeUpView(ctx.partnership, report))
  })
}
