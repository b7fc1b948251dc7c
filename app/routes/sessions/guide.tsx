import crypto from 'node:crypto'
import { data, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/guide'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getInstrumentInfo, getQuestions, saveSessionInstrument, toDrafts } from '#app/.server/instruments.ts'
import { DomainError } from '#app/.server/interventions.ts'
import { getSession } from '#app/.server/sessions.ts'
import { GuideBuilder } from '#app/components/guide-builder.tsx'
import { validateGuide } from '#app/components/guide/drafts.ts'
import { SESSION_STATUS_LABELS } from '#app/lib/domain.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `Guion · ${data.session.title} · Katapulta` : 'Guion de la sesión · Katapulta' },
]

async function requireSession(id: string) {
  const session = await getSession(Number(id))
  if (!session) notFound('No existe esa sesión.')
  return session
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, 'facilitator', 'admin')
  const session = await requireSession(params.id)
  const versionId = session.instrumentVersionId
  const [questions, info] = versionId ? await Promise.all([getQuestions(versionId), getInstrumentInfo(versionId)]) : [[], null] as const
  const drafts = toDrafts([...questions])
  return {
    session: {
      id: session.id,
      title: session.title,
      status: session.status,
      interventionCode: session.interventionCode,
      interventionTitle: session.interventionTitle,
    },
    instrument: info ? { name: info.name, number: info.number, frozen: info.frozen } : null,
    drafts,
    // Changes only when the saved guide changes: the builder starts over from it, and keeps the
    // person's unsaved edits when a save is refused.
    revision: crypto.createHash('sha256').update(`${versionId}:${JSON.stringify(drafts)}`).digest('hex').slice(0, 16),
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const session = await requireSession(params.id)
  const raw = (await readForm(request)).get('questions')
  let questions: unknown
  try {
    questions = JSON.parse(typeof raw === 'string' ? raw : '')
  } catch {
    return data({ errors: ['No pudimos leer el guion enviado. Recargue la página y vuelva a intentarlo.'] }, { status: 400 })
  }
  const result = validateGuide(questions)
  if (!result.ok) return data({ errors: result.problems.map((p) => p.message) }, { status: 400 })
  try {
    const saved = saveSessionInstrument(session.id, result.questions, user)
    const replaced = saved.newVersion && session.instrumentVersionId !== null
    return redirect(`/sesiones/${session.id}/guion?${replaced ? 'nueva-version=1' : 'guardado=1'}`)
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.status === 404) notFound(error.message)
      return data({ errors: [error.message] }, { status: error.status })
    }
    throw error
  }
}

export default function SessionGuide({ loaderData, actionData }: Route.ComponentProps) {
  const { session, instrument, drafts, revision } = loaderData
  const [searchParams] = useSearchParams()
  const closed = session.status === 'closed'
  return (
    <>
      <p className="breadcrumb">
        <Link to="/sesiones">Sesiones</Link> › <Link to={`/sesiones/${session.id}`}>{session.title}</Link>
      </p>
      <h1>Guion de la sesión</h1>
      <p className="guide-meta">
        <span className="code">{session.interventionCode}</span> {session.title} · {SESSION_STATUS_LABELS[session.status]}
        {instrument ? (
          <>
            <br />
            {instrument.name} · <strong>versión v{instrument.number}</strong>
          </>
        ) : null}
      </p>
      {searchParams.has('guardado') ? (
        <p className="notice" role="status">
          Guion guardado.
        </p>
      ) : null}
      {searchParams.has('nueva-version') && instrument ? (
        <p className="notice" role="status">
          Guion guardado como una nueva versión (v{instrument.number}): la versión anterior ya tenía respuestas o la usaban otras
          sesiones. Las respuestas anteriores siguen apuntando al texto exacto que respondieron.
        </p>
      ) : null}
      {closed ? (
        <p className="warning">La sesión está cerrada: su guion se muestra solo para consulta y ya no se puede cambiar.</p>
      ) : instrument?.frozen ? (
        <p className="warning">
          Este guion ya tiene respuestas. Al guardar se creará una nueva versión; las respuestas anteriores conservan el texto exacto
          que respondieron.
        </p>
      ) : null}
      <GuideBuilder key={revision} initial={drafts} readOnly={closed} serverErrors={actionData?.errors} />
    </>
  )
}
