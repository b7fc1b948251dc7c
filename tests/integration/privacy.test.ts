import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { auditLog, consentRecords, observations, participants, responses, sessions } from '#db/schema.ts'
import { openDatabase } from '#db/connection.ts'
import { backupDatabase } from '#db/backup.ts'
import { isEmptyDatabase, seedDemoData } from '#db/seed-demo.ts'
import * as consoleRoute from '#app/routes/sessions/console.tsx'
import * as privacy from '#app/routes/admin/privacy.tsx'
import * as users from '#app/routes/admin/users.tsx'
import * as consent from '#app/routes/admin/consent.tsx'
import * as audit from '#app/routes/admin/audit.tsx'
import { getUser } from '#app/.server/auth.ts'
import { args, cookieFor, db, get, post, run, seedOnce, text } from '#tests/setup/app.ts'

let admin: string
let facilitator: string

beforeAll(async () => {
  await seedOnce()
  ;[admin, facilitator] = await Promise.all([cookieFor('admin'), cookieFor('facilitator')])
})

const TEST_DNI = '40817263'

describe('DNI', () => {
  test('is stored only as an HMAC: never in clear in the database file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-dni-'))
    const file = path.join(dir, 'k.db')
    // The app's own database is in memory; copy it to a file and search its bytes.
    const planned = (await db.query.sessions.findFirst({ where: eq(sessions.status, 'planned') }))!
    const result = await run(() =>
      consoleRoute.action(args(post(`/sesiones/${planned.id}/consola`, { intent: 'add_participant', oralConsent: 'on', dni: TEST_DNI }, facilitator), { id: String(planned.id) })),
    )
    expect(result.status).toBe(200)
    const stored = (await db.select().from(participants).where(sql`${participants.dniHmac} is not null`))[0]!
    expect(stored.dniHmac).toMatch(/^[0-9a-f]{64}$/)
    expect(stored.dniHmac).not.toContain(TEST_DNI)
    await db.$client.backup(file)
    const bytes = fs.readFileSync(file)
    expect(bytes.includes(Buffer.from(TEST_DNI))).toBe(false)
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain(TEST_DNI)
    // The same DNI again is recognised without ever being stored.
    const again = await run(() =>
      consoleRoute.action(args(post(`/sesiones/${planned.id}/consola`, { intent: 'add_participant', oralConsent: 'on', dni: TEST_DNI }, facilitator), { id: String(planned.id) })),
    )
    expect(again.status).toBe(409)
  })

  test('an admin finds that person by DNI or code; others cannot', async () => {
    type Found = { participant: { id: number; code: string; hasDni: boolean } | null; invalid: boolean }
    const searchFor = (fields: Record<string, string>, cookie = admin) => run(() => privacy.action(args(post('/admin/privacidad', { intent: 'search', ...fields }, cookie))))
    const byDni = (await searchFor({ dni: TEST_DNI })).data as Found
    expect(byDni.participant?.hasDni).toBe(true)
    expect(JSON.stringify(byDni)).not.toContain(TEST_DNI)
    const byCode = (await searchFor({ codigo: byDni.participant!.code.toLowerCase() })).data as Found
    expect(byCode.participant?.id).toBe(byDni.participant!.id)
    const bad = await searchFor({ codigo: 'Juan' })
    expect(bad.status).toBe(400)
    expect((bad.data as Found).invalid).toBe(true)
    expect((await searchFor({ dni: TEST_DNI }, facilitator)).status).toBe(403)
    expect((await run(() => privacy.loader(args(get('/admin/privacidad', facilitator))))).status).toBe(403)
  })
})

describe('export and delete one participant', () => {
  test('export gives all their data as JSON and is audit-logged', async () => {
    const p = (await db.query.participants.findFirst({ where: eq(participants.code, 'P-0001') }))!
    const response = (await privacy.action(args(post('/admin/privacidad', { intent: 'export', participantId: String(p.id) }, admin)))) as Response
    expect(response.headers.get('Content-Type')).toContain('application/json')
    const body = JSON.parse(await response.text())
    expect(body.participant.code).toBe('P-0001')
    expect(body.answers.length).toBeGreaterThan(15)
    expect(body.consent[0]).toMatchObject({ textVersion: 1 })
    expect(await db.select().from(auditLog).where(eq(auditLog.action, 'participant.export'))).toHaveLength(1)
  })

  test('delete leaves no linked rows; answers stay only as anonymous rows; audit-logged', async () => {
    const p = (await db.query.participants.findFirst({ where: eq(participants.code, 'P-0002') }))!
    const answersBefore = (await db.select({ n: sql<number>`count(*)` }).from(responses))[0]!.n
    const theirs = (await db.select({ n: sql<number>`count(*)` }).from(responses).where(eq(responses.participantId, p.id)))[0]!.n
    const unconfirmed = await run(() => privacy.action(args(post('/admin/privacidad', { intent: 'delete', participantId: String(p.id) }, admin))))
    expect(unconfirmed.status).toBe(400)
    const result = await run(() => privacy.action(args(post('/admin/privacidad', { intent: 'delete', participantId: String(p.id), confirm: 'on' }, admin))))
    expect(result.status).toBe(302)
    expect(await db.query.participants.findFirst({ where: eq(participants.id, p.id) })).toBeUndefined()
    expect(await db.select().from(consentRecords).where(eq(consentRecords.participantId, p.id))).toEqual([])
    expect(await db.select().from(responses).where(eq(responses.participantId, p.id))).toEqual([])
    expect(await db.select().from(observations).where(eq(observations.participantId, p.id))).toEqual([])
    expect((await db.select({ n: sql<number>`count(*)` }).from(responses))[0]!.n).toBe(answersBefore)
    const logged = await db.select().from(auditLog).where(eq(auditLog.action, 'participant.delete'))
    expect(logged).toMatchObject([{ entityId: 'P-0002', detail: { anonymisedAnswers: theirs } }])
    const again = await run(() => privacy.action(args(post('/admin/privacidad', { intent: 'delete', participantId: String(p.id), confirm: 'on' }, admin))))
    expect(again.status).toBe(404)
  })
})

