import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import {
  decisions,
  insights,
  interventionChannels,
  interventions,
  prototypes,
  prototypeVersions,
  sessions,
  stageChanges,
  users,
} from '#db/schema.ts'
import { formatInterventionCode, type Channel, type Decision, type Stage } from '#app/lib/domain.ts'
import type { InterventionInput, ListFilters } from '#app/lib/forms/intervention.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { textContains } from './search.ts'

export const PAGE_SIZE = 50

export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message)
  }
}

// Correlated subqueries name the outer table explicitly: drizzle leaves columns unqualified in
// single-table selects, where "id" would silently bind to the inner table.
// Latest of: the intervention's own edits, stage changes, versions published, sessions, decisions.
const lastActivity = sql<string>`max(
  "interventions"."updated_at",
  coalesce((select max(c.changed_at) from stage_changes c where c.intervention_id = "interventions"."id"), ''),
  coalesce((select max(v.created_at) from prototype_versions v join prototypes p on p.id = v.prototype_id where p.intervention_id = "interventions"."id"), ''),
  coalesce((select max(s.date) from sessions s where s.intervention_id = "interventions"."id"), ''),
  coalesce((select max(d.decided_at) from decisions d where d.intervention_id = "interventions"."id"), '')
)`

const prototypeCount = sql<number>`(select count(*) from prototypes p where p.intervention_id = "interventions"."id")`
const sessionCount = sql<number>`(select count(*) from sessions s where s.intervention_id = "interventions"."id")`
const stageOrder = sql`case ${interventions.stage}
  when 'discover' then 1 when 'define' then 2 when 'ideate' then 3 when 'prototype' then 4
  when 'validate' then 5 when 'implement' then 6 else 7 end`

