// Crash safety of tablet answers: while tablets post answers to the built app over HTTP, the server
// process is killed with SIGKILL, started again on the same port and database, and the load goes
// on for a few seconds. Every clientId the server acknowledged (2xx) must then be in the database,
// exactly once, with the value that was sent, and PRAGMA integrity_check must say ok. Answers that
// got no response (in flight at the kill) are sent once more afterwards, as a tablet's queue
// would: each must come back 201 (never stored) or 200 "duplicate" (stored before the kill).
//
//   npx tsx bench/fault.ts [--duration 10] [--connections 40] [--kill-at 3.5] [--after 4] [--json out.json]
//
// Setup: the demo database (data/bench/fault.db) gets 4,000 participants with a tap consent written
// straight into the file before the server starts, so that every answer of the run can go to its own
// (participant, question) pair: a new clientId for a question the person already answered replaces
// the earlier answer by design, which would make "every acknowledged id is in the database" untrue
// for reasons that have nothing to do with the crash. 10 tablets are prepared and paired over HTTP.
// The load is a small keep-alive HTTP client of its own (not autocannon), so that every response is
// matched to the exact clientId it acknowledges, across the kill and the reconnects.
import fs from 'node:fs'
import http from 'node:http'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { AppServer, buildApp, isMain, freePort, pairDevices, plannedSession, portOpen, processGone, REPO_ROOT, scaleValue, setupDatabase, signIn, sleep, type ScaleQuestion } from './lib.ts'

export type FaultReport = {
  connections: number
  seconds: number
  killAtSeconds: number
  downMs: number
  killedPid: number
  killedGone: boolean
  participants: number
  sent: number
  acked: number
  ackedBeforeKill: number
  ackedAfterRestart: number
  non2xx: Record<string, number>
  errors: Record<string, number>
  noResponse: number
  retried: { sent: number; saved: number; duplicate: number; other: number }
  check: { ackedInDb: number; missing: number; doubled: number; wrongValue: number; unackedButStored: number; rowsOfRun: number; integrity: string }
  ok: boolean
}

const DB_FILE = 'data/bench/fault.db'
const PARTICIPANTS = 4000

type Answer = { clientId: string; participantId: number; questionId: number; value: number; answeredBy: 'self'; answeredAt: string }

/** Participants with a tap consent, written straight into the file (the server is not running). */
function addParticipants(file: string, sessionId: number, count: number): number[] {
  const db = new Database(file)
  try {
    const session = db.prepare('select consent_text_id c from sessions where id = ?').get(sessionId) as { c: number }
    const versions = (db.prepare('select version_id v from session_versions where session_id = ? order by version_id').all(sessionId) as { v: number }[]).map((r) => r.v)
    const max = (db.prepare("select coalesce(max(cast(substr(code, 3) as integer)), 0) m from participants").get() as { m: number }).m
    const insertParticipant = db.prepare('insert into participants (code, session_id, assigned_version_id) values (?, ?, ?)')
    const insertConsent = db.prepare("insert into consent_records (participant_id, consent_text_id, method) values (?, ?, 'tap')")
    const ids: number[] = []
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = Number(insertParticipant.run(`P-${String(max + 1 + i).padStart(4, '0')}`, sessionId, versions.length ? versions[i % versions.length]! : null).lastInsertRowid)
        insertConsent.run(id, session.c)
        ids.push(id)
      }
    })()
    return ids
  } finally {
    db.close()
  }
}

type Outcome = { status: number; body: string } | { error: string }

function send(agent: http.Agent, port: number, origin: string, cookie: string, answer: Answer): Promise<Outcome> {
  const body = JSON.stringify(answer)
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/tableta/respuestas',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Cookie: cookie, Origin: origin },
        timeout: 5000,
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
      },
    )
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })))
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }))
    req.end(body)
  })
}

