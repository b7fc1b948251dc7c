import { openDatabase, type Db } from '#db/connection.ts'
import { env } from './env.ts'

// One connection per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { katapultaDb?: Db }

export const db: Db = (globalForDb.katapultaDb ??= openDatabase(env.DATABASE_PATH))

type Waiting = { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }
let waiting: Waiting[] = []
let committing = false

/**
 * Runs `work` (synchronous writes) in one transaction with the other group-committed writes that
 * arrive in the same turn of the event loop, and resolves only once that transaction is committed.
 * Under synchronous=FULL every commit waits for the disk: with many tablets answering at once, one
 * wait for all of them instead of one each (bench/load.ts). Each work runs in its own savepoint, so a
 * work that throws rolls back alone and rejects alone. If the group cannot commit (or SQLite ends
 * the transaction itself, e.g. a full disk), every work of it rejects: nothing is acknowledged.
 */
export function groupCommit<T>(work: () => T): Promise<T> {
  // A work that queued another would see it committed apart, whatever became of its own.
  if (committing) throw new Error('groupCommit inside a group-committed work')
  return new Promise<T>((resolve, reject) => {
    if (waiting.length === 0) setImmediate(commitWaiting)
    waiting.push({ work, resolve: resolve as (value: unknown) => void, reject })
  })
}

function commitWaiting() {
  const group = waiting
  waiting = []
  const sqlite = db.$client
  const outcomes: { ok: boolean; value: unknown }[] = []
  committing = true
  try {
    sqlite
      .transaction(() => {
        for (const { work } of group) {
          try {
            outcomes.push({ ok: true, value: sqlite.transaction(work)() })
          } catch (error) {
            // The group's transaction is gone with it: the rest must not run outside it.
            if (!sqlite.inTransaction) throw error
            outcomes.push({ ok: false, value: error })
          }
        }
      })
      .immediate()
  } catch (error) {
    for (const { reject } of group) reject(error)
    return
  } finally {
    committing = false
  }
  group.forEach(({ resolve, reject }, i) => (outcomes[i]!.ok ? resolve : reject)(outcomes[i]!.value))
}