export async function listInterventions(filters: ListFilters) {
  const where: SQL[] = []
  if (filters.q) {
    const q = filters.q
    const searched = [interventions.code, interventions.title, interventions.service, interventions.problem]
    where.push(sql`(${sql.join(searched.map((column) => textContains(column, q)), sql` or `)})`)
  }
  if (filters.etapa) where.push(eq(interventions.stage, filters.etapa))
  if (filters.canal) {
    where.push(
      sql`exists (select 1 from intervention_channels c where c.intervention_id = "interventions"."id" and c.channel = ${filters.canal})`,
    )
  }
  if (filters.responsable) where.push(eq(interventions.ownerId, filters.responsable))
  if (filters.estado !== 'todas') where.push(eq(interventions.status, filters.estado))
  const condition = where.length > 0 ? and(...where) : undefined

  const direction = filters.dir ?? (filters.orden === 'actividad' ? 'desc' : 'asc')
  const by = direction === 'asc' ? asc : desc
  const orderBy = {
    actividad: [by(lastActivity), asc(interventions.code)],
    codigo: [by(interventions.code)],
    titulo: [by(sql`lower(${interventions.title})`), asc(interventions.code)],
    etapa: [by(stageOrder), asc(interventions.code)],
  }[filters.orden]

  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)` }).from(interventions).where(condition)
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(filters.pagina, pages)
  const rows = await db
    .select({
      id: interventions.id,
      code: interventions.code,
      title: interventions.title,
      service: interventions.service,
      stage: interventions.stage,
      status: interventions.status,
      ownerName: users.name,
      prototypeCount,
      sessionCount,
      lastActivity,
    })
    .from(interventions)
    .leftJoin(users, eq(users.id, interventions.ownerId))
    .where(condition)
    .orderBy(...orderBy)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)

  const channels = await channelsOf(rows.map((r) => r.id))
  return { rows: rows.map((r) => ({ ...r, channels: channels.get(r.id) ?? [] })), total, page, pages }
}

async function channelsOf(ids: number[]) {
  const map = new Map<number, Channel[]>()
  if (ids.length === 0) return map
  const rows = await db.select().from(interventionChannels).where(inArray(interventionChannels.interventionId, ids))
  for (const r of rows) map.set(r.interventionId, [...(map.get(r.interventionId) ?? []), r.channel])
  return map
}

/** People who can own an intervention: active facilitators and admins. */
export async function listOwners() {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ['facilitator', 'admin'])))
    .orderBy(users.name)
}

export async function getInterventionByCode(code: string) {
  const row = await db.query.interventions.findFirst({ where: eq(interventions.code, code) })
  if (!row) return null
  const [channels, owner] = await Promise.all([
    channelsOf([row.id]),
    row.ownerId ? db.query.users.findFirst({ where: eq(users.id, row.ownerId), columns: { id: true, name: true } }) : null,
  ])
  return { ...row, channels: channels.get(row.id) ?? [], owner: owner ?? null }
}

export async function requireIntervention(code: string) {
  const intervention = await getInterventionByCode(code)
  if (!intervention) throw new DomainError('No existe esa intervención.', 404)
  return intervention
}

/** Everything the intervention page shows besides the summary. */
export async function getInterventionDetail(interventionId: number) {
  const [protos, sessionRows, decisionRows, changes, versions, insightCount] = await Promise.all([
    db
      .select({
        id: prototypes.id,
        name: prototypes.name,
        channel: prototypes.channel,
        fidelity: prototypes.fidelity,
        latestNumber: sql<number | null>`(select max(number) from prototype_versions v where v.prototype_id = "prototypes"."id")`,
        latestStatus: sql<string | null>`(select status from prototype_versions v where v.prototype_id = "prototypes"."id" order by number desc limit 1)`,
        versionCount: sql<number>`(select count(*) from prototype_versions v where v.prototype_id = "prototypes"."id")`,
      })
      .from(prototypes)
      .where(eq(prototypes.interventionId, interventionId))
      .orderBy(prototypes.id),
    db
      .select({
        id: sessions.id,
        title: sessions.title,
        kind: sessions.kind,
        status: sessions.status,
        date: sessions.date,
        place: sessions.place,
        participants: sql<number>`(select count(*) from participants p where p.session_id = "sessions"."id")`,
      })
      .from(sessions)
      .where(eq(sessions.interventionId, interventionId))
      .orderBy(desc(sessions.date)),
    db
      .select({ id: decisions.id, decision: decisions.decision, reason: decisions.reason, decidedAt: decisions.decidedAt, by: users.name })
      .from(decisions)
      .leftJoin(users, eq(users.id, decisions.decidedBy))
      .where(eq(decisions.interventionId, interventionId))
      .orderBy(desc(decisions.decidedAt), desc(decisions.id)),
    db
      .select({ id: stageChanges.id, from: stageChanges.fromStage, to: stageChanges.toStage, at: stageChanges.changedAt, by: users.name })
      .from(stageChanges)
      .leftJoin(users, eq(users.id, stageChanges.changedBy))
      .where(eq(stageChanges.interventionId, interventionId)),
    db
      .select({ prototypeId: prototypes.id, prototypeName: prototypes.name, number: prototypeVersions.number, at: prototypeVersions.createdAt, by: users.name })
      .from(prototypeVersions)
      .innerJoin(prototypes, eq(prototypes.id, prototypeVersions.prototypeId))
      .leftJoin(users, eq(users.id, prototypeVersions.createdBy))
      .where(eq(prototypes.interventionId, interventionId)),
    db.select({ n: sql<number>`count(*)` }).from(insights).where(eq(insights.interventionId, interventionId)),
  ])

  type TimelineEntry =
    | { kind: 'stage'; at: string; by: string | null; from: Stage | null; to: Stage }
    | { kind: 'version'; at: string; by: string | null; prototypeId: number; prototypeName: string; number: number }
    | { kind: 'session'; at: string; by: null; sessionId: number; title: string; status: string }
    | { kind: 'decision'; at: string; by: string | null; decision: Decision; reason: string }
  const timeline: TimelineEntry[] = [
    ...changes.map((c) => ({ kind: 'stage' as const, at: c.at, by: c.by, from: c.from, to: c.to })),
    ...versions.map((v) => ({ kind: 'version' as const, at: v.at, by: v.by, prototypeId: v.prototypeId, prototypeName: v.prototypeName, number: v.number })),
    ...sessionRows
      .filter((s) => s.status !== 'planned')
      .map((s) => ({ kind: 'session' as const, at: s.date, by: null, sessionId: s.id, title: s.title, status: s.status })),
    ...decisionRows.map((d) => ({ kind: 'decision' as const, at: d.decidedAt, by: d.by, decision: d.decision, reason: d.reason })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))

  const hasDependents = protos.length > 0 || sessionRows.length > 0 || (insightCount[0]?.n ?? 0) > 0
  return { prototypes: protos, sessions: sessionRows, decisions: decisionRows, timeline, hasDependents }
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0]

function nextCode(tx: Tx) {
  const row = tx
    .select({ max: sql<number | null>`max(cast(substr(${interventions.code}, 5) as integer))` })
    .from(interventions)
    .get()
  return formatInterventionCode((row?.max ?? 0) + 1)
}

export async function peekNextCode() {
  return db.transaction((tx) => nextCode(tx))
}

export function createIntervention(input: InterventionInput, user: SessionUser) {
  return db.transaction((tx) => {
    const code = nextCode(tx)
    const row = tx
      .insert(interventions)
      .values({
        code,
        title: input.title,
        service: input.service,
        problem: input.problem,
        hypothesis: input.hypothesis,
        targetPopulation: input.targetPopulation,
        successMetric: input.successMetric,
        ownerId: input.ownerId,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        stage: 'discover',
      })
      .returning({ id: interventions.id, code: interventions.code })
      .get()
    for (const channel of new Set(input.channels)) tx.insert(interventionChannels).values({ interventionId: row.id, channel }).run()
    tx.insert(stageChanges).values({ interventionId: row.id, fromStage: null, toStage: 'discover', changedBy: user.id }).run()
    recordAudit({ actor: user, action: 'intervention.create', entityType: 'intervention', entityId: code }, tx)
    return row
  })
}

/** Saves an edit only if nobody saved since `revision`; otherwise refuses with 409. */
export function updateIntervention(code: string, input: InterventionInput, user: SessionUser) {
  return db.transaction((tx) => {
    const current = tx.select().from(interventions).where(eq(interventions.code, code)).get()
    if (!current) throw new DomainError('No existe esa intervención.', 404)
    if (current.status === 'archived') throw new DomainError('La intervención está archivada: reactívela para editarla.', 409)
    const updated = tx
      .update(interventions)
      .set({
        title: input.title,
        service: input.service,
        problem: input.problem,
        hypothesis: input.hypothesis,
        targetPopulation: input.targetPopulation,
        successMetric: input.successMetric,
        ownerId: input.ownerId,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        revision: sql`${interventions.revision} + 1`,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(interventions.id, current.id), eq(interventions.revision, input.revision ?? -1)))
      .returning({ revision: interventions.revision })
      .get()
    if (!updated) {
      throw new DomainError(
        'Otra persona guardó cambios en esta intervención mientras usted la editaba. Sus cambios no se guardaron: recargue la página para ver la versión actual y vuelva a aplicarlos.',
        409,
      )
    }
    tx.delete(interventionChannels).where(eq(interventionChannels.interventionId, current.id)).run()
    for (const channel of new Set(input.channels)) tx.insert(interventionChannels).values({ interventionId: current.id, channel }).run()
    recordAudit({ actor: user, action: 'intervention.update', entityType: 'intervention', entityId: code }, tx)
    return updated
  })
}

export function moveStage(code: string, to: Stage, user: SessionUser) {
  return db.transaction((tx) => {
    const current = tx.select().from(interventions).where(eq(interventions.code, code)).get()
    if (!current) throw new DomainError('No existe esa intervención.', 404)
    if (current.status === 'archived') throw new DomainError('La intervención está archivada: reactívela para moverla.', 409)
    if (current.stage === to) return { changed: false as const }
    tx.update(interventions)
      .set({ stage: to, revision: sql`${interventions.revision} + 1`, updatedAt: new Date().toISOString() })
      .where(eq(interventions.id, current.id))
      .run()
    tx.insert(stageChanges).values({ interventionId: current.id, fromStage: current.stage, toStage: to, changedBy: user.id }).run()
    recordAudit({ actor: user, action: 'intervention.stage', entityType: 'intervention', entityId: code, detail: { from: current.stage, to } }, tx)
    return { changed: true as const, from: current.stage }
  })
}

export function recordDecision(code: string, input: { decision: Decision; reason: string }, user: SessionUser) {
  return db.transaction((tx) => {
    const current = tx.select().from(interventions).where(eq(interventions.code, code)).get()
    if (!current) throw new DomainError('No existe esa intervención.', 404)
    tx.insert(decisions).values({ interventionId: current.id, decision: input.decision, reason: input.reason, decidedBy: user.id }).run()
    recordAudit({ actor: user, action: 'intervention.decision', entityType: 'intervention', entityId: code, detail: { decision: input.decision } }, tx)
  })
}

export function setArchived(code: string, archived: boolean, user: SessionUser) {
  return db.transaction((tx) => {
    const current = tx.select().from(interventions).where(eq(interventions.code, code)).get()
    if (!current) throw new DomainError('No existe esa intervención.', 404)
    tx.update(interventions)
      .set({ status: archived ? 'archived' : 'active', revision: sql`${interventions.revision} + 1`, updatedAt: new Date().toISOString() })
      .where(eq(interventions.id, current.id))
      .run()
    recordAudit({ actor: user, action: archived ? 'intervention.archive' : 'intervention.restore', entityType: 'intervention', entityId: code }, tx)
  })
}

/** Deletes an intervention that nothing hangs off; anything else must be archived instead. */
export function deleteIntervention(code: string, user: SessionUser) {
  return db.transaction((tx) => {
    const current = tx.select().from(interventions).where(eq(interventions.code, code)).get()
    if (!current) throw new DomainError('No existe esa intervención.', 404)
    const dependents = tx
      .select({
        n: sql<number>`(select count(*) from prototypes where intervention_id = ${current.id})
          + (select count(*) from sessions where intervention_id = ${current.id})
          + (select count(*) from insights where intervention_id = ${current.id})`,
      })
      .from(sql`(select 1)`)
      .get()
    if ((dependents?.n ?? 0) > 0) {
      throw new DomainError('Esta intervención tiene prototipos, sesiones o hallazgos: archívela en lugar de eliminarla.', 409)
    }
    tx.delete(interventions).where(eq(interventions.id, current.id)).run()
    recordAudit({ actor: user, action: 'intervention.delete', entityType: 'intervention', entityId: code, detail: { title: current.title } }, tx)
  })
}

/** Cards for the stage board: active interventions by stage. */
export async function listBoard() {
  const rows = await db
    .select({ code: interventions.code, title: interventions.title, stage: interventions.stage, ownerName: users.name, prototypeCount })
    .from(interventions)
    .leftJoin(users, eq(users.id, interventions.ownerId))
    .where(eq(interventions.status, 'active'))
    .orderBy(interventions.code)
  return rows
}
