import fs from 'node:fs'
import path from 'node:path'
import { and, eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { artifacts, insights, interventions, prototypes, prototypeVersions, responses } from '#db/schema.ts'
import * as artifactFile from '#app/routes/artifact-file.ts'
import * as compare from '#app/routes/prototypes/compare.tsx'
import * as newPrototype from '#app/routes/prototypes/new.tsx'
import * as versionDetail from '#app/routes/versions/detail.tsx'
import * as editVersion from '#app/routes/versions/edit.tsx'
import * as newVersion from '#app/routes/versions/new.tsx'
import { args, cookieFor, db, get, post, postMultipart, run, seedOnce, text } from '#tests/setup/app.ts'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const png = (name = 'pantalla.png') => new File([PNG], name, { type: 'image/png' })
const uploads = () => {
  const dir = path.join(process.env.DATA_DIR!, 'uploads')
  return fs.existsSync(dir) ? fs.readdirSync(dir) : []
}

let facilitator: string
let manager: string

beforeAll(async () => {
  await seedOnce()
  ;[facilitator, manager] = await Promise.all([cookieFor('facilitator'), cookieFor('manager')])
})

async function newProto(code = 'INT-005') {
  const result = await run(() =>
    newPrototype.action(
      args(post(`/intervenciones/${code}/prototipos/nuevo`, { name: 'Agenda de citas', channel: 'web', fidelity: 'paper', description: 'x' }, facilitator), {
        code,
      }),
    ),
  )
  expect(result.status).toBe(302)
  return Number(result.headers.get('Location')!.match(/prototipos\/(\d+)/)![1])
}

const versionCount = async () => (await db.select({ n: sql<number>`count(*)` }).from(prototypeVersions))[0]!.n

function publish(code: string, prototypeId: number, fields: Record<string, string | string[] | File | File[]>, cookie = facilitator, query = '') {
  const url = `/intervenciones/${code}/prototipos/${prototypeId}/versiones/nueva${query}`
  return run(() => newVersion.action(args(postMultipart(url, fields, cookie), { code, prototypeId: String(prototypeId) })))
}

describe('prototypes', () => {
  test('a facilitator adds a prototype; bad input and managers are refused', async () => {
    const id = await newProto()
    expect(await db.query.prototypes.findFirst({ where: eq(prototypes.id, id) })).toMatchObject({ name: 'Agenda de citas', fidelity: 'paper' })
    const bad = await run(() =>
      newPrototype.action(args(post('/intervenciones/INT-005/prototipos/nuevo', { name: '', channel: 'tv', fidelity: 'x' }, facilitator), { code: 'INT-005' })),
    )
    expect(bad.status).toBe(400)
    expect(text(bad.data)).toContain('Escriba el nombre del prototipo.')
    expect(text(bad.data)).toContain('Elija un canal.')
    const forbidden = await run(() =>
      newPrototype.action(args(post('/intervenciones/INT-005/prototipos/nuevo', { name: 'x', channel: 'web', fidelity: 'paper' }, manager), { code: 'INT-005' })),
    )
    expect(forbidden.status).toBe(403)
    const unknown = await run(() => newPrototype.loader(args(get('/intervenciones/INT-404/prototipos/nuevo', facilitator), { code: 'INT-404' })))
    expect(unknown.status).toBe(404)
  })
})

describe('publishing versions', () => {
  test('v1 with a link and an uploaded image, then v2 with a changelog that addresses an insight', async () => {
    const id = await newProto()
    const v1 = await publish('INT-005', id, {
      changelog: 'Primera versión en papel.',
      status: 'testing',
      'links[0].title': 'Maqueta',
      'links[0].url': 'https://www.gob.pe/onp',
      files: [png(), new File([PDF], 'guion.pdf', { type: 'application/pdf' })],
    })
    expect(v1.status).toBe(302)
    expect(v1.headers.get('Location')).toMatch(/versiones\/1\?publicada=1$/)
    const version = (await db.query.prototypeVersions.findFirst({ where: and(eq(prototypeVersions.prototypeId, id), eq(prototypeVersions.number, 1)) }))!
    const rows = await db.select().from(artifacts).where(eq(artifacts.versionId, version.id)).orderBy(artifacts.id)
    expect(rows.map((r) => [r.kind, r.mimeType])).toEqual([
      ['link', null],
      ['image', 'image/png'],
      ['pdf', 'application/pdf'],
    ])
    for (const r of rows.filter((r) => r.filePath)) expect(fs.existsSync(path.join(process.env.DATA_DIR!, r.filePath!))).toBe(true)

    // The image is served to staff, with the type checked at upload.
    const image = rows[1]!
    const served = await artifactFile.loader(args(get(`/archivos/${image.id}`, manager), { artifactId: String(image.id) }))
    expect(served.headers.get('Content-Type')).toBe('image/png')
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)
    const anonymous = await run(() => artifactFile.loader(args(get(`/archivos/${image.id}`), { artifactId: String(image.id) })))
    expect(anonymous.status).toBe(302)
    expect((await run(() => artifactFile.loader(args(get('/archivos/999999', manager), { artifactId: '999999' })))).status).toBe(404)
    expect((await run(() => artifactFile.loader(args(get('/archivos/..%2F..%2Fetc', manager), { artifactId: '../../etc' })))).status).toBe(404)

    // v2 addresses an insight of this intervention, which then reads "atendido".
    const intervention = (await db.query.interventions.findFirst({ where: eq(interventions.code, 'INT-005') }))!
    const insight = (await db.insert(insights).values({ interventionId: intervention.id, title: 'No saben a qué hora ir', severity: 'high' }).returning())[0]!
    const v2 = await publish(
      'INT-005',
      id,
      { changelog: 'Se muestra la hora exacta de la cita.', status: 'draft', insightIds: String(insight.id), carryArtifactIds: String(image.id) },
      facilitator,
      '?desde=1',
    )
    expect(v2.headers.get('Location')).toMatch(/versiones\/2\?publicada=1$/)
    expect((await db.query.insights.findFirst({ where: eq(insights.id, insight.id) }))!.status).toBe('addressed')
    const page = (await versionDetail.loader(
      args(get(`/intervenciones/INT-005/prototipos/${id}/versiones/2`, manager), { code: 'INT-005', prototypeId: String(id), number: '2' }),
    )) as Awaited<ReturnType<typeof versionDetail.loader>>
    expect(page.version.addressedInsights.map((i) => i.title)).toEqual(['No saben a qué hora ir'])
    expect(page.version.artifacts.map((a) => a.kind)).toEqual(['image'])

    const side = (await compare.loader(
      args(get(`/intervenciones/INT-005/prototipos/${id}/comparar?a=1&b=2`, manager), { code: 'INT-005', prototypeId: String(id) }),
    )) as Awaited<ReturnType<typeof compare.loader>>
    expect(side.columns.map((c) => c.version.changelog)).toEqual(['Primera versión en papel.', 'Se muestra la hora exacta de la cita.'])
  })

  test('refusals: empty changelog, a javascript: link, an insight of another intervention, a manager', async () => {
    const id = await newProto()
    const before = await versionCount()
    const empty = await publish('INT-005', id, { changelog: ' ', status: 'draft' })
    expect(empty.status).toBe(400)
    expect(text(empty.data)).toContain('Explique qué cambió y por qué.')
    const link = await publish('INT-005', id, { changelog: 'x', status: 'draft', 'links[0].url': 'javascript:alert(1)' })
    expect(link.status).toBe(400)
    expect(text(link.data)).toContain('http:// o https://')
    const otherInsight = (await db.select().from(insights).limit(1))[0]!
    const foreign = await publish('INT-005', id, { changelog: 'x', status: 'draft', insightIds: String(otherInsight.id) })
    expect(foreign.status).toBe(400)
    expect(text(foreign.data)).toContain('no es de esta intervención')
    expect((await publish('INT-005', id, { changelog: 'x', status: 'draft' }, manager)).status).toBe(403)
    expect(await versionCount()).toBe(before)
  })

  test('an upload that is empty, of the wrong type or too big is refused and leaves nothing behind', async () => {
    const id = await newProto()
    const beforeFiles = uploads().length
    const beforeVersions = await versionCount()
    const fake = await publish('INT-005', id, { changelog: 'x', status: 'draft', files: [png('buena.png'), new File(['<script>alert(1)</script>'], 'foto.png', { type: 'image/png' })] })
    expect(fake.status).toBe(400)
    expect(text(fake.data)).toContain('«foto.png» no es una imagen')
    const empty = await publish('INT-005', id, { changelog: 'x', status: 'draft', files: new File([], 'vacia.png', { type: 'image/png' }) })
    expect(text(empty.data)).toContain('está vacío')
    const big = await publish('INT-005', id, { changelog: 'x', status: 'draft', files: new File([Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])], 'grande.png') })
    expect(big.status).toBe(400)
    expect(text(big.data)).toContain('pesa más de 5 MB')
    expect(uploads().length).toBe(beforeFiles)
    expect(await versionCount()).toBe(beforeVersions)
  })

  test('a body larger than all allowed files together is refused with 413 before it is read', async () => {
    const id = await newProto()
    const url = `/intervenciones/INT-005/prototipos/${id}/versiones/nueva`
    const request = postMultipart(url, { changelog: 'x', status: 'draft' }, facilitator, { 'Content-Length': String(200 * 1024 * 1024) })
    const result = await run(() => newVersion.action(args(request, { code: 'INT-005', prototypeId: String(id) })))
    expect(result.status).toBe(413)
  })

  test('when the save is refused after files were stored, the files are removed again', async () => {
    const id = await newProto()
    const otherInsight = (await db.select().from(insights).limit(1))[0]!
    const beforeFiles = uploads().length
    const result = await publish('INT-005', id, { changelog: 'x', status: 'draft', insightIds: String(otherInsight.id), files: png() })
    expect(result.status).toBe(400)
    expect(uploads().length).toBe(beforeFiles)
  })
})

