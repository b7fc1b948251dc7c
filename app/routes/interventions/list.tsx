import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/list'
import { requireUser } from '#app/.server/auth.ts'
import { listInterventions, listOwners, PAGE_SIZE } from '#app/.server/interventions.ts'
import { ChannelList, StageBadge } from '#app/components/labels.tsx'
import { CHANNELS, CHANNEL_LABELS, STAGES, STAGE_LABELS } from '#app/lib/domain.ts'
import { ListFilters } from '#app/lib/forms/intervention.ts'
import { formatDate, formatInteger } from '#app/lib/format.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = () => [{ title: 'Intervenciones · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const filters = ListFilters.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [result, owners] = await Promise.all([listInterventions(filters), listOwners()])
  return { ...result, owners, filters, pageSize: PAGE_SIZE, canEdit: user.role !== 'manager' }
}

const SORTS = [
  { key: 'codigo', label: 'Código' },
  { key: 'titulo', label: 'Título' },
  { key: 'etapa', label: 'Etapa' },
  { key: 'actividad', label: 'Última actividad' },
] as const

export default function InterventionList({ loaderData }: Route.ComponentProps) {
  const { rows, total, page, pages, owners, filters, pageSize, canEdit } = loaderData
  const [searchParams] = useSearchParams()
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams)
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k)
    else next.set(k, v)
    return `?${next.toString()}`
  }
  const sortDir = filters.dir ?? (filters.orden === 'actividad' ? 'desc' : 'asc')

  return (
    <>
      <div className="page-head">
        <h1>Intervenciones</h1>
        <div className="actions">
          <Link to="/intervenciones/tablero" className="button button-secondary">
            Tablero por etapas
          </Link>
          {canEdit ? (
            <Link to="/intervenciones/nueva" className="button">
              Nueva intervención
            </Link>
          ) : null}
        </div>
      </div>

      <Form method="get" className="filters card" aria-label="Filtrar intervenciones">
        <div className="field field-wide">
          <label htmlFor="q">Buscar</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ''} placeholder="Código, título, servicio o problema" />
        </div>
        <SelectField id="etapa" label="Etapa" defaultValue={filters.etapa ?? ''} empty="Todas" options={labelledOptions(STAGES, STAGE_LABELS)} />
        <SelectField id="canal" label="Canal" defaultValue={filters.canal ?? ''} empty="Todos" options={labelledOptions(CHANNELS, CHANNEL_LABELS)} />
        <SelectField
          id="responsable"
          label="Responsable"
          defaultValue={filters.responsable ?? ''}
          empty="Cualquiera"
          options={owners.map((o) => ({ value: o.id, label: o.name }))}
        />
        <div className="field">
          <label htmlFor="estado">Estado</label>
          <select id="estado" name="estado" defaultValue={filters.estado}>
            <option value="active">Activas</option>
            <option value="archived">Archivadas</option>
            <option value="todas">Todas</option>
          </select>
        </div>
        <input type="hidden" name="orden" value={filters.orden} />
        {filters.dir ? <input type="hidden" name="dir" value={filters.dir} /> : null}
        <div className="filter-buttons">
          <button type="submit" className="button">
            Filtrar
          </button>
          <Link to="/intervenciones" className="button button-secondary">
            Limpiar
          </Link>
        </div>
      </Form>

      <p role="status" className="result-count">
        {total === 0
          ? 'Ninguna intervención coincide con estos filtros.'
          : `${formatInteger(total)} ${total === 1 ? 'intervención' : 'intervenciones'}${pages > 1 ? ` · página ${page} de ${pages}` : ''}`}
      </p>

      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Intervenciones del laboratorio</caption>
            <thead>
              <tr>
                {SORTS.slice(0, 2).map((s) => (
                  <SortHeader key={s.key} sortKey={s.key} label={s.label} active={filters.orden} dir={sortDir} href={withParams} />
                ))}
                <th scope="col">Servicio</th>
                <SortHeader sortKey="etapa" label="Etapa" active={filters.orden} dir={sortDir} href={withParams} />
                <th scope="col">Canales</th>
                <th scope="col" className="num">
                  Prototipos
                </th>
                <th scope="col" className="num">
                  Sesiones
                </th>
                <SortHeader sortKey="actividad" label="Última actividad" active={filters.orden} dir={sortDir} href={withParams} />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/intervenciones/${r.code}`}>{r.code}</Link>
                  </td>
                  <td>
                    <Link to={`/intervenciones/${r.code}`}>{r.title}</Link>
                    {r.status === 'archived' ? <span className="badge badge-archived">Archivada</span> : null}
                  </td>
                  <td>{r.service}</td>
                  <td>
                    <StageBadge stage={r.stage} />
                  </td>
                  <td>
                    <ChannelList channels={r.channels} />
                  </td>
                  <td className="num">{r.prototypeCount}</td>
                  <td className="num">{r.sessionCount}</td>
                  <td>{formatDate(r.lastActivity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {pages > 1 ? (
        <nav aria-label="Páginas" className="pagination">
          {page > 1 ? (
            <Link to={withParams({ pagina: String(page - 1) })} className="button button-secondary">
              Anterior
            </Link>
          ) : null}
          <span>
            Página {page} de {pages} ({pageSize} por página)
          </span>
          {page < pages ? (
            <Link to={withParams({ pagina: String(page + 1) })} className="button button-secondary">
              Siguiente
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}

function SortHeader(props: {
  sortKey: string
  label: string
  active: string
  dir: 'asc' | 'desc'
  href: (changes: Record<string, string | null>) => string
}) {
  const isActive = props.active === props.sortKey
  const nextDir = isActive && props.dir === 'asc' ? 'desc' : 'asc'
  return (
    <th scope="col" aria-sort={isActive ? (props.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={props.href({ orden: props.sortKey, dir: nextDir, pagina: null })} className="sort-link">
        {props.label}
        {isActive ? <span aria-hidden="true">{props.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
        <span className="visually-hidden">
          {isActive ? `, ordenado ${props.dir === 'asc' ? 'ascendente' : 'descendente'}` : ', ordenar'}
        </span>
      </Link>
    </th>
  )
}
