import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { foldSearchText } from '../app/lib/search-text.ts'
import * as schema from './schema.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

// Resolved from the working directory: the app, the scripts and the tests all start at the repo root.
export const MIGRATIONS_DIR = path.resolve('db/migrations')

/** Opens (creating if missing) a SQLite file or ':memory:', sets the pragmas, applies migrations. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // better-sqlite3 defaults to NORMAL under WAL; FULL so an acknowledged answer survives power loss.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Accent- and case-insensitive text search (app/.server/search.ts): search_fold('Pensión') = 'pension'.
  sqlite.function('search_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldSearchText(text) : text))
  const db = drizzle(sqlite, { schema })
  migrate(db, { migrationsFolder: MIGRATIONS_DIR })
  return db
}
