import { Form, Link, useSearchParams } from 'react-router'
import type { Route } from './+types/detail'
import { requireUser } from '#app/.server/auth.ts'
import { requirePrototype } from '#app/.server/prototypes.ts'
import { VersionStatusBadge } from '#app/components/labels.tsx'
import { CHANNEL_LABELS, FIDELITY_LABELS } from '#app/lib/domain.ts'
import { formatDate } from '#app/lib/format.ts'
import { SelectField } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.prototype.name ?? 'Prototipo'} · Katapulta` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  return { intervention, prototype, canEdit: user.role !== 'manager' && intervention.status === 'active' }
}

export default function PrototypePage({ loaderData }: Route.ComponentProps) {
  const { intervention, prototype, canEdit } = loaderData
  const [searchParams] = useSearchParams()
  const base = `/intervenciones/${intervention.code}/prototipos/${prototype.id}`
  const versions = prototype.versions
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>
          {intervention.code} · {intervention.title}
        </Link>
      </p>
      <div className="page-head">
        <h1>{prototype.name}</h1>
        {canEdit ? (
          <Link to={`${base}/versiones/nueva${versions[0] ? `?desde=${versions[0].number}` : ''}`} className="button">
            Publicar nueva versión
          </Link>
        ) : null}
      </div>
      {searchParams.get('publicada') ? <p className="notice" role="status">Versión publicada.</p> : null}
      <p className="muted">
        {CHANNEL_LABELS[prototype.channel]} · {FIDELITY_LABELS[prototype.fidelity]}
        {prototype.librarySlug ? ` · biblioteca: prototypes/${prototype.librarySlug}` : ''}
      </p>
      {prototype.description ? <p>{prototype.description}</p> : null}

      <h2>Versiones</h2>
      {versions.length === 0 ? (
        <p>Todavía no hay versiones publicadas.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Versión</th>
                <th scope="col">Estado</th>
                <th scope="col">Qué cambió y por qué</th>
                <th scope="col" className="num">
                  Respuestas
                </th>
                <th scope="col">Publicada</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`${base}/versiones/${v.number}`}>v{v.number}</Link>
                  </td>
                  <td>
                    <VersionStatusBadge status={v.status} />
                  </td>
                  <td className="changelog">{v.changelog}</td>
                  <td className="num">{v.responseCount}</td>
                  <td>
                    {formatDate(v.createdAt)}
                    {v.by ? <span className="muted"> · {v.by}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {versions.length >= 2 ? (
        <Form method="get" action={`${base}/comparar`} className="card compare-picker">
          <h2>Comparar dos versiones</h2>
          <div className="field-row">
            <SelectField
              id="a"
              label="Versión"
              defaultValue={versions[1]!.number}
              options={versions.map((v) => ({ value: v.number, label: `v${v.number}` }))}
            />
            <SelectField
              id="b"
              label="con la versión"
              defaultValue={versions[0]!.number}
              options={versions.map((v) => ({ value: v.number, label: `v${v.number}` }))}
            />
          </div>
          <button type="submit" className="button button-secondary">
            Comparar
          </button>
        </Form>
      ) : null}
    </>
  )
}