export async function runFault(options: { duration: number; connections: number; killAt: number; after: number }): Promise<FaultReport> {
  process.chdir(REPO_ROOT)
  buildApp({ reuse: true })
  setupDatabase(DB_FILE)
  const { sessionId, questions } = plannedSession(DB_FILE)
  const participantIds = addParticipants(DB_FILE, sessionId, PARTICIPANTS)
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  let server = new AppServer(port, DB_FILE)
  await server.start()
  const staff = await signIn(server.base)
  const devices = await pairDevices(server.base, staff, sessionId, 10, { consent: false })
  console.log(`app ${server.base} (pid ${server.pid}); ${participantIds.length} participants, ${devices.length} paired tablets, ${questions.length} scale questions`)

  // Slot k: the k-th answer of the run, to its own (participant, question) pair.
  const slots = participantIds.length * questions.length
  let nextSlot = 0
  const prefix = `fault-${Date.now().toString(36)}`
  const answerFor = (k: number): Answer => {
    const question: ScaleQuestion = questions[k % questions.length]!
    return {
      clientId: `${prefix}-${k}`,
      participantId: participantIds[Math.floor(k / questions.length)]!,
      questionId: question.id,
      value: scaleValue(question.kind),
      answeredBy: 'self',
      answeredAt: new Date().toISOString(),
    }
  }

  const acked = new Map<string, { value: number; phase: 'before' | 'after' }>()
  const noResponse: { answer: Answer; cookie: string }[] = []
  const non2xx: Record<string, number> = {}
  const errors: Record<string, number> = {}
  let sent = 0
  let phase: 'before' | 'after' = 'before'
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const started = Date.now()
  let stopAt = started + options.duration * 1000
  const hardStop = started + 30_000

  const worker = async (w: number) => {
    const cookie = devices[w % devices.length]!.cookie
    while (Date.now() < Math.min(stopAt, hardStop) && nextSlot < slots) {
      const answer = answerFor(nextSlot++)
      const before = phase
      sent++
      const outcome = await send(agent, port, origin, cookie, answer)
      if ('error' in outcome) {
        errors[outcome.error] = (errors[outcome.error] ?? 0) + 1
        noResponse.push({ answer, cookie })
        // While the server is down: wait a little before the next try, as a tablet does.
        await sleep(outcome.error === 'ECONNREFUSED' ? 100 : 25)
      } else if (outcome.status >= 200 && outcome.status < 300) {
        acked.set(answer.clientId, { value: answer.value, phase: before === phase ? phase : 'after' })
      } else {
        non2xx[outcome.status] = (non2xx[outcome.status] ?? 0) + 1
      }
    }
  }
  const load = Promise.all(Array.from({ length: options.connections }, (_, w) => worker(w)))

  // The crash: SIGKILL to the node process itself, then the same server again.
  await sleep(options.killAt * 1000)
  const killedPid = server.pid!
  const killedAt = Date.now()
  await server.stop('SIGKILL')
  const killedGone = processGone(killedPid) && !(await portOpen(port))
  console.log(`SIGKILL pid ${killedPid} after ${((killedAt - started) / 1000).toFixed(1)} s (${acked.size} acknowledged so far); gone: ${killedGone}`)
  const ackedBeforeKill = acked.size
  phase = 'after'
  server = new AppServer(port, DB_FILE)
  await server.start()
  const downMs = Date.now() - killedAt
  console.log(`restarted as pid ${server.pid} after ${downMs} ms down`)
  stopAt = Math.max(stopAt, Date.now() + options.after * 1000)
  await load

  // A tablet resends what got no answer, with the same clientId.
  const retried = { sent: 0, saved: 0, duplicate: 0, other: 0 }
  for (const { answer, cookie } of noResponse) {
    retried.sent++
    const outcome = await send(agent, port, origin, cookie, answer)
    if ('error' in outcome) retried.other++
    else if (outcome.status === 201) retried.saved++
    else if (outcome.status === 200 && outcome.body.includes('duplicate')) retried.duplicate++
    else retried.other++
    if (!('error' in outcome) && outcome.status >= 200 && outcome.status < 300) acked.set(answer.clientId, { value: answer.value, phase: 'after' })
  }
  agent.destroy()
  const seconds = (Date.now() - started) / 1000
  await server.stop('SIGTERM')

  // The check, on the file itself.
  const db = new Database(DB_FILE)
  const integrity = (db.prepare('pragma integrity_check').pluck().all() as string[]).join('; ')
  db.exec('create temp table acked (client_id text primary key, value real)')
  const insert = db.prepare('insert into acked values (?, ?)')
  db.transaction(() => {
    for (const [id, a] of acked) insert.run(id, a.value)
  })()
  const counts = db
    .prepare(
      `select
         (select count(*) from acked a where exists (select 1 from responses r where r.client_id = a.client_id)) in_db,
         (select count(*) from acked a where not exists (select 1 from responses r where r.client_id = a.client_id)) missing,
         (select count(*) from (select client_id from responses where client_id like ? group by client_id having count(*) > 1)) doubled,
         (select count(*) from acked a join responses r on r.client_id = a.client_id where r.value_number is not a.value) wrong_value,
         (select count(*) from responses r where r.client_id like ? and r.client_id not in (select client_id from acked)) unacked_stored,
         (select count(*) from responses r where r.client_id like ?) rows_of_run`,
    )
    .get(`${prefix}-%`, `${prefix}-%`, `${prefix}-%`) as { in_db: number; missing: number; doubled: number; wrong_value: number; unacked_stored: number; rows_of_run: number }
  db.close()

  const ackedAfterRestart = [...acked.values()].filter((a) => a.phase === 'after').length
  const report: FaultReport = {
    connections: options.connections,
    seconds,
    killAtSeconds: (killedAt - started) / 1000,
    downMs,
    killedPid,
    killedGone,
    participants: participantIds.length,
    sent,
    acked: acked.size,
    ackedBeforeKill,
    ackedAfterRestart,
    non2xx,
    errors,
    noResponse: noResponse.length,
    retried,
    check: {
      ackedInDb: counts.in_db,
      missing: counts.missing,
      doubled: counts.doubled,
      wrongValue: counts.wrong_value,
      unackedButStored: counts.unacked_stored,
      rowsOfRun: counts.rows_of_run,
      integrity,
    },
    ok: false,
  }
  report.ok = killedGone && counts.missing === 0 && counts.doubled === 0 && counts.wrong_value === 0 && integrity === 'ok' && retried.other === 0 && ackedBeforeKill > 0 && ackedAfterRestart > 0
  return report
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '40' },
      'kill-at': { type: 'string', default: '3.5' },
      after: { type: 'string', default: '4' },
      json: { type: 'string' },
    },
  })
  const options = { duration: Number(values.duration), connections: Number(values.connections), killAt: Number(values['kill-at']), after: Number(values.after) }
  if (!(options.duration > 0 && options.duration <= 30 && options.killAt > 0 && options.killAt < options.duration && options.connections > 0 && options.connections <= 200)) {
    throw new Error('--duration ≤ 30 s, --kill-at inside it, --connections 1–200')
  }
  const r = await runFault(options)
  console.log(
    `sent ${r.sent}, acknowledged ${r.acked} (${r.ackedBeforeKill} before the kill, ${r.ackedAfterRestart} after the restart), ` +
      `no response ${r.noResponse} (${Object.entries(r.errors).map(([e, n]) => `${e} ${n}`).join(', ') || 'none'}), non-2xx ${JSON.stringify(r.non2xx)}`,
  )
  console.log(`resent without a response: ${r.retried.sent} → ${r.retried.saved} saved now, ${r.retried.duplicate} already stored (duplicate), ${r.retried.other} other`)
  console.log(
    `database: ${r.check.ackedInDb}/${r.acked} acknowledged answers present, ${r.check.missing} missing, ${r.check.doubled} client ids twice, ${r.check.wrongValue} with another value, ` +
      `${r.check.unackedButStored} stored without an acknowledgement, integrity_check ${r.check.integrity} → ${r.ok ? 'OK' : 'FAILED'}`,
  )
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(r, null, 2))
  if (!r.ok) process.exit(1)
}

if (isMain(import.meta.url)) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
