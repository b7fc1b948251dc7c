// The database itself refuses rows that break the domain's rules.
import { eq, notInArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import * as t from '#db/schema.ts'
import { db, seedOnce } from '#tests/setup/app.ts'

beforeAll(seedOnce)

const first = async <T>(q: Promise<T[]>) => (await q)[0]!
const rejects = (fn: () => unknown, pattern: RegExp) => expect(async () => await fn()).rejects.toThrow(pattern)

describe('schema constraints', () => {
  test('pragmas: WAL is not available in memory, but foreign keys are on', () => {
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  test('interventions: code shape, unique code, known stage, end not before start', async () => {
    const base = { title: 'Prueba', service: 'Servicio' }
    await rejects(() => db.insert(t.interventions).values({ ...base, code: 'X-1' }), /CHECK constraint failed: interventions_code/)
    await rejects(() => db.insert(t.interventions).values({ ...base, code: 'INT-001' }), /UNIQUE constraint failed: interventions.code/)
    await rejects(
      () => db.insert(t.interventions).values({ ...base, code: 'INT-900', stage: 'soñar' as never }),
      /CHECK constraint failed: interventions_stage/,
    )
    await rejects(
      () => db.insert(t.interventions).values({ ...base, code: 'INT-901', startDate: '2021-05-01', endDate: '2021-04-30' }),
      /CHECK constraint failed: interventions_dates/,
    )
    await rejects(() => db.insert(t.interventions).values({ ...base, code: 'INT-902', title: '   ' }), /interventions_title/)
  })

  test('channels, decisions and stage changes keep to the domain', async () => {
    const intervention = await first(db.select().from(t.interventions).where(eq(t.interventions.code, 'INT-005')))
    await rejects(() => db.insert(t.interventionChannels).values({ interventionId: intervention.id, channel: 'fax' as never }), /CHECK/)
    await rejects(
      () => db.insert(t.decisions).values({ interventionId: intervention.id, decision: 'scale', reason: '  ' }),
      /decisions_reason/,
    )
    await rejects(
      () => db.insert(t.stageChanges).values({ interventionId: intervention.id, fromStage: 'define', toStage: 'define' }),
      /stage_changes_differ/,
    )
    await rejects(() => db.insert(t.decisions).values({ interventionId: 99999, decision: 'scale', reason: 'x' }), /FOREIGN KEY/)
  })

  test('an intervention with prototypes cannot be deleted (archive instead)', async () => {
    await rejects(() => db.delete(t.interventions).where(eq(t.interventions.code, 'INT-001')), /FOREIGN KEY/)
  })

  test('prototype versions are numbered from 1, once per prototype', async () => {
    const version = await first(db.select().from(t.prototypeVersions))
    await rejects(
      () => db.insert(t.prototypeVersions).values({ prototypeId: version.prototypeId, number: version.number, changelog: 'x' }),
      /UNIQUE constraint failed/,
    )
    await rejects(() => db.insert(t.prototypeVersions).values({ prototypeId: version.prototypeId, number: 0, changelog: 'x' }), /CHECK/)
  })

  test('a version that citizens answered about is frozen, and so are its artifacts', async () => {
    const [answered] = await db.select({ id: t.responses.versionId }).from(t.responses).where(eq(t.responses.kind, 'sus')).limit(1)
    const id = answered!.id!
    await rejects(() => db.update(t.prototypeVersions).set({ changelog: 'reescrito' }).where(eq(t.prototypeVersions.id, id)), /frozen/)
    await rejects(() => db.insert(t.artifacts).values({ versionId: id, kind: 'link', title: 'x', url: 'https://onp.gob.pe' }), /frozen/)
    // Its status may still move on (e.g. to "validada").
    await db.update(t.prototypeVersions).set({ status: 'validated' }).where(eq(t.prototypeVersions.id, id))
  })

  test('artifacts: links only http(s), files need a type and a size', async () => {
    const version = await first(
      db.select().from(t.prototypeVersions).where(notInArray(t.prototypeVersions.id, db.select({ id: sql`coalesce(${t.responses.versionId}, 0)` }).from(t.responses))),
    )
    await rejects(() => db.insert(t.artifacts).values({ versionId: version.id, kind: 'link', title: 'x', url: 'javascript:alert(1)' }), /artifacts_shape/)
    await rejects(() => db.insert(t.artifacts).values({ versionId: version.id, kind: 'image', title: 'x', filePath: 'a.png' }), /artifacts_shape/)
  })

  test('responses: unique client id, values inside each scale, some value present', async () => {
    const r = await first(db.select().from(t.responses).where(eq(t.responses.kind, 'sus')))
    const { id: _id, receivedAt: _r, ...copy } = r
    await rejects(() => db.insert(t.responses).values(copy), /UNIQUE constraint failed: responses.client_id/)
    await rejects(() => db.insert(t.responses).values({ ...copy, clientId: 'cliente-nuevo-1', valueNumber: 6 }), /responses_scale_ranges/)
    await rejects(
      () => db.insert(t.responses).values({ ...copy, clientId: 'cliente-nuevo-2', valueNumber: null, valueText: null, valueJson: null }),
      /responses_has_value/,
    )
    await rejects(
      () => db.insert(t.responses).values({ ...copy, clientId: 'cliente-nuevo-3', kind: 'nps', valueNumber: 11 }),
      /responses_scale_ranges/,
    )
    await rejects(() => db.insert(t.responses).values({ ...copy, clientId: 'x' }), /responses_client_id/)
  })

  test('questions of an answered instrument cannot change', async () => {
    const r = await first(db.select().from(t.responses).where(eq(t.responses.kind, 'sus')))
    await rejects(() => db.update(t.questions).set({ text: 'Otro texto' }).where(eq(t.questions.id, r.questionId)), /frozen/)
  })

  test('SUS questions carry their item and wording', async () => {
    const iv = await first(db.select().from(t.instrumentVersions))
    await rejects(
      () => db.insert(t.questions).values({ instrumentVersionId: iv.id, position: 999, kind: 'sus', text: 'Ítem', config: {} }),
      /questions_sus_item|frozen/,
    )
  })

  test('participants: pseudonymous code, known segments; oral consent needs a witness', async () => {
    const session = await first(db.select().from(t.sessions))
    await rejects(() => db.insert(t.participants).values({ code: 'Juan Pérez', sessionId: session.id }), /participants_code/)
    await rejects(() => db.insert(t.participants).values({ code: 'P-0001', sessionId: session.id }), /UNIQUE/)
    await rejects(() => db.insert(t.participants).values({ code: 'P-9001', sessionId: session.id, ageBand: '100+' as never }), /CHECK/)
    await rejects(() => db.insert(t.participants).values({ code: 'P-9002', sessionId: session.id, dniHmac: '12345678' }), /participants_dni_hmac/)
    const p = await first(db.insert(t.participants).values({ code: 'P-9003', sessionId: session.id }).returning())
    const consent = await first(db.select().from(t.consentTexts))
    await rejects(
      () => db.insert(t.consentRecords).values({ participantId: p.id, consentTextId: consent.id, method: 'oral' }),
      /consent_records_oral_witness/,
    )
  })

  test('sessions need a real date, kind and status', async () => {
    const s = await first(db.select().from(t.sessions))
    const { id: _id, ...copy } = s
    await rejects(() => db.insert(t.sessions).values({ ...copy, date: '10/03/2021' }), /sessions_date/)
    await rejects(() => db.insert(t.sessions).values({ ...copy, status: 'paused' as never }), /sessions_status/)
  })

  test('channel metrics: one value per metric and month, never negative', async () => {
    const m = await first(db.select().from(t.channelMetrics))
    await rejects(() => db.insert(t.channelMetrics).values({ metric: m.metric, channel: m.channel, month: m.month, value: 1 }), /UNIQUE/)
    await rejects(() => db.insert(t.channelMetrics).values({ metric: m.metric, channel: m.channel, month: '2030-13', value: 1 }), /month/)
    await rejects(() => db.insert(t.channelMetrics).values({ metric: m.metric, channel: m.channel, month: '2030-01', value: -1 }), /value/)
  })

  test('the audit log is append-only', async () => {
    await db.insert(t.auditLog).values({ actorLabel: 'prueba', action: 'test' })
    await rejects(() => db.update(t.auditLog).set({ action: 'otro' }), /append-only/)
    await rejects(() => db.delete(t.auditLog), /append-only/)
  })

  test('users: known role, lowercase email', async () => {
    await rejects(() => db.insert(t.users).values({ email: 'X@katapulta.pe', name: 'X', role: 'admin', passwordHash: 'h' }), /users_email_lowercase/)
    await rejects(() => db.insert(t.users).values({ email: 'x@katapulta.pe', name: 'X', role: 'root' as never, passwordHash: 'h' }), /users_role/)
  })
})
