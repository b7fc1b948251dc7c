import { auditLog } from '#db/schema.ts'
import type { Db } from '#db/connection.ts'
import { db as defaultDb } from './db.ts'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export type AuditEntry = {
  actor: { id: number; email: string } | null
  action: string
  entityType?: string
  entityId?: string | number
  detail?: Record<string, unknown>
}

/**
 * Appends one line to the audit log. Never put a citizen's personal data in `detail`.
 * Synchronous so it can run inside a better-sqlite3 transaction, whose callback cannot be async.
 */
export function recordAudit(entry: AuditEntry, tx: Db | Tx = defaultDb): void {
  tx.insert(auditLog).values({
    actorUserId: entry.actor?.id ?? null,
    actorLabel: entry.actor?.email ?? 'sistema',
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    detail: entry.detail ?? null,
  }).run()
}
