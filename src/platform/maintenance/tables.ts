import type { Generated } from 'kysely'

export interface MaintenanceTables {
  db_maintenance_run: {
    id: Generated<number>
    started_at: Date
    finished_at: Date
    trigger: 'schedule' | 'command' | 'load'
    analysed: string[]
    vacuumed: string[]
    problem: string | null
  }
}
