// The affinity board of an intervention: observations and open comments as cards, grouped into
// clusters that become insights. Every move is stored (board_moves), so undo is exact and two
// facilitators working at once never lose one another's moves.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { boardCards, boardMoves, clusters, insights, insightVersions, participants, prototypes, prototypeVersions } from '#db/schema.ts'
import type { InsightSeverity, ObservationTag } from '#app/lib/domain.ts'
import type { SegmentKey } from '#app/lib/segments.ts'
import { recordAudit } from './audit.ts'
import type { SessionUser } from './auth.ts'
import { db } from './db.ts'
import { DomainError } from './interventions.ts'
import { textEquals } from './search.ts'

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0]

/** Adds a card for every observation and open comment of the intervention's sessions that has none yet. */
export function ensureCards(interventionId: number) {
  db.run(sql`insert into board_cards (intervention_id, observation_id)
    select ${interventionId}, o.id from observations o join sessions s on s.id = o.session_id
    where s.intervention_id = ${interventionId} and not exists (select 1 from board_cards c where c.observation_id = o.id)`)
  db.run(sql`insert into board_cards (intervention_id, response_id)
    select ${interventionId}, r.id from responses r join sessions s on s.id = r.session_id
    where s.intervention_id = ${interventionId} and r.kind = 'open_comment'
      and not exists (select 1 from board_cards c where c.response_id = r.id)`)
}

export type BoardFilters = { session?: number; version?: number; tag?: ObservationTag; segment?: SegmentKey; segmentValue?: string }

export type BoardCard = {
  id: number
  clusterId: number | null
  text: string
  source: 'observation' | 'comment'
  tags: ObservationTag[]
  participantCode: string | null
  participantId: number | null
  versionId: number | null
  versionLabel: string | null
  taskText: string | null
  sessionId: number
  sessionTitle: string
}

const SEGMENT_COLUMN: Record<SegmentKey, string> = {
  age_band: 'p.age_band',
  digital_skill: 'p.digital_skill',
  region: 'p.region',
  channel: 'p.preferred_channel',
  answered_by: "(select w.answered_by from responses w where w.participant_id = p.id and w.kind <> 'task_outcome' order by w.id limit 1)",
}

export async function listCards(interventionId: number, filters: BoardFilters = {}): Promise<BoardCard[]> {
  const where = [sql`c.intervention_id = ${interventionId}`]
  if (filters.session) where.push(sql`s.id = ${filters.session}`)
  if (filters.version) where.push(sql`coalesce(o.version_id, r.version_id) = ${filters.version}`)
  if (filters.tag) where.push(sql`exists (select 1 from observation_tags t where t.observation_id = o.id and t.tag = ${filters.tag})`)
  if (filters.segment && filters.segmentValue) where.push(textEquals(sql.raw(SEGMENT_COLUMN[filters.segment]), filters.segmentValue))
  const rows = await db.all<Omit<BoardCard, 'tags'> & { tags: string | null }>(sql`
    select c.id, c.cluster_id clusterId, coalesce(o.text, r.value_text) text,
      case when o.id is not null then 'observation' else 'comment' end source,
      (select group_concat(t.tag) from observation_tags t where t.observation_id = o.id) tags,
      p.code participantCode, p.id participantId, v.id versionId,
      case when v.id is null then null else pr.name || ' v' || v.number end versionLabel,
      q.text taskText, s.id sessionId, s.title sessionTitle
    from board_cards c
      left join observations o on o.id = c.observation_id
      left join responses r on r.id = c.response_id
      join sessions s on s.id = coalesce(o.session_id, r.session_id)
      left join participants p on p.id = coalesce(o.participant_id, r.participant_id)
      left join prototype_versions v on v.id = coalesce(o.version_id, r.version_id)
      left join prototypes pr on pr.id = v.prototype_id
      left join questions q on q.id = o.task_question_id
    where ${sql.join(where, sql` and `)}
    order by c.position, c.id`)
  return rows.map((r) => ({ ...r, tags: (r.tags?.split(',') ?? []) as ObservationTag[] }))
}

export async function listClusters(interventionId: number) {
  return db
    .select({ id: clusters.id, name: clusters.name, position: clusters.position, insightId: clusters.insightId })
    .from(clusters)
    .where(eq(clusters.interventionId, interventionId))
    .orderBy(clusters.position, clusters.id)
}

function requireCard(tx: Tx, interventionId: number, cardId: number) {
  const card = tx.select().from(boardCards).where(and(eq(boardCards.id, cardId), eq(boardCards.interventionId, interventionId))).get()
  if (!card) throw new DomainError('Esa tarjeta no es de este tablero.', 400)
  return card
}

function requireCluster(tx: Tx, interventionId: number, clusterId: number) {
  const cluster = tx.select().from(clusters).where(and(eq(clusters.id, clusterId), eq(clusters.interventionId, interventionId))).get()
  if (!cluster) throw new DomainError('Ese grupo ya no existe: otra persona pudo haberlo unido o borrado. Recargue el tablero.', 409)
  return cluster
}

