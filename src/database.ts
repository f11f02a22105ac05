// The whole database as Kysely sees it, assembled here at the composition root: the platform's
// tables (src/platform/db/schema.ts) and each capability's, declared beside the code that writes them.
// Capabilities type their queries against DB; platform code only against PlatformDB, which DB extends.

import type { ActionsTables } from './actions/tables.ts'
import type { AlertTables } from './alerts/tables.ts'
import type { CaseAuditTables } from './case-audits/tables.ts'
import type { ChildProtectionTables } from './child-protection/tables.ts'
import type { ChildrenTables } from './children/tables.ts'
import type { CinCensusTables } from './cin-census/tables.ts'
import type { AppConfig } from './config.ts'
import type { DisruptionNrmTables } from './disruption-nrm/tables.ts'
import type { EscalationTables } from './escalation/tables.ts'
import type { ExploitationTables } from './exploitation/tables.ts'
import type { ExploitationDatasetTables } from './exploitation-dataset/tables.ts'
import type { FrontDoorTables } from './front-door/tables.ts'
import type { IdentityTables } from './identity/tables.ts'
import type { LadoTables } from './lado/tables.ts'
import type { LearningTables } from './learning/tables.ts'
import type { MaceTables } from './mace/tables.ts'
import type { MasaPlanTables } from './masa-plan/tables.ts'
import type { MissingTables } from './missing/tables.ts'
import type { ModelComparisonTables } from './model-comparison/tables.ts'
import type { MovesTables } from './moves/tables.ts'
import { openConfiguredDatabase as openConfiguredPlatformDatabase } from './platform/db/configured.ts'
import {
  type DatabaseTarget,
  openDatabase as openPlatformDatabase,
  type Database as PlatformDatabase,
} from './platform/db/database.ts'
import type { OfPartnership, PlatformDB } from './platform/db/schema.ts'
import type { PoliceRequestTables } from './police-requests/tables.ts'
import type { RetentionTables } from './retention/tables.ts'
import type { ReviewTables } from './reviews/tables.ts'
import type { ScrutinyTables } from './scrutiny/tables.ts'
import type { SelfAssessmentTables } from './self-assessment/tables.ts'
import type { SharingTables } from './sharing/tables.ts'
import type { TrainingTables } from './training/tables.ts'
import type { VoiceTables } from './voice/tables.ts'
import type { VoltTables } from './volt/tables.ts'
import type { YearlyReportTables } from './yearly-report/tables.ts'

export interface DB
  extends PlatformDB,
    OfPartnership<
      ChildrenTables &
        ActionsTables &
        IdentityTables &
        ChildProtectionTables &
        FrontDoorTables &
        SharingTables &
        AlertTables &
        ExploitationTables &
        LadoTables &
        PoliceRequestTables &
        EscalationTables &
        MissingTables &
        MaceTables &
        TrainingTables &
        LearningTables &
        ReviewTables &
        MovesTables &
        SelfAssessmentTables &
        CaseAuditTables &
        YearlyReportTables &
        ExploitationDatasetTables &
        ModelComparisonTables &
        CinCensusTables &
        VoltTables &
        VoiceTables &
        DisruptionNrmTables &
        ScrutinyTables &
        MasaPlanTables &
        RetentionTables
    > {}

/** The service's database handle, its queries typed against every table. */
export type Database = PlatformDatabase<DB>

export function openDatabase(target: DatabaseTarget): Promise<Database> {
  return openPlatformDatabase<DB>(target)
}

/** The database of `masa` and its commands: the configured one, writing as the partnership file's partnership. */
export function openConfiguredDatabase(config: AppConfig): Promise<Database> {
  return openConfiguredPlatformDatabase<DB>(config)
}
