// The limit bench/load.ts compares the app against: a bare node:http server that stores the same
// JSON answers in SQLite with the same durability settings as the app (WAL, synchronous=FULL), a
// UNIQUE client id and INSERT … ON CONFLICT DO NOTHING. No framework, no cookie check, no ORM.
//
//   node --import tsx bench/bare-server.ts --port 4567 --db data/bench/bare.db
//
// Listens on 127.0.0.1 only; prints "ready" when listening. Ends on SIGTERM/SIGINT.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'

const { values } = parseArgs({ options: { port: { type: 'string' }, db: { type: 'string', default: 'data/bench/bare.db' } } })
const port = Number(values.port)
if (!Number.isInteger(port) || port <= 0 || port === 3100) throw new Error(`--port: a free port, got ${values.port}`)

fs.mkdirSync(path.dirname(path.resolve(values.db)), { recursive: true })
const db = new Database(values.db)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.exec(`create table if not exists answers (
  id integer primary key,
  client_id text not null unique,
  participant_id integer not null,
  question_id integer not null,
  value real not null,
  answered_by text not null,
  answered_at text not null,
  received_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`)
const insert = db.prepare(
  'insert into answers (client_id, participant_id, question_id, value, answered_by, answered_at) values (?, ?, ?, ?, ?, ?) on conflict (client_id) do nothing',
)

const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405, HEADERS).end('{"status":"invalid"}')
    return
  }
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    let body: Record<string, unknown>
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
    } catch {
      res.writeHead(400, HEADERS).end('{"status":"invalid"}')
      return
    }
    const { clientId, participantId, questionId, value, answeredBy, answeredAt } = body
    if (typeof clientId !== 'string' || typeof participantId !== 'number' || typeof questionId !== 'number' || typeof value !== 'number') {
      res.writeHead(400, HEADERS).end('{"status":"invalid"}')
      return
    }
    const info = insert.run(clientId, participantId, questionId, value, String(answeredBy), String(answeredAt))
    res.writeHead(info.changes === 1 ? 201 : 200, HEADERS).end(JSON.stringify({ status: info.changes === 1 ? 'saved' : 'duplicate', responseId: Number(info.lastInsertRowid) }))
  })
})
server.keepAliveTimeout = 10_000
server.listen(port, '127.0.0.1', () => console.log('ready'))
const stop = () => server.close(() => (db.close(), process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