function newCluster(tx: Tx, interventionId: number, name: string) {
  const last = tx.select({ max: sql<number | null>`max(${clusters.position})` }).from(clusters).where(eq(clusters.interventionId, interventionId)).get()
  return tx
    .insert(clusters)
    .values({ interventionId, name, position: (last?.max ?? 0) + 1 })
    .returning({ id: clusters.id })
    .get().id
}

function recordMove(tx: Tx, interventionId: number, cardId: number, from: number | null, to: number | null, user: SessionUser) {
  tx.update(boardCards).set({ clusterId: to }).where(eq(boardCards.id, cardId)).run()
  tx.insert(boardMoves).values({ interventionId, cardId, fromClusterId: from, toClusterId: to, movedBy: user.id }).run()
}

/** Moves a card into a cluster, out of every cluster (null), or into a new cluster ('new'). */
export function moveCard(interventionId: number, cardId: number, to: number | null | 'new', user: SessionUser) {
  return db.transaction((tx) => {
    const card = requireCard(tx, interventionId, cardId)
    const target = to === 'new' ? newCluster(tx, interventionId, '') : to
    if (target !== null) requireCluster(tx, interventionId, target)
    if (card.clusterId === target) return { clusterId: target }
    recordMove(tx, interventionId, card.id, card.clusterId, target, user)
    return { clusterId: target }
  })
}

export function renameCluster(interventionId: number, clusterId: number, name: string, user: SessionUser) {
  return db.transaction((tx) => {
    requireCluster(tx, interventionId, clusterId)
    tx.update(clusters).set({ name }).where(eq(clusters.id, clusterId)).run()
    recordAudit({ actor: user, action: 'cluster.rename', entityType: 'cluster', entityId: clusterId }, tx)
  })
}

/** Moves every card of `sourceId` into `targetId` (each as a recorded move) and removes the source. */
export function mergeClusters(interventionId: number, sourceId: number, targetId: number, user: SessionUser) {
  if (sourceId === targetId) throw new DomainError('Elija otro grupo para unirlos.', 400)
  return db.transaction((tx) => {
    const source = requireCluster(tx, interventionId, sourceId)
    const target = requireCluster(tx, interventionId, targetId)
    if (source.insightId) throw new DomainError('Ese grupo ya es un hallazgo: no se puede unir a otro.', 409)
    const cards = tx.select({ id: boardCards.id }).from(boardCards).where(eq(boardCards.clusterId, source.id)).all()
    for (const c of cards) recordMove(tx, interventionId, c.id, source.id, target.id, user)
    if (!target.name && source.name) tx.update(clusters).set({ name: source.name }).where(eq(clusters.id, target.id)).run()
    tx.delete(clusters).where(eq(clusters.id, source.id)).run()
    recordAudit({ actor: user, action: 'cluster.merge', entityType: 'cluster', entityId: target.id, detail: { from: source.id, cards: cards.length } }, tx)
  })
}

/** Takes some cards out of a cluster into a new one. */
export function splitCluster(interventionId: number, clusterId: number, cardIds: number[], name: string, user: SessionUser) {
  return db.transaction((tx) => {
    requireCluster(tx, interventionId, clusterId)
    const cards = cardIds.map((id) => requireCard(tx, interventionId, id))
    if (cards.length === 0) throw new DomainError('Marque las tarjetas que quiere separar.', 400)
    if (cards.some((c) => c.clusterId !== clusterId)) throw new DomainError('Solo se pueden separar tarjetas de este grupo.', 400)
    const remaining = tx.select({ n: sql<number>`count(*)` }).from(boardCards).where(eq(boardCards.clusterId, clusterId)).get()!.n
    if (cards.length === remaining) throw new DomainError('Deje al menos una tarjeta en el grupo original.', 400)
    const created = newCluster(tx, interventionId, name)
    for (const c of cards) recordMove(tx, interventionId, c.id, clusterId, created, user)
    return created
  })
}

/** Undoes this person's last move that has not been undone (the card goes back where it was). */
export function undoLastMove(interventionId: number, user: SessionUser) {
  return db.transaction((tx) => {
    const move = tx
      .select()
      .from(boardMoves)
      .where(and(eq(boardMoves.interventionId, interventionId), eq(boardMoves.movedBy, user.id), isNull(boardMoves.undoneAt)))
      .orderBy(desc(boardMoves.id))
      .limit(1)
      .get()
    if (!move) throw new DomainError('No hay movimientos suyos para deshacer.', 409)
    const card = tx.select().from(boardCards).where(eq(boardCards.id, move.cardId)).get()
    if (!card) throw new DomainError('La tarjeta de ese movimiento ya no existe.', 409)
    const back = move.fromClusterId !== null && tx.select({ id: clusters.id }).from(clusters).where(eq(clusters.id, move.fromClusterId)).get() ? move.fromClusterId : null
    tx.update(boardCards).set({ clusterId: back }).where(eq(boardCards.id, card.id)).run()
    tx.update(boardMoves).set({ undoneAt: new Date().toISOString() }).where(eq(boardMoves.id, move.id)).run()
    return { cardId: card.id, clusterId: back }
  })
}

