import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/detail'
import { requireUser } from '#app/.server/auth.ts'
import { requirePrototype, requireVersion, setVersionStatus } from '#app/.server/prototypes.ts'
import { metricsByVersion } from '#app/.server/metrics.ts'
import { ArtifactList } from '#app/components/artifact-list.tsx'
import { HeadlineScoresView } from '#app/components/headline-scores.tsx'
import { VersionStatusBadge } from '#app/components/labels.tsx'
import { INSIGHT_SEVERITY_LABELS, VERSION_STATUSES, VERSION_STATUS_LABELS } from '#app/lib/domain.ts'
import { VERSION_FROZEN_MESSAGE, VersionStatusForm } from '#app/lib/forms/prototype.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.prototype.name} v${data.version.number} · Katapulta` : 'Versión · Katapulta' }]

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const version = await requireVersion(prototype.id, params.number)
  const [scores] = await metricsByVersion([version.id])
  return { intervention, prototype, version, scores: scores!, canEdit: user.role !== 'manager' && intervention.status === 'active' }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const { intervention, prototype } = await requirePrototype(params.code, params.prototypeId)
  const version = await requireVersion(prototype.id, params.number)
  const submission = parseWithZod(await readForm(request), { schema: VersionStatusForm })
  if (submission.status !== 'success') return data({ message: 'Elija un estado de la lista.' }, { status: 400 })
  if (intervention.status === 'archived') return data({ message: 'La intervención está archivada.' }, { status: 409 })
  setVersionStatus(version.id, submission.value.status, user)
  return redirect(`/intervenciones/${intervention.code}/prototipos/${prototype.id}/versiones/${version.number}?estado=1`)
}

export default function VersionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, prototype, version, scores, canEdit } = loaderData
  const [searchParams] = useSearchParams()
  const base = `/intervenciones/${intervention.code}/prototipos/${prototype.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>{intervention.code}</Link> › <Link to={base}>{prototype.name}</Link>
      </p>
      <div className="page-head">
        <h1>
          {prototype.name} v{version.number} <VersionStatusBadge status={version.status} />
        </h1>
        {canEdit ? (
          <div className="actions">
            <Link to={`${base}/versiones/${version.number}/editar`} className="button button-secondary">
              Editar
            </Link>
            <Link to={`${base}/versiones/nueva?desde=${version.number}`} className="button">
              Publicar nueva versión
            </Link>
          </div>
        ) : null}
      </div>
      {searchParams.get('publicada') ? <p className="notice" role="status">Versión publicada.</p> : null}
      {searchParams.get('guardada') ? <p className="notice" role="status">Cambios guardados.</p> : null}
      {searchParams.get('estado') ? <p className="notice" role="status">Estado actualizado.</p> : null}
      {actionData?.message ? (
        <p className="alert" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {version.frozen ? (
        <p className="warning">
          <strong>Versión congelada.</strong> {VERSION_FROZEN_MESSAGE}
        </p>
      ) : null}
      <p className="muted">
        Publicada el {formatDateTime(version.createdAt)}
        {version.author ? ` por ${version.author}` : ''}
      </p>

      <h2>Qué cambió y por qué</h2>
      <p className="changelog">{version.changelog}</p>

      {version.addressedInsights.length > 0 ? (
        <>
          <h2>Hallazgos que atiende</h2>
          <ul>
            {version.addressedInsights.map((i) => (
              <li key={i.id}>
                {i.title} <span className="muted">({INSIGHT_SEVERITY_LABELS[i.severity]}) · atendido en v{version.number}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Artefactos</h2>
      <ArtifactList artifacts={version.artifacts} />

      <h2>Resultados</h2>
      <HeadlineScoresView scores={scores} />

      {canEdit ? (
        <Form method="post" className="card move-stage">
          <label htmlFor="status">Cambiar estado</label>
          <select id="status" name="status" defaultValue={version.status}>
            {VERSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {VERSION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-secondary button-small">
            Guardar estado
          </button>
        </Form>
      ) : null}
    </>
  )
}
