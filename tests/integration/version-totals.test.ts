// version_participant_totals is kept by triggers on responses (migration 0006). Whatever happens to
// the answers — new ones, changed values, a person deleted (participant_id set to null), an answer
// moved to another version, deleted — the totals must equal a recount of the answers, done here in
// plain JavaScript from the rows, independently of the triggers' SQL.
import fc from 'fast-check'
import { beforeAll, expect, test } from 'vitest'
import { db, seedOnce } from '#tests/setup/app.ts'

const sqlite = db.$client

type Totals = { answers: number; task_attempts: number; task_successes: number; sus_items: number; sus_points: number }

function recount(): Record<string, Totals> {
  const direction = new Map<number, boolean>()
  for (const q of sqlite.prepare("select id, config from questions where kind = 'sus'").all() as { id: number; config: string }[]) {
    const config = JSON.parse(q.config) as { wording?: string; item?: number }
    direction.set(q.id, config.wording === 'positive' || (config.item ?? 0) % 2 === 1)
  }
  const totals: Record<string, Totals> = {}
  const rows = sqlite.prepare('select version_id, participant_id, question_id, kind, value_number from responses where version_id is not null').all() as {
    version_id: number
    participant_id: number | null
    question_id: number
    kind: string
    value_number: number | null
  }[]
  for (const r of rows) {
    const key = `${r.version_id}/${r.participant_id ?? 0}`
    const t = (totals[key] ??= { answers: 0, task_attempts: 0, task_successes: 0, sus_items: 0, sus_points: 0 })
    t.answers++
    if (r.kind === 'task_outcome') {
      t.task_attempts++
      if (r.value_number === 1) t.task_successes++
    }
    if (r.kind === 'sus') {
      t.sus_items++
      if (r.value_number !== null) t.sus_points += direction.get(r.question_id) ? r.value_number - 1 : 5 - r.value_number
    }
  }
  return totals
}

function stored(): Record<string, Totals> {
  const rows = sqlite.prepare('select * from version_participant_totals').all() as (Totals & { version_id: number; participant_id: number })[]
  return Object.fromEntries(rows.map(({ version_id, participant_id, ...t }) => [`${version_id}/${participant_id}`, t]))
}

let versions: number[]
let people: { id: number; session_id: number }[]
let susQuestions: number[]
let taskQuestion: number
let csatQuestion: number

beforeAll(async () => {
  await seedOnce()
  versions = (sqlite.prepare('select id from prototype_versions order by id').all() as { id: number }[]).map((v) => v.id)
  people = sqlite.prepare('select id, session_id from participants order by id limit 40').all() as { id: number; session_id: number }[]
  // A questionnaire in the classic alternating wording too (odd items positive, even negative).
  const instrument = sqlite.prepare("insert into instruments (name) values ('SUS clásico') returning id").get() as { id: number }
  const version = sqlite.prepare('insert into instrument_versions (instrument_id, number) values (?, 1) returning id').get(instrument.id) as { id: number }
  const classic = Array.from({ length: 10 }, (_, i) => {
    const q = sqlite
      .prepare("insert into questions (instrument_version_id, position, kind, text, config) values (?, ?, 'sus', ?, ?) returning id")
      .get(version.id, i + 1, `Ítem ${i + 1}`, JSON.stringify({ item: i + 1, wording: 'standard' })) as { id: number }
    return q.id
  })
  const positive = (sqlite.prepare("select id from questions where kind = 'sus' and id not in (" + classic.join(',') + ') order by id limit 10').all() as { id: number }[]).map((q) => q.id)
  susQuestions = [...positive, ...classic]
  taskQuestion = (sqlite.prepare("select id from questions where kind = 'task' limit 1").get() as { id: number }).id
  csatQuestion = (sqlite.prepare("select id from questions where kind = 'csat' limit 1").get() as { id: number }).id
})

test('the demo data: totals equal a recount of the answers', () => {
  expect(Object.keys(stored()).length).toBeGreaterThan(50)
  expect(stored()).toEqual(recount())
})

