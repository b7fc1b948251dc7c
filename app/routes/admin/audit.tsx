import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/audit'
import { AUDIT_PAGE, listAudit } from '#app/.server/admin.ts'
import { requireUser } from '#app/.server/auth.ts'
import { AuditFilters } from '#app/lib/forms/admin.ts'
import { formatDateTime } from '#app/lib/format.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Registro de auditoría · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, 'admin')
  const f = AuditFilters.parse(Object.fromEntries(new URL(request.url).searchParams))
  return { ...(await listAudit({ action: f.accion, actor: f.persona, from: f.desde, to: f.hasta, page: f.pagina })), filters: f, pageSize: AUDIT_PAGE }
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { rows, total, filters, pageSize } = loaderData
  const [searchParams] = useSearchParams()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const page = (n: number) => {
    const p = new URLSearchParams(searchParams)
    p.set('pagina', String(n))
    return `?${p.toString()}`
  }
  return (
    <>
      <h1>Registro de auditoría</h1>
      <Form method="get" className="filters card" aria-label="Filtrar el registro">
        <div className="field">
          <label htmlFor="accion">Acción (empieza con)</label>
          <input id="accion" name="accion" defaultValue={filters.accion ?? ''} placeholder="participant., auth., intervention." />
        </div>
        <div className="field">
          <label htmlFor="persona">Persona</label>
          <input id="persona" name="persona" defaultValue={filters.persona ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="desde">Desde</label>
          <input id="desde" name="desde" type="date" defaultValue={filters.desde ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="hasta">Hasta</label>
          <input id="hasta" name="hasta" type="date" defaultValue={filters.hasta ?? ''} />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="button">
            Filtrar
          </button>
        </div>
      </Form>
      <p role="status">{total} registros</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Cuándo</th>
              <th scope="col">Quién</th>
              <th scope="col">Acción</th>
              <th scope="col">Sobre</th>
              <th scope="col">Detalle</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.actorLabel}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.entityType ? `${r.entityType} ${r.entityId ?? ''}` : '—'}</td>
                <td>
                  <code>{r.detail ? JSON.stringify(r.detail) : ''}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pagination" aria-label="Páginas">
          {filters.pagina > 1 ? <Link to={page(filters.pagina - 1)}>Anterior</Link> : null}
          <span>
            Página {filters.pagina} de {pages}
          </span>
          {filters.pagina < pages ? <Link to={page(filters.pagina + 1)}>Siguiente</Link> : null}
        </nav>
      ) : null}
    </>
  )
}
