// The tablet's outbox: every consent, answer and end of turn goes into IndexedDB first, then to
// the server one at a time, in order, with backoff while the network is down. It survives a
// reload, a browser restart and the reset between people; a replay never counts twice because
// every item carries its id. Answers the server refuses (409) stay here for the facilitator.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SyncItem, SyncResult } from '#app/lib/tablet-answer.ts'

export type OutboxState = 'idle' | 'sending' | 'waiting'

interface OutboxDb extends DBSchema {
  queue: { key: number; value: { seq?: number; item: SyncItem } }
  conflicts: { key: number; value: { seq?: number; item: SyncItem; message: string; at: string } }
}

const DB_NAME = 'katapulta-tableta'
const HEARTBEAT_MS = 15_000
// A dropped request is retried soon; a long outage backs off up to 30 s.
const FIRST_RETRY_MS = 300

function openOutbox() {
  return openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true })
      db.createObjectStore('conflicts', { keyPath: 'seq', autoIncrement: true })
    },
  })
}

/** A random v4 UUID; crypto.randomUUID exists only in secure contexts, which a LAN tablet may not be. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

async function post(item: SyncItem): Promise<{ status: number; body: SyncResult } | null> {
  try {
    const response = await fetch('/tableta/respuestas', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(item),
      credentials: 'same-origin',
    })
    if (response.status >= 500) return null
    return { status: response.status, body: (await response.json()) as SyncResult }
  } catch {
    return null
  }
}

export function useOutbox() {
  const dbRef = useRef<Promise<IDBPDatabase<OutboxDb>> | null>(null)
  const running = useRef(false)
  const wake = useRef<(() => void) | null>(null)
  const [pending, setPending] = useState(0)
  const [conflicts, setConflicts] = useState(0)
  const [state, setState] = useState<OutboxState>('idle')
  const [savedAt, setSavedAt] = useState<number | null>(null)

  const db = useCallback(() => (dbRef.current ??= openOutbox()), [])

  const refreshCounts = useCallback(async () => {
    const d = await db()
    const [p, c] = await Promise.all([d.count('queue'), d.count('conflicts')])
    setPending(p)
    setConflicts(c)
    return { p, c }
  }, [db])

  const heartbeat = useCallback(async () => {
    const { p, c } = await refreshCounts()
    await post({ type: 'heartbeat', pending: p, conflicts: c })
  }, [refreshCounts])

  const drain = useCallback(async () => {
    if (running.current) {
      wake.current?.()
      return
    }
    running.current = true
    let delay = FIRST_RETRY_MS
    try {
      const d = await db()
      for (;;) {
        const cursor = await d.transaction('queue').store.openCursor()
        if (!cursor) break
        const entry = cursor.value
        setState('sending')
        const sent = await post(entry.item)
        if (!sent) {
          // Offline or the server failed: keep it, and try again a little later (sooner if the
          // browser says the connection is back).
          setState('waiting')
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay)
            wake.current = () => {
              clearTimeout(timer)
              resolve()
            }
          })
          wake.current = null
          delay = Math.min(delay * 2, 30_000)
          continue
        }
        delay = FIRST_RETRY_MS
        const tx = d.transaction(['queue', 'conflicts'], 'readwrite')
        if (sent.status >= 400) {
          const message = 'message' in sent.body ? sent.body.message : 'Rechazada por el servidor.'
          await tx.objectStore('conflicts').add({ item: entry.item, message, at: new Date().toISOString() })
        }
        await tx.objectStore('queue').delete(entry.seq!)
        await tx.done
        if (entry.item.type !== 'heartbeat' && sent.status < 400) setSavedAt(Date.now())
        await refreshCounts()
      }
      setState('idle')
      await heartbeat()
    } finally {
      running.current = false
    }
  }, [db, heartbeat, refreshCounts])

  const send = useCallback(
    async (item: SyncItem) => {
      const d = await db()
      await d.add('queue', { item })
      await refreshCounts()
      void drain()
    },
    [db, drain, refreshCounts],
  )

  useEffect(() => {
    // A queue left by a reload or a restart is shown and sent at once.
    void refreshCounts().then(() => drain())
    const retry = () => void drain()
    window.addEventListener('online', retry)
    const timer = setInterval(() => {
      if (navigator.onLine) void (running.current ? Promise.resolve() : heartbeat())
    }, HEARTBEAT_MS)
    return () => {
      window.removeEventListener('online', retry)
      clearInterval(timer)
    }
  }, [drain, heartbeat, refreshCounts])

  return { send, pending, conflicts, state, savedAt }
}
