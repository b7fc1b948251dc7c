import type { Route } from './+types/answers'
import { getDevice, saveAnswer } from '#app/.server/tablet.ts'
import { AnswerPayload } from '#app/lib/tablet-answer.ts'

const HEADERS = { 'Cache-Control': 'no-store' }

// One answer from a paired tablet, as JSON. Idempotent by client id (see saveAnswer).
export async function action({ request }: Route.ActionArgs) {
  const device = await getDevice(request)
  if (!device) return Response.json({ status: 'invalid', message: 'Esta tableta no está conectada a una sesión.' }, { status: 403, headers: HEADERS })
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return Response.json({ status: 'invalid', message: 'La respuesta no llegó completa.' }, { status: 400, headers: HEADERS })
  }
  const payload = AnswerPayload.safeParse(body)
  if (!payload.success) return Response.json({ status: 'invalid', message: 'La respuesta no tiene el formato esperado.' }, { status: 400, headers: HEADERS })
  const { httpStatus, result } = saveAnswer(device, payload.data)
  return Response.json(result, { status: httpStatus, headers: HEADERS })
}

export async function loader() {
  return Response.json({ status: 'invalid', message: 'Use POST.' }, { status: 405, headers: { ...HEADERS, Allow: 'POST' } })
}