describe('frozen versions', () => {
  const seededV1 = async () => {
    const proto = (await db.query.prototypes.findFirst({ where: eq(prototypes.librarySlug, 'onpvirtual-formulario-simplificado') }))!
    return { proto, params: { code: 'INT-001', prototypeId: String(proto.id), number: '1' } }
  }

  test('a version citizens answered about cannot be edited: 409 with the reason, and the edit page offers a new version', async () => {
    const { proto, params } = await seededV1()
    const url = `/intervenciones/INT-001/prototipos/${proto.id}/versiones/1/editar`
    const page = (await editVersion.loader(args(get(url, facilitator), params))) as Awaited<ReturnType<typeof editVersion.loader>>
    expect(page.version.frozen).toBe(true)
    const result = await run(() => editVersion.action(args(postMultipart(url, { changelog: 'Reescrito', status: 'testing' }, facilitator), params)))
    expect(result.status).toBe(409)
    expect(text(result.data)).toContain('ya tiene respuestas de ciudadanos')
    const v1 = (await db.query.prototypeVersions.findFirst({ where: and(eq(prototypeVersions.prototypeId, proto.id), eq(prototypeVersions.number, 1)) }))!
    expect(v1.changelog).not.toBe('Reescrito')
  })

  test('its lifecycle status can still change', async () => {
    const { proto, params } = await seededV1()
    const url = `/intervenciones/INT-001/prototipos/${proto.id}/versiones/1`
    const result = await run(() => versionDetail.action(args(post(url, { status: 'implemented' }, facilitator), params)))
    expect(result.status).toBe(302)
    expect((await run(() => versionDetail.action(args(post(url, { status: 'x' }, facilitator), params)))).status).toBe(400)
    expect((await run(() => versionDetail.action(args(post(url, { status: 'draft' }, manager), params)))).status).toBe(403)
  })

  test('an unanswered version can be edited, and a removed file leaves the disk', async () => {
    const id = await newProto()
    await publish('INT-005', id, { changelog: 'Primera', status: 'draft', files: png() })
    const version = (await db.query.prototypeVersions.findFirst({ where: eq(prototypeVersions.prototypeId, id) }))!
    const [image] = await db.select().from(artifacts).where(eq(artifacts.versionId, version.id))
    const file = path.join(process.env.DATA_DIR!, image!.filePath!)
    expect(fs.existsSync(file)).toBe(true)
    const params = { code: 'INT-005', prototypeId: String(id), number: '1' }
    const url = `/intervenciones/INT-005/prototipos/${id}/versiones/1/editar`
    const result = await run(() =>
      editVersion.action(args(postMultipart(url, { changelog: 'Corregida', status: 'testing', removeArtifactIds: String(image!.id) }, facilitator), params)),
    )
    expect(result.status).toBe(302)
    expect((await db.query.prototypeVersions.findFirst({ where: eq(prototypeVersions.id, version.id) }))!).toMatchObject({ changelog: 'Corregida', status: 'testing' })
    expect(await db.select().from(artifacts).where(eq(artifacts.versionId, version.id))).toEqual([])
    expect(fs.existsSync(file)).toBe(false)
  })

  test('unknown prototype or version → 404; comparing needs two real versions', async () => {
    const r1 = await run(() => versionDetail.loader(args(get('/x', manager), { code: 'INT-001', prototypeId: '99999', number: '1' })))
    expect(r1.status).toBe(404)
    const { proto } = await seededV1()
    const r2 = await run(() => versionDetail.loader(args(get('/x', manager), { code: 'INT-001', prototypeId: String(proto.id), number: '9' })))
    expect(r2.status).toBe(404)
    const r3 = await run(() => versionDetail.loader(args(get('/x', manager), { code: 'INT-002', prototypeId: String(proto.id), number: '1' })))
    expect(r3.status).toBe(404)
    const r4 = await run(() => compare.loader(args(get('/x?a=1', manager), { code: 'INT-001', prototypeId: String(proto.id) })))
    expect(r4.status).toBe(404)
  })

  test('headline scores of the seeded versions: 60 % → 90 % completion with adjusted-Wald intervals', async () => {
    const { proto } = await seededV1()
    const side = (await compare.loader(
      args(get('/x?a=1&b=2', manager), { code: 'INT-001', prototypeId: String(proto.id) }),
    )) as Awaited<ReturnType<typeof compare.loader>>
    const [v1, v2] = side.columns.map((c) => c.scores)
    expect(v1!.completion).toMatchObject({ successes: 18, attempts: 30, rate: 0.6 })
    expect(v2!.completion).toMatchObject({ successes: 54, attempts: 60, rate: 0.9 })
    expect(v1!.completion!.low).toBeCloseTo(0.4232, 3)
    expect(v1!.sus!.n).toBe(10)
    expect(v2!.sus!.n).toBe(20)
    expect(Math.round(v1!.sus!.mean)).toBe(58)
    expect(Math.round(v2!.sus!.mean)).toBe(74)
    const answered = await db.select({ n: sql<number>`count(*)` }).from(responses)
    expect(answered[0]!.n).toBeGreaterThan(1000)
  })
})
