import { openDatabase, type Db } from '#db/connection.ts'
import { env } from './env.ts'

// One connection per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { katapultaDb?: Db }

export const db: Db = (globalForDb.katapultaDb ??= openDatabase(env.DATABASE_PATH))
