// npm run backup [-- <destination file>]
// An online backup with better-sqlite3's backup API (safe while the app is running), checked with
// PRAGMA integrity_check. Restore: stop the app, copy the backup over DATABASE_PATH (and delete any
// -wal and -shm files beside it), start the app again.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { env } from '../app/.server/env.ts'

export async function backupDatabase(source: string, destination: string) {
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true })
  const db = new Database(source, { fileMustExist: true })
  try {
    await db.backup(destination)
  } finally {
    db.close()
  }
  const copy = new Database(destination, { readonly: true })
  try {
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`La copia ${destination} no pasó integrity_check: ${String(check)}`)
  } finally {
    copy.close()
  }
  return { destination, bytes: fs.statSync(destination).size }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const destination = process.argv[2] ?? path.join(env.DATA_DIR, 'backups', `katapulta-${stamp}.db`)
  backupDatabase(env.DATABASE_PATH, destination)
    .then((r) => console.log(`Copia de seguridad en ${r.destination} (${r.bytes} bytes), integrity_check: ok`))
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error)
      process.exit(1)
    })
}
