// Sends the tablet's answers to the server one at a time, in order, retrying with backoff while
// the network is down. Each answer carries a client id, so a resend never counts twice.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnswerPayload, AnswerResult } from '#app/lib/tablet-answer.ts'

export type OutboxState = 'idle' | 'sending' | 'waiting'

type Item = { payload: AnswerPayload }

/** A random v4 UUID; crypto.randomUUID exists only in secure contexts, which a LAN tablet may not be. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function useOutbox(onResult?: (clientId: string, result: AnswerResult) => void) {
  const queue = useRef<Item[]>([])
  const running = useRef(false)
  const [pending, setPending] = useState(0)
  const [state, setState] = useState<OutboxState>('idle')
  const [conflicts, setConflicts] = useState<{ clientId: string; message: string }[]>([])
  const [savedAt, setSavedAt] = useState<number | null>(null)
  const resultRef = useRef(onResult)
  resultRef.current = onResult

  const drain = useCallback(async () => {
    if (running.current) return
    running.current = true
    let delay = 1000
    while (queue.current.length > 0) {
      const item = queue.current[0]!
      setState('sending')
      let result: AnswerResult | null = null
      try {
        const response = await fetch('/tableta/respuestas', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(item.payload),
          credentials: 'same-origin',
        })
        if (response.status < 500) result = (await response.json()) as AnswerResult
      } catch {
        result = null
      }
      if (!result) {
        // Network down or server error: keep the answer and try again later, a little slower each time.
        setState('waiting')
        await new Promise((resolve) => setTimeout(resolve, delay))
        delay = Math.min(delay * 2, 30_000)
        continue
      }
      delay = 1000
      queue.current.shift()
      setPending(queue.current.length)
      if (result.status === 'conflict' || result.status === 'invalid') {
        setConflicts((c) => [...c, { clientId: item.payload.clientId, message: result.message }])
      } else setSavedAt(Date.now())
      resultRef.current?.(item.payload.clientId, result)
    }
    setState('idle')
    running.current = false
  }, [])

  const send = useCallback(
    (payload: AnswerPayload) => {
      queue.current.push({ payload })
      setPending(queue.current.length)
      void drain()
    },
    [drain],
  )

  // Try again as soon as the browser says the connection is back.
  useEffect(() => {
    const retry = () => void drain()
    window.addEventListener('online', retry)
    return () => window.removeEventListener('online', retry)
  }, [drain])

  return { send, pending, state, conflicts, savedAt }
}
