// Crash safety of tablet answers: a child process stores answers through the app's saveAnswer and
// groupCommit on a database file and reports each acknowledged one; it is killed with SIGKILL
// mid-stream. Reopened, the file must pass PRAGMA integrity_check and hold every acknowledged answer
// exactly once, with its value. (bench/fault.ts does the same against the real HTTP server.)
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { loadDemoData } from '#db/seed.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'katapulta-fault-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

test('every answer acknowledged before a SIGKILL is in the database, once, and the file is intact', async () => {
  const file = path.join(dir, 'fault.db')
  await loadDemoData(file)

  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/fault-child.ts'], {
    env: { ...process.env, APP_ENV: 'test', DATABASE_PATH: file, DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const acked = new Map<string, number>()
  let stderr = ''
  let buffered = ''
  let ready = false
  // 'close', not 'exit': every acknowledgement still in the pipe is read before the check.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })))
  const enough = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        if (line === 'ready') ready = true
        else if (line === 'done') reject(new Error('the child finished before it was killed'))
        else {
          const [id, value] = line.split(' ')
          acked.set(id!, Number(value))
        }
      }
      // Kill mid-stream, once a good number of answers were acknowledged.
      if (ready && acked.size >= 300) resolve()
    })
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    void exited.then(({ code, signal }) => reject(new Error(`the child exited early (${code ?? signal}): ${stderr}`)))
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 12_000)
  try {
    await enough
    child.kill('SIGKILL')
  } finally {
    clearTimeout(timer)
  }
  const { signal } = await exited
  expect(signal).toBe('SIGKILL')
  expect(acked.size).toBeGreaterThanOrEqual(300)

  const db = new Database(file)
  try {
    expect(db.prepare('pragma integrity_check').pluck().all()).toEqual(['ok'])
    const rows = db.prepare("select client_id id, value_number value, count(*) over (partition by client_id) n from responses where client_id like 'fault-%'").all() as { id: string; value: number; n: number }[]
    const stored = new Map(rows.map((r) => [r.id, r]))
    const missing = [...acked.keys()].filter((id) => !stored.has(id))
    expect(missing, `acknowledged but not stored: ${missing.slice(0, 5).join(', ')}`).toEqual([])
    expect(rows.filter((r) => r.n > 1)).toEqual([])
    expect([...acked].filter(([id, value]) => stored.get(id)!.value !== value)).toEqual([])
    // What was stored but not acknowledged is at most the group in flight at the kill (25 answers).
    expect(rows.length - acked.size).toBeLessThanOrEqual(25)
  } finally {
    db.close()
  }
}, 30_000)