describe('admin', () => {
  const act = (fields: Record<string, string>, cookie = admin) => run(() => users.action(args(post('/admin/usuarios', fields, cookie))))

  test('creates accounts with a strong password; refuses short and common ones', async () => {
    expect(text((await act({ intent: 'create', email: 'nuevo@katapulta.pe', name: 'Nuevo', role: 'facilitator', password: 'corta' })).data)).toContain('al menos 12')
    expect(text((await act({ intent: 'create', email: 'nuevo@katapulta.pe', name: 'Nuevo', role: 'facilitator', password: 'contraseña123' })).data)).toContain('muy común')
    expect((await act({ intent: 'create', email: 'Nuevo@Katapulta.pe', name: 'Nuevo', role: 'facilitator', password: 'caballo-bateria-grapa' })).status).toBe(302)
    expect((await act({ intent: 'create', email: 'nuevo@katapulta.pe', name: 'Otro', role: 'manager', password: 'caballo-bateria-grapa' })).status).toBe(409)
  })

  test('changes a role, deactivates (ending their sessions), resets a password; not on oneself', async () => {
    const manager = await cookieFor('manager')
    const target = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'gerente@katapulta.pe') }))!
    expect((await act({ intent: 'role', userId: String(target.id), role: 'facilitator' })).status).toBe(302)
    expect((await act({ intent: 'role', userId: String(target.id), role: 'manager' })).status).toBe(302)
    expect(await getUser(get('/', manager))).not.toBeNull()
    expect((await act({ intent: 'deactivate', userId: String(target.id) })).status).toBe(302)
    expect(await getUser(get('/', manager))).toBeNull()
    expect((await act({ intent: 'activate', userId: String(target.id) })).status).toBe(302)
    expect((await act({ intent: 'password', userId: String(target.id), password: 'una-frase-larga-nueva' })).status).toBe(302)
    const me = (await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'admin@katapulta.pe') }))!
    expect((await act({ intent: 'deactivate', userId: String(me.id) })).status).toBe(409)
    expect((await act({ intent: 'role', userId: String(target.id), role: 'admin' }, facilitator)).status).toBe(403)
  })

  test('consent texts are versioned by admins', async () => {
    expect((await run(() => consent.action(args(post('/admin/consentimiento', { body: 'corto' }, admin))))).status).toBe(400)
    const r = await run(() => consent.action(args(post('/admin/consentimiento', { body: 'Le invitamos a participar. '.repeat(4) }, admin))))
    expect(r.headers.get('Location')).toBe('/admin/consentimiento?version=2')
    expect((await run(() => consent.action(args(post('/admin/consentimiento', { body: 'x'.repeat(50) }, facilitator))))).status).toBe(403)
  })

  test('the audit log is readable by admins with filters', async () => {
    const data = (await audit.loader(args(get('/admin/auditoria?accion=auth.', admin)))) as Awaited<ReturnType<typeof audit.loader>>
    expect(data.total).toBeGreaterThan(0)
    expect(data.rows.every((r) => r.action.startsWith('auth.'))).toBe(true)
    expect((await run(() => audit.loader(args(get('/admin/auditoria', facilitator))))).status).toBe(403)
  })

  test('audit filters ignore case and accents and take % and _ literally', async () => {
    const load = async (query: string) => (await audit.loader(args(get(`/admin/auditoria?${query}`, admin)))) as Awaited<ReturnType<typeof audit.loader>>
    const actions = async (query: string) => (await load(query)).rows.map((r) => r.action)
    expect(await actions('accion=AUTH.')).toEqual(await actions('accion=auth.'))
    // The consent test above published a text: "consent_text" is a prefix, its _ a plain character.
    expect(await actions('accion=consent_text')).toContain('consent_text.publish')
    expect(await actions('accion=consent%25')).toEqual([])
    expect((await load('persona=ADMIN%40KATAPULTA')).total).toBe((await load('persona=admin%40katapulta')).total)
    expect((await load('persona=%25')).total).toBe(0)
    await db.insert(auditLog).values({ actorLabel: 'José Núñez', action: 'test.search' })
    expect(await actions('persona=jose%20nunez')).toEqual(['test.search'])
    expect(await actions('persona=N%C3%9A%C3%91EZ')).toEqual(['test.search'])
  })
})

describe('backup', () => {
  test('an online backup passes integrity_check and restores with the data readable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-backup-'))
    const source = path.join(dir, 'live.db')
    const live = openDatabase(source)
    seedDemoData(live, 'hash')
    const result = await backupDatabase(source, path.join(dir, 'copia.db'))
    expect(result.bytes).toBeGreaterThan(100_000)
    live.$client.close()
    // Restore: the copy takes the place of the live file.
    fs.rmSync(source)
    fs.copyFileSync(result.destination, source)
    const restored = openDatabase(source)
    expect(isEmptyDatabase(restored)).toBe(false)
    expect(restored.all(sql`select count(*) n from responses`)).toEqual([{ n: expect.any(Number) }])
    expect((restored.all<{ n: number }>(sql`select count(*) n from participants`))[0]!.n).toBe(66)
    restored.$client.close()
  })
})