const operation = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), kind: fc.constantFrom('sus', 'task_outcome', 'csat'), pick: fc.nat(), value: fc.nat(), version: fc.nat(), person: fc.option(fc.nat()) }),
  fc.record({ op: fc.constant('change_value' as const), pick: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant('forget_person' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('move_version' as const), pick: fc.nat(), version: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
)

let sequence = 0
function apply(step: { op: string } & Record<string, unknown>) {
  const some = (n: number) => sqlite.prepare('select id, kind from responses where version_id is not null order by id limit 1 offset ?').get(n % 500) as { id: number; kind: string } | undefined
  const scaled = (kind: string, n: number) => (kind === 'sus' || kind === 'csat' ? 1 + (n % 5) : kind === 'task_outcome' ? n % 2 : null)
  switch (step.op) {
    case 'insert': {
      const kind = step.kind as string
      const person = step.person === null ? null : people[(step.person as number) % people.length]!
      const question = kind === 'sus' ? susQuestions[(step.pick as number) % susQuestions.length]! : kind === 'task_outcome' ? taskQuestion : csatQuestion
      const value = scaled(kind, step.value as number)
      sqlite
        .prepare(
          `insert into responses (client_id, session_id, participant_id, version_id, question_id, kind, value_number, value_text, answered_by, answered_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, 'self', '2026-12-04T10:00:00.000Z')`,
        )
        .run(
          `prueba-${sequence++}-totales`,
          person?.session_id ?? people[0]!.session_id,
          person?.id ?? null,
          versions[(step.version as number) % versions.length]!,
          question,
          kind,
          value,
          kind === 'task_outcome' ? (value === 1 ? 'completed' : 'not_completed') : null,
        )
      return
    }
    case 'change_value': {
      const r = some(step.pick as number)
      if (!r || (r.kind !== 'sus' && r.kind !== 'csat' && r.kind !== 'task_outcome')) return
      const value = scaled(r.kind, step.value as number)
      const text = r.kind === 'task_outcome' ? (value === 1 ? 'completed' : 'not_completed') : null
      sqlite.prepare('update responses set value_number = ?, value_text = coalesce(?, value_text) where id = ?').run(value, text, r.id)
      return
    }
    case 'forget_person': {
      const r = some(step.pick as number)
      if (r) sqlite.prepare('update responses set participant_id = null where id = ?').run(r.id)
      return
    }
    case 'move_version': {
      const r = some(step.pick as number)
      if (r) sqlite.prepare('update responses set version_id = ? where id = ?').run(versions[(step.version as number) % versions.length]!, r.id)
      return
    }
    case 'delete': {
      const r = some(step.pick as number)
      if (r) sqlite.prepare('delete from responses where id = ?').run(r.id)
      return
    }
  }
}

test('after any sequence of inserts, changes, forgotten people, moves and deletes, totals equal a recount', () => {
  fc.assert(
    fc.property(fc.array(operation, { minLength: 1, maxLength: 30 }), (steps) => {
      sqlite.exec('savepoint totals')
      try {
        for (const step of steps) apply(step as never)
        expect(stored()).toEqual(recount())
      } finally {
        sqlite.exec('rollback to totals')
        sqlite.exec('release totals')
      }
    }),
    { numRuns: 150, seed: 20261204 },
  )
})

test('deleting a person at their request keeps their answers in the figures as someone unknown', () => {
  const person = people[1]!
  const before = stored()
  const theirs = Object.entries(before).filter(([key]) => key.endsWith(`/${person.id}`))
  expect(theirs.length).toBeGreaterThan(0)
  sqlite.exec('savepoint forget')
  try {
    // What the privacy deletion does to their answers (participants' ON DELETE SET NULL).
    sqlite.prepare('update responses set participant_id = null where participant_id = ?').run(person.id)
    const after = stored()
    for (const [key, t] of theirs) {
      const version = key.split('/')[0]
      expect(after[key]).toBeUndefined()
      expect(after[`${version}/0`]!.answers).toBe((before[`${version}/0`]?.answers ?? 0) + t.answers)
    }
    expect(after).toEqual(recount())
  } finally {
    sqlite.exec('rollback to forget')
    sqlite.exec('release forget')
  }
})
