// Tampering with the audit as whoever owns the database could, for tests of what detects it.

import { sql, type Transaction } from 'kysely'
import { auditHash, fromChainedRow, GENESIS_HASH, selectAuditRecords } from '../../src/platform/audit/log.ts'
import type { PlatformDB } from '../../src/platform/db/schema.ts'

/**
 * What whoever owns the database can do: change an entry, re-hash every entry after it in its chain,
 * and move the chain's head to the new last hash, with the append-only triggers switched off.
 */
export async function rewriteAuditEntry(
  trx: Transaction<PlatformDB>,
  chainId: number,
  chainSeq: number,
  actorId: string,
) {
  await sql`SET LOCAL ROLE NONE`.execute(trx) // only the owner may turn the guard triggers off
  await sql`ALTER TABLE audit_event DISABLE TRIGGER USER`.execute(trx)
  await sql`ALTER TABLE audit_chain_head DISABLE TRIGGER USER`.execute(trx)
  const rows = (
    await selectAuditRecords(trx).where('chain_id', '=', chainId).orderBy('chain_seq').execute()
  ).map(fromChainedRow)
  let prevHash = rows[chainSeq - 2]?.hash ?? GENESIS_HASH
  for (const row of rows.slice(chainSeq - 1)) {
    const changed = { ...row, actorId: row.chainSeq === chainSeq ? actorId : row.actorId, prevHash }
    const hash = auditHash(changed)
    await trx
      .updateTable('audit_event')
      .set({ actor_id: changed.actorId, prev_hash: prevHash, hash })
      .where('chain_id', '=', chainId)
      .where('chain_seq', '=', row.chainSeq)
      .execute()
    prevHash = hash
  }
  await trx.updateTable('audit_chain_head').set({ hash: prevHash }).where('chain_id', '=', chainId).execute()
}
