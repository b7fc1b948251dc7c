import { Link } from 'react-router'
import type { Route } from './+types/list'
import { requireUser } from '#app/.server/auth.ts'
import { listSessions } from '#app/.server/sessions.ts'
import { SESSION_KIND_LABELS, SESSION_STATUS_LABELS } from '#app/lib/domain.ts'
import { formatDate } from '#app/lib/format.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Sesiones · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return { ...(await listSessions()), canEdit: user.role !== 'manager' }
}

type Row = Route.ComponentProps['loaderData']['upcoming'][number]

function SessionTable({ rows, caption }: { rows: Row[]; caption: string }) {
  if (rows.length === 0) return <p>No hay sesiones.</p>
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Fecha</th>
            <th scope="col">Sesión</th>
            <th scope="col">Intervención</th>
            <th scope="col">Tipo</th>
            <th scope="col">Lugar</th>
            <th scope="col">Estado</th>
            <th scope="col" className="num">
              Participantes
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{formatDate(s.date)}</td>
              <td>
                <Link to={`/sesiones/${s.id}`}>{s.title}</Link>
              </td>
              <td>
                <Link to={`/intervenciones/${s.interventionCode}`}>{s.interventionCode}</Link> {s.interventionTitle}
              </td>
              <td>{SESSION_KIND_LABELS[s.kind]}</td>
              <td>
                {s.place} <span className="muted">({s.region})</span>
              </td>
              <td>{SESSION_STATUS_LABELS[s.status]}</td>
              <td className="num">{s.participants}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function Sessions({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <div className="page-head">
        <h1>Sesiones</h1>
        {loaderData.canEdit ? (
          <Link to="/sesiones/nueva" className="button">
            Planificar sesión
          </Link>
        ) : null}
      </div>
      <h2>Próximas y en curso</h2>
      <SessionTable rows={loaderData.upcoming} caption="Próximas sesiones" />
      <h2>Realizadas</h2>
      <SessionTable rows={loaderData.past} caption="Sesiones realizadas" />
    </>
  )
}
