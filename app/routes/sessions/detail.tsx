import { Link, useSearchParams } from 'react-router'
import type { Route } from './+types/detail'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getInstrumentInfo, getQuestions } from '#app/.server/instruments.ts'
import { getSession, listParticipants } from '#app/.server/sessions.ts'
import { AGE_BAND_LABELS, DIGITAL_SKILL_LABELS, SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from '#app/lib/domain.ts'
import { formatDate } from '#app/lib/format.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.session.title ?? 'Sesión'} · Katapulta` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const session = await getSession(Number(params.id))
  if (!session) notFound('No existe esa sesión.')
  const [questions, instrument, people] = await Promise.all([
    session.instrumentVersionId ? getQuestions(session.instrumentVersionId) : [],
    session.instrumentVersionId ? getInstrumentInfo(session.instrumentVersionId) : null,
    listParticipants(session.id, session.instrumentVersionId),
  ])
  return { session, questions, instrument, people, canEdit: user.role !== 'manager' }
}

export default function SessionPage({ loaderData }: Route.ComponentProps) {
  const { session, questions, instrument, people, canEdit } = loaderData
  const [searchParams] = useSearchParams()
  const versionLabel = (id: number | null) => {
    const v = session.versions.find((x) => x.id === id)
    return v ? `${v.prototypeName} v${v.number}` : '—'
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/sesiones">Sesiones</Link>
      </p>
      <div className="page-head">
        <h1>{session.title}</h1>
        {canEdit && session.status !== 'closed' ? (
          <div className="actions">
            <Link to={`/sesiones/${session.id}/guion`} className="button button-secondary">
              Editar guion
            </Link>
            <Link to={`/sesiones/${session.id}/consola`} className="button">
              Abrir consola
            </Link>
          </div>
        ) : null}
      </div>
      {searchParams.get('creada') ? (
        <p className="notice" role="status">
          Sesión planificada. Revise el guion y, el día de la sesión, abra la consola para preparar la tableta.
        </p>
      ) : null}
      <section className="card" aria-labelledby="session-summary">
        <h2 id="session-summary" className="visually-hidden">
          Resumen
        </h2>
        <dl className="summary">
          <div>
            <dt>Intervención</dt>
            <dd>
              <Link to={`/intervenciones/${session.interventionCode}`}>{session.interventionCode}</Link> {session.interventionTitle}
            </dd>
          </div>
          <div>
            <dt>Tipo</dt>
            <dd>{SESSION_KIND_LABELS[session.kind]}</dd>
          </div>
          <div>
            <dt>Estado</dt>
            <dd>{SESSION_STATUS_LABELS[session.status]}</dd>
          </div>
          <div>
            <dt>Fecha</dt>
            <dd>{formatDate(session.date)}</dd>
          </div>
          <div>
            <dt>Lugar</dt>
            <dd>
              {session.place} ({session.region})
            </dd>
          </div>
          <div>
            <dt>Facilitación</dt>
            <dd>{session.facilitators.map((f) => f.name).join(', ')}</dd>
          </div>
          <div>
            <dt>Versiones en prueba</dt>
            <dd>
              {session.versions.map((v, i) => (
                <span key={v.id}>
                  {i > 0 ? ', ' : ''}
                  <Link to={`/intervenciones/${session.interventionCode}/prototipos/${v.prototypeId}/versiones/${v.number}`}>
                    {v.prototypeName} v{v.number}
                  </Link>
                </span>
              ))}
            </dd>
          </div>
        </dl>
      </section>

      <h2>
        Guion {instrument ? <span className="muted">({instrument.name}, v{instrument.number})</span> : null}
      </h2>
      {questions.length === 0 ? (
        <p>Esta sesión aún no tiene guion.</p>
      ) : (
        <ol className="guide-preview">
          {questions.map((q) => (
            <li key={q.id}>
              {q.kind === 'task' ? <strong>Tarea: </strong> : null}
              {q.text}
            </li>
          ))}
        </ol>
      )}

      <h2>Participantes ({people.participants.length})</h2>
      {people.participants.length === 0 ? (
        <p>Todavía no hay participantes.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Código</th>
                <th scope="col">Edad</th>
                <th scope="col">Habilidad digital</th>
                <th scope="col">Región</th>
                <th scope="col">Versión</th>
                <th scope="col">Consentimiento</th>
                <th scope="col" className="num">
                  Respuestas
                </th>
              </tr>
            </thead>
            <tbody>
              {people.participants.map((p) => (
                <tr key={p.id}>
                  <td>{p.code}</td>
                  <td>{p.ageBand ? AGE_BAND_LABELS[p.ageBand] : '—'}</td>
                  <td>{p.digitalSkill ? DIGITAL_SKILL_LABELS[p.digitalSkill] : '—'}</td>
                  <td>{p.region ?? '—'}</td>
                  <td>{versionLabel(p.assignedVersionId)}</td>
                  <td>{p.consentMethod === 'oral' ? 'Oral (con testigo)' : p.consentMethod === 'tap' ? 'En la tableta' : '—'}</td>
                  <td className="num">
                    {p.answered} de {people.total}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
