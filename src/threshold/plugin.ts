// The threshold tool as one Fastify plugin: its content is loaded (and checked) once, at start.

import type { FastifyInstance } from 'fastify'
import type { PartnershipConfig } from '../partnership/config.ts'
import { loadThresholdContent } from './content.ts'
import { ThresholdPages } from './pages.ts'

export interface ThresholdToolOptions {
  partnership: PartnershipConfig
  /** A config/thresholds/*.yaml file; the demo content when absent. */
  contentFile?: string
}

export async function thresholdToolPlugin(
  app: FastifyInstance,
  options: ThresholdToolOptions,
): Promise<void> {
  const content = await loadThresholdContent(options.contentFile)
  new ThresholdPages(content, options.partnership).register(app)
}