/** Turns a cluster into an insight with a severity and the versions it concerns. */
export function createInsight(
  interventionId: number,
  clusterId: number,
  input: { title: string; description: string; severity: InsightSeverity; versionIds: number[] },
  user: SessionUser,
) {
  return db.transaction((tx) => {
    const cluster = requireCluster(tx, interventionId, clusterId)
    if (cluster.insightId) throw new DomainError('Este grupo ya es un hallazgo.', 409)
    const hasCards = tx.select({ id: boardCards.id }).from(boardCards).where(eq(boardCards.clusterId, cluster.id)).limit(1).get()
    if (!hasCards) throw new DomainError('Un hallazgo necesita al menos una tarjeta de evidencia.', 400)
    if (input.versionIds.length > 0) {
      const ok = tx
        .select({ id: prototypeVersions.id })
        .from(prototypeVersions)
        .innerJoin(prototypes, eq(prototypes.id, prototypeVersions.prototypeId))
        .where(and(inArray(prototypeVersions.id, input.versionIds), eq(prototypes.interventionId, interventionId)))
        .all()
      if (ok.length !== new Set(input.versionIds).size) throw new DomainError('Las versiones deben ser de esta intervención.', 400)
    }
    const insight = tx
      .insert(insights)
      .values({ interventionId, title: input.title, description: input.description, severity: input.severity, createdBy: user.id })
      .returning({ id: insights.id })
      .get()
    for (const v of new Set(input.versionIds)) tx.insert(insightVersions).values({ insightId: insight.id, versionId: v }).run()
    tx.update(clusters).set({ insightId: insight.id, name: cluster.name || input.title }).where(eq(clusters.id, cluster.id)).run()
    recordAudit({ actor: user, action: 'insight.create', entityType: 'insight', entityId: insight.id }, tx)
    return insight.id
  })
}

export async function getInsight(interventionId: number, insightId: number) {
  const insight = await db.query.insights.findFirst({ where: and(eq(insights.id, insightId), eq(insights.interventionId, interventionId)) })
  if (!insight) return null
  const [cluster, concerns, addressedBy] = await Promise.all([
    db.query.clusters.findFirst({ where: eq(clusters.insightId, insight.id) }),
    db.all<{ id: number; number: number; prototypeId: number; prototypeName: string }>(
      sql`select v.id, v.number, p.id prototypeId, p.name prototypeName from insight_versions iv
          join prototype_versions v on v.id = iv.version_id join prototypes p on p.id = v.prototype_id
          where iv.insight_id = ${insight.id} order by p.id, v.number`,
    ),
    db.all<{ id: number; number: number; prototypeId: number; prototypeName: string }>(
      sql`select v.id, v.number, p.id prototypeId, p.name prototypeName from version_addressed_insights a
          join prototype_versions v on v.id = a.version_id join prototypes p on p.id = v.prototype_id
          where a.insight_id = ${insight.id} order by p.id, v.number`,
    ),
  ])
  const evidence = cluster ? (await listCards(interventionId)).filter((c) => c.clusterId === cluster.id) : []
  return { ...insight, concerns, addressedBy, evidence }
}

export async function setInsightStatus(interventionId: number, insightId: number, status: 'open' | 'discarded', user: SessionUser) {
  const updated = await db
    .update(insights)
    .set({ status })
    .where(and(eq(insights.id, insightId), eq(insights.interventionId, interventionId)))
    .returning({ id: insights.id })
  if (updated.length === 0) throw new DomainError('No existe ese hallazgo.', 404)
  recordAudit({ actor: user, action: 'insight.status', entityType: 'insight', entityId: insightId, detail: { status } })
}

/** How many people the evidence comes from, and their age bands and digital skills. */
export async function evidenceSegments(evidence: { participantId: number | null }[]) {
  const ids = [...new Set(evidence.flatMap((c) => (c.participantId ? [c.participantId] : [])))]
  const people = ids.length > 0 ? await db.select({ ageBand: participants.ageBand, digitalSkill: participants.digitalSkill }).from(participants).where(inArray(participants.id, ids)) : []
  const count = (values: (string | null)[]) => {
    const totals = new Map<string, number>()
    for (const v of values) totals.set(v ?? 'sin dato', (totals.get(v ?? 'sin dato') ?? 0) + 1)
    return [...totals.entries()]
  }
  return { participants: ids.length, ageBands: count(people.map((p) => p.ageBand)), skills: count(people.map((p) => p.digitalSkill)) }
}
