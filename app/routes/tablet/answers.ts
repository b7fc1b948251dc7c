import type { Route } from './+types/answers'
import { DomainError } from '#app/.server/interventions.ts'
import { applySyncItem, getDevice } from '#app/.server/tablet.ts'
import { SyncItem } from '#app/lib/tablet-answer.ts'

const HEADERS = { 'Cache-Control': 'no-store' }

// One item of a paired tablet's queue (consent, answer, end of turn, heartbeat), as JSON.
// Idempotent: a replay never stores anything twice (see applySyncItem and saveAnswer).
export async function action({ request }: Route.ActionArgs) {
  const device = await getDevice(request)
  if (!device) return Response.json({ status: 'invalid', message: 'Esta tableta no está conectada a una sesión.' }, { status: 403, headers: HEADERS })
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return Response.json({ status: 'invalid', message: 'La respuesta no llegó completa.' }, { status: 400, headers: HEADERS })
  }
  const item = SyncItem.safeParse(body)
  if (!item.success) return Response.json({ status: 'invalid', message: 'La respuesta no tiene el formato esperado.' }, { status: 400, headers: HEADERS })
  try {
    const { httpStatus, result } = applySyncItem(device, item.data)
    return Response.json(result, { status: httpStatus, headers: HEADERS })
  } catch (error) {
    // e.g. the session was closed while the tablet was offline.
    if (error instanceof DomainError) return Response.json({ status: 'invalid', message: error.message }, { status: error.status, headers: HEADERS })
    throw error
  }
}

export async function loader() {
  return Response.json({ status: 'invalid', message: 'Use POST.' }, { status: 405, headers: { ...HEADERS, Allow: 'POST' } })
}
