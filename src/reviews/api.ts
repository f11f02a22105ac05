// The reviews API under /api/v1, read-only: serious incidents' status and deadlines, and their
// recommendations' progress, for an LA's system with `reviews:read` (its own LA's incidents). No child
// is named or identified. The TypeBox schemas (schemas.ts) give the OpenAPI document.

import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { callerOf } from '../identity/index.ts'
import { reviewsStatus } from './api-reading.ts'
import { IncidentStatus, RecommendationStatus } from './schemas.ts'
import type { ReviewsContext } from './workflow.ts'

const tags = ['Serious incidents and reviews']

export function registerReviewsApi(app: FastifyInstance, ctx: ReviewsContext): void {
  app.get(
    '/api/v1/serious-incidents',
    {
      schema: {
        tags,
        description:
          'The serious incidents the calling system may read (an LA’s, with reviews:read): what is due next and by when, the Panel’s deadlines, and the practice review’s publication. No child is named.',
        response: { 200: Type.Array(IncidentStatus) },
      },
    },
    async (request) => (await reviewsStatus(ctx, callerOf(request))).incidents,
  )
  app.get(
    '/api/v1/serious-incidents/recommendations',
    {
      schema: {
        tags,
        description:
          'The recommendations of those incidents’ rapid reviews as actions: owner agency, due date, status, and the evidence of impact once recorded.',
        response: { 200: Type.Array(RecommendationStatus) },
      },
    },
    async (request) => (await reviewsStatus(ctx, callerOf(request))).recommendations,
  )
}
