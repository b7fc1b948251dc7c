import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { openDatabase } from '#db/connection.ts'
import { loadPrototypeLibrary, ManifestError } from '#db/prototype-library.ts'
import { isEmptyDatabase, seedDemoData } from '#db/seed-demo.ts'
import { loadDemoData } from '#db/seed.ts'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-seed-'))

describe('demo data', () => {
  test('is deterministic: two loads give the same answers', () => {
    const dump = () => {
      const db = openDatabase(':memory:')
      seedDemoData(db, 'hash')
      return db.all(sql`select client_id, kind, value_number, value_text from responses order by id`)
    }
    expect(dump()).toEqual(dump())
  })

  test('holds the ONP context DESIGN.md asks for', () => {
    const db = openDatabase(':memory:')
    const summary = seedDemoData(db, 'hash')
    expect(summary.interventions).toBeGreaterThanOrEqual(4)
    expect(summary.sessions).toBeGreaterThanOrEqual(6)
    const perSession = db.all<{ n: number }>(sql`select count(*) n from participants group by session_id`)
    expect(perSession.length).toBeGreaterThanOrEqual(6)
    for (const { n } of perSession) expect(n).toBeGreaterThanOrEqual(8)
    const perIntervention = db.all<{ n: number }>(
      sql`select count(p.id) n from interventions i join prototypes p on p.intervention_id = i.id group by i.id`,
    )
    for (const { n } of perIntervention) expect(n).toBeGreaterThanOrEqual(2)
    const stages = db.all<{ stage: string }>(sql`select distinct stage from interventions`)
    expect(stages.length).toBeGreaterThanOrEqual(4)
    const kinds = db.all<{ kind: string }>(sql`select distinct kind from responses`).map((r) => r.kind)
    expect(kinds).toEqual(expect.arrayContaining(['sus', 'seq', 'task_outcome', 'csat', 'nps', 'open_comment']))
    const noConsent = db.all(sql`select p.id from participants p left join consent_records c on c.participant_id = p.id where c.id is null`)
    expect(noConsent).toEqual([])
  })

  test('loadDemoData refuses a database that already holds data and changes nothing', async () => {
    const file = path.join(tmp(), 'k.db')
    const first = await loadDemoData(file)
    expect(first?.summary.users).toBe(3)
    const size = fs.statSync(file).size
    expect(await loadDemoData(file)).toBeNull()
    const db = openDatabase(file)
    expect(isEmptyDatabase(db)).toBe(false)
    expect(db.all(sql`select count(*) n from users`)).toEqual([{ n: 3 }])
    db.$client.close()
    expect(fs.statSync(file).size).toBe(size)
  })
})

describe('prototype library', () => {
  test('every manifest in prototypes/ is valid', () => {
    const library = loadPrototypeLibrary()
    expect(library.length).toBeGreaterThanOrEqual(8)
    for (const p of library) expect(p.versions.map((v) => v.manifest.version)).toEqual(p.versions.map((_, i) => i + 1))
  })

  test('a bad manifest fails with a message naming the file and the field', () => {
    const dir = tmp()
    fs.mkdirSync(path.join(dir, 'roto'))
    fs.writeFileSync(
      path.join(dir, 'roto', 'prototype.json'),
      JSON.stringify({ name: 'Roto', service: 'S', channel: 'fax', fidelity: 'paper' }),
    )
    fs.writeFileSync(path.join(dir, 'roto', 'v1.json'), '{}')
    expect(() => loadPrototypeLibrary(dir)).toThrow(ManifestError)
    expect(() => loadPrototypeLibrary(dir)).toThrow(/roto\/prototype\.json: campo "channel"/)

    fs.writeFileSync(path.join(dir, 'roto', 'prototype.json'), JSON.stringify({ name: 'Roto', service: 'S', channel: 'web', fidelity: 'paper' }))
    fs.writeFileSync(
      path.join(dir, 'roto', 'v1.json'),
      JSON.stringify({ version: 1, title: 'T', changelog: 'C', screens: [{ id: 'a', title: 'A', actions: [{ label: 'Ir', goTo: 'b' }] }] }),
    )
    expect(() => loadPrototypeLibrary(dir)).toThrow(/roto\/v1\.json: campo "screens\.0\.actions\.0\.goTo": la pantalla "b" no existe/)

    fs.writeFileSync(path.join(dir, 'roto', 'v1.json'), '{ no es json')
    expect(() => loadPrototypeLibrary(dir)).toThrow(/roto\/v1\.json: no es JSON válido/)
  })
})
