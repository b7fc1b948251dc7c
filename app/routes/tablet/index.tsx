import { z } from 'zod'
import { data, redirect } from 'react-router'
import type { Route } from './+types/index'
import { getQuestions } from '#app/.server/instruments.ts'
import { DomainError } from '#app/.server/interventions.ts'
import { addParticipant, endTurn, getConsentText, getSession } from '#app/.server/sessions.ts'
import { checkPin, exitKiosk, getDevice, pairTablet, tabletWitness } from '#app/.server/tablet.ts'
import { clientAddress } from '#app/.server/security.ts'
import { TabletApp } from '#app/components/kiosk/tablet-app.tsx'
import { PairingScreen } from '#app/components/kiosk/pairing-screen.tsx'
import { readForm } from '#app/.server/read-form.ts'

// Nothing a citizen saw may be kept by the browser or a proxy.
const NO_STORE = { 'Cache-Control': 'no-store, max-age=0', Pragma: 'no-cache' }

export const headers: Route.HeadersFunction = () => NO_STORE

export const meta: Route.MetaFunction = () => [{ title: 'Tableta · Katapulta' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request }: Route.LoaderArgs) {
  const device = await getDevice(request)
  if (!device) {
    const code = new URL(request.url).searchParams.get('codigo')
    return data({ mode: 'pair' as const, code: code && /^\d{6}$/.test(code) ? code : '' }, { headers: NO_STORE })
  }
  const session = (await getSession(device.sessionId))!
  if (session.status === 'closed') return data({ mode: 'closed' as const, language: device.language }, { headers: NO_STORE })
  const [questions, consent] = await Promise.all([
    session.instrumentVersionId ? getQuestions(session.instrumentVersionId) : [],
    getConsentText(session.consentTextId),
  ])
  return data(
    {
      mode: 'flow' as const,
      language: device.language,
      consentText: consent?.body ?? '',
      // Only what the screens need: no codes, no other person's answers.
      questions: questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, config: q.config })),
    },
    { headers: NO_STORE },
  )
}

const Intent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('pair'), code: z.string().trim() }),
  z.object({
    intent: z.literal('consent'),
    method: z.enum(['tap', 'oral']),
    pin: z.string().optional(),
    participantKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
  }),
  z.object({ intent: z.literal('end_turn'), participantId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('exit'), pin: z.string() }),
])

export type TabletActionResult =
  | { ok: true; participantId?: number }
  | { ok: false; intent: string; message: string }

export async function action({ request }: Route.ActionArgs) {
  const parsed = Intent.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data<TabletActionResult>({ ok: false, intent: 'unknown', message: 'Solicitud no válida.' }, { status: 400, headers: NO_STORE })
  const input = parsed.data
  const fail = (message: string, status: number) => data<TabletActionResult>({ ok: false, intent: input.intent, message }, { status, headers: NO_STORE })

  if (input.intent === 'pair') {
    if (!/^\d{6}$/.test(input.code)) return fail('Escriba los 6 números del código.', 400)
    const paired = await pairTablet(input.code, clientAddress(request))
    if (!paired.ok) return fail(paired.message, paired.status ?? 400)
    return redirect('/tableta', { headers: { 'Set-Cookie': paired.setCookie, ...NO_STORE } })
  }

  const device = await getDevice(request)
  if (!device) return fail('Esta tableta no está conectada a una sesión.', 403)
  try {
    switch (input.intent) {
      case 'consent': {
        let consent: { method: 'tap'; deviceId: number } | { method: 'oral'; witnessUserId: number; deviceId: number }
        if (input.method === 'oral') {
          const check = await checkPin(device, input.pin ?? '')
          if (!check.ok) return fail(check.message, check.status)
          const witness = tabletWitness(device)
          if (!witness) return fail('No se puede registrar un testigo para esta tableta.', 409)
          consent = { method: 'oral', witnessUserId: witness, deviceId: device.id }
        } else {
          consent = { method: 'tap', deviceId: device.id }
        }
        const participant = addParticipant(device.sessionId, { consent, clientKey: input.participantKey }, null)
        return data<TabletActionResult>({ ok: true, participantId: participant.id }, { headers: NO_STORE })
      }
      case 'end_turn':
        await endTurn(device.sessionId, input.participantId)
        return data<TabletActionResult>({ ok: true }, { headers: NO_STORE })
      case 'exit': {
        const result = await exitKiosk(device, input.pin)
        if (!result.ok) return fail(result.message, result.status)
        return redirect('/tableta?salida=1', { headers: { 'Set-Cookie': result.setCookie, ...NO_STORE } })
      }
    }
  } catch (error) {
    if (error instanceof DomainError) return fail(error.message, error.status === 404 ? 403 : error.status)
    throw error
  }
}

export default function Tablet({ loaderData }: Route.ComponentProps) {
  if (loaderData.mode === 'pair') return <PairingScreen code={loaderData.code} />
  return <TabletApp key="tablet" data={loaderData} />
}
