import { data, Form, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/privacy'
import { deleteParticipant, exportParticipant, findParticipant } from '#app/.server/admin.ts'
import { requireUser } from '#app/.server/auth.ts'
import { DomainError } from '#app/.server/interventions.ts'
import { PrivacyAction, PrivacySearch } from '#app/lib/forms/admin.ts'
import { AGE_BAND_LABELS, DIGITAL_SKILL_LABELS } from '#app/lib/domain.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Solicitudes de privacidad · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, 'admin')
  return null
}

// The search is a POST: a DNI must never travel in a URL, where logs and history would keep it.
async function search(form: Record<string, FormDataEntryValue>) {
  const query = PrivacySearch.parse(form)
  if (!query.codigo && !query.dni) return data({ searched: true, invalid: true, participant: null }, { status: 400 })
  const participant = await findParticipant({ code: query.codigo, dni: query.dni })
  // Never send the DNI back to the page, not even the one typed.
  return {
    searched: true,
    invalid: false,
    participant: participant && {
      id: participant.id,
      code: participant.code,
      ageBand: participant.ageBand,
      digitalSkill: participant.digitalSkill,
      region: participant.region,
      hasDni: participant.dniHmac !== null,
    },
  }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request, 'admin')
  const form = Object.fromEntries(await readForm(request))
  if (form.intent === 'search') return search(form)
  const parsed = PrivacyAction.safeParse(form)
  if (!parsed.success) return data({ message: parsed.error.issues[0]?.message ?? 'Revise los datos.' }, { status: 400 })
  try {
    if (parsed.data.intent === 'export') {
      const exported = await exportParticipant(parsed.data.participantId, actor)
      return new Response(JSON.stringify(exported, null, 2), {
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="datos-${exported.participant.code}.json"`,
          'Cache-Control': 'no-store',
        },
      })
    }
    const result = deleteParticipant(parsed.data.participantId, actor)
    return redirect(`/admin/privacidad?borrado=${result.code}&anonimas=${result.anonymisedAnswers}`)
  } catch (error) {
    if (error instanceof DomainError) return data({ message: error.message }, { status: error.status })
    throw error
  }
}

export default function Privacy({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams()
  const found = actionData && 'searched' in actionData ? actionData : null
  const p = found?.participant ?? null
  return (
    <>
      <h1>Solicitudes de privacidad</h1>
      <p>Ley 29733 de Protección de Datos Personales y su reglamento (DS 016-2024-JUS): acceso, exportación y supresión de los datos de una persona.</p>
      {searchParams.get('borrado') ? (
        <p className="notice" role="status">
          {searchParams.get('borrado')} fue borrado. {searchParams.get('anonimas')} respuestas quedan en las estadísticas como anónimas, sin vínculo con la persona.
        </p>
      ) : null}
      {actionData && 'message' in actionData ? (
        <p className="alert" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <Form method="post" className="filters card" aria-label="Buscar participante">
        <input type="hidden" name="intent" value="search" />
        <div className="field">
          <label htmlFor="codigo">Código del participante</label>
          <input id="codigo" name="codigo" placeholder="P-0001" />
        </div>
        <div className="field">
          <label htmlFor="dni">o DNI</label>
          <input id="dni" name="dni" inputMode="numeric" maxLength={8} autoComplete="off" />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            Buscar
          </button>
        </div>
      </Form>
      {found?.invalid ? (
        <p className="alert" role="alert">
          Escriba un código como P-0001 o un DNI de 8 números.
        </p>
      ) : found && !p ? (
        <p role="status">No se encontró a nadie con ese dato.</p>
      ) : null}
      {p ? (
        <section className="card" aria-labelledby="found">
          <h2 id="found">{p.code}</h2>
          <p>
            {p.ageBand ? AGE_BAND_LABELS[p.ageBand] : 'Edad sin dato'} · {p.digitalSkill ? `habilidad digital ${DIGITAL_SKILL_LABELS[p.digitalSkill].toLowerCase()}` : 'habilidad digital sin dato'} ·{' '}
            {p.region ?? 'región sin dato'} · {p.hasDni ? 'DNI registrado (cifrado)' : 'sin DNI'}
          </p>
          <Form method="post" reloadDocument>
            <input type="hidden" name="participantId" value={p.id} />
            <button type="submit" name="intent" value="export" className="button button-secondary">
              Exportar sus datos (JSON)
            </button>
          </Form>
          <Form method="post" className="stack danger-zone">
            <input type="hidden" name="participantId" value={p.id} />
            <label className="check">
              <input type="checkbox" name="confirm" required /> Confirmo que la persona pidió borrar sus datos
            </label>
            <div>
              <button type="submit" name="intent" value="delete" className="button button-danger">
                Borrar a {p.code}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}
