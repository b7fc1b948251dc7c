// Where a tablet's queue items arrive (POST /tableta/respuestas): consent, answers, end of turn,
// heartbeat, one JSON item per request. The busiest endpoint of the app — every tablet of every
// session, and a whole queue at once when a tablet comes back online — so the production server
// (server.js) hands it straight to tabletSyncListener below, without the page framework in between:
// going through React Router and gzip cost three times the CPU of storing the answer (bench/load.ts).
// The React Router route (routes/tablet/answers.ts, used by `npm run dev` and the tests) and this
// listener both call receiveSyncItem, so the checks and results are the same on both paths.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { SyncItem, type SyncResult } from '#app/lib/tablet-answer.ts'
import { groupCommit } from './db.ts'
import { DomainError } from './interventions.ts'
import { isCrossSiteWrite, newNonce, securityHeaders } from './security.ts'
import { applySyncItem, deviceFromCookie } from './tablet.ts'

/** A queue item is small (an open comment is at most 2,000 characters); anything larger is refused unread. */
export const MAX_SYNC_BODY_BYTES = 64 * 1024

export type SyncReply = { status: number; body: SyncResult }

const invalid = (status: number, message: string): SyncReply => ({ status, body: { status: 'invalid', message } })

/** Reads a request's body as text, or gives null as soon as it passes MAX_SYNC_BODY_BYTES. */
export type BodyReader = () => Promise<string | null>

/**
 * Checks who sends the item (the device cookie) before reading its body, then what it is, then
 * stores it. Idempotent: a replay never stores anything twice (see applySyncItem and saveAnswer).
 * The reply is acknowledged only once its transaction is committed; items arriving together share
 * one commit (groupCommit).
 */
export async function receiveSyncItem(cookieHeader: string | null | undefined, readBody: BodyReader): Promise<SyncReply> {
  const device = await deviceFromCookie(cookieHeader)
  if (!device) return invalid(403, 'Esta tableta no está conectada a una sesión.')
  const body = await readBody()
  if (body === null) return invalid(413, 'La respuesta es demasiado grande.')
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return invalid(400, 'La respuesta no llegó completa.')
  }
  const item = SyncItem.safeParse(json)
  if (!item.success) return invalid(400, 'La respuesta no tiene el formato esperado.')
  try {
    const { httpStatus, result } = await groupCommit(() => applySyncItem(device, item.data))
    return { status: httpStatus, body: result }
  } catch (error) {
    // e.g. the session was closed while the tablet was offline.
    if (error instanceof DomainError) return invalid(error.status, error.message)
    throw error
  }
}

/** A Fetch Request's body (the React Router route), read up to the limit. */
export function fetchBodyReader(request: Request): BodyReader {
  return async () => {
    if (Number(request.headers.get('Content-Length') ?? 0) > MAX_SYNC_BODY_BYTES) return null
    if (!request.body) return ''
    const reader = request.body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.byteLength
      if (size > MAX_SYNC_BODY_BYTES) {
        await reader.cancel()
        return null
      }
      chunks.push(next.value)
    }
    return Buffer.concat(chunks).toString('utf8')
  }
}

/** A Node request's body (server.js), read up to the limit; past it, nothing more is kept. */
function nodeBodyReader(req: IncomingMessage): BodyReader {
  return () =>
    new Promise((resolve) => {
      const chunks: Buffer[] = []
      let size = 0
      const onData = (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_SYNC_BODY_BYTES) {
          req.off('data', onData)
          resolve(null)
          return
        }
        chunks.push(chunk)
      }
      req.on('data', onData)
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      // A tablet that dropped the connection: nobody waits for the reply.
      req.on('error', () => resolve(null))
    })
}

/** Headers of every reply: never cached (a tablet must not replay a stored reply), plus the app's own. */
function syncReplyHeaders(): Record<string, string> {
  return { ...securityHeaders(newNonce()), 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8' }
}

/**
 * The same endpoint as a Node listener, for server.js. Does what the root middleware does for every
 * other request (refuses cross-site writes, sets the security headers) and never answers with a stack.
 */
export function tabletSyncListener(req: IncomingMessage, res: ServerResponse) {
  const reply = ({ status, body }: SyncReply) => {
    if (res.headersSent) return
    res.writeHead(status, syncReplyHeaders()).end(JSON.stringify(body))
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return reply(invalid(405, 'Use POST.'))
  }
  const head = {
    method: req.method,
    url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`,
    headers: { get: (name: string) => headerValue(req, name) },
  }
  let crossSite: boolean
  try {
    crossSite = isCrossSiteWrite(head)
  } catch {
    // A Host header that is no host.
    return reply(invalid(400, 'Solicitud mal formada.'))
  }
  if (crossSite) return reply(invalid(403, 'Solicitud rechazada: no viene de una página de Katapulta.'))

  receiveSyncItem(req.headers.cookie, nodeBodyReader(req)).then(
    (sync) => {
      // Refused unread: Node closes the connection after this reply instead of reading the rest.
      if (sync.status === 413 && !res.headersSent) res.setHeader('Connection', 'close')
      reply(sync)
    },
    (error: unknown) => {
      console.error('tablet sync:', error)
      reply(invalid(500, 'No se pudo guardar. La tableta lo intentará de nuevo.'))
    },
  )
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : (value ?? null)
}
