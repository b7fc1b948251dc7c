import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/insight'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { DomainError, getInterventionByCode } from '#app/.server/interventions.ts'
import { metricsByVersion } from '#app/.server/metrics.ts'
import { evidenceSegments, getInsight, setInsightStatus } from '#app/.server/synthesis.ts'
import { AGE_BAND_LABELS, DIGITAL_SKILL_LABELS, INSIGHT_SEVERITY_LABELS, OBSERVATION_TAG_LABELS } from '#app/lib/domain.ts'
import { InsightStatusForm } from '#app/lib/forms/synthesis.ts'
import { completionText, meanText } from '#app/lib/metric-format.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.insight.title ?? 'Hallazgo'} · Katapulta` }]

async function load(code: string, idParam: string) {
  const intervention = await getInterventionByCode(code)
  if (!intervention) notFound('No existe esa intervención.')
  const id = Number(idParam)
  const insight = Number.isSafeInteger(id) && id > 0 ? await getInsight(intervention.id, id) : null
  if (!insight) notFound('No existe ese hallazgo.')
  return { intervention, insight }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const { intervention, insight } = await load(params.code, params.id)
  const [people, scores] = await Promise.all([evidenceSegments(insight.evidence), metricsByVersion(insight.concerns.map((v) => v.id))])
  return {
    intervention: { code: intervention.code, title: intervention.title },
    insight,
    ...people,
    scores,
    canEdit: user.role !== 'manager',
  }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const { intervention, insight } = await load(params.code, params.id)
  const submission = parseWithZod(await readForm(request), { schema: InsightStatusForm })
  if (submission.status !== 'success') return data({ message: 'Estado desconocido.' }, { status: 400 })
  try {
    await setInsightStatus(intervention.id, insight.id, submission.value.status, user)
  } catch (error) {
    if (error instanceof DomainError) return data({ message: error.message }, { status: error.status })
    throw error
  }
  return redirect(`/intervenciones/${intervention.code}/hallazgos/${insight.id}`)
}

export default function InsightPage({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, insight, participants, ageBands, skills, scores, canEdit } = loaderData
  const [searchParams] = useSearchParams()
  const status =
    insight.addressedBy.length > 0
      ? `Atendido en ${insight.addressedBy.map((v) => `${v.prototypeName} v${v.number}`).join(', ')}`
      : insight.status === 'discarded'
        ? 'Descartado'
        : 'Abierto'
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>{intervention.code}</Link> › <Link to={`/intervenciones/${intervention.code}/sintesis`}>Síntesis</Link>
      </p>
      <h1>{insight.title}</h1>
      {searchParams.get('creado') ? (
        <p className="notice" role="status">
          Hallazgo creado. Al publicar la siguiente versión, marque que la atiende.
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="alert" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <dl className="summary card">
        <div>
          <dt>Severidad</dt>
          <dd>{INSIGHT_SEVERITY_LABELS[insight.severity]}</dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd data-testid="insight-status">{status}</dd>
        </div>
        <div>
          <dt>Evidencia</dt>
          <dd>
            {insight.evidence.length} tarjetas de {participants} participantes
          </dd>
        </div>
      </dl>
      {insight.description ? <p>{insight.description}</p> : null}
      {canEdit && insight.addressedBy.length === 0 ? (
        <Form method="post">
          <input type="hidden" name="status" value={insight.status === 'discarded' ? 'open' : 'discarded'} />
          <button type="submit" className="button button-secondary">
            {insight.status === 'discarded' ? 'Reabrir hallazgo' : 'Descartar hallazgo'}
          </button>
        </Form>
      ) : null}

      <h2>Evidencia</h2>
      <ul className="plain-list">
        {insight.evidence.map((c) => (
          <li key={c.id} className="card">
            {c.source === 'comment' ? `«${c.text}»` : c.text}
            <span className="muted">
              {' '}
              {c.tags.map((t) => `· ${OBSERVATION_TAG_LABELS[t]} `).join('')}
              {c.participantCode ? `· ${c.participantCode} ` : ''}
              {c.versionLabel ? `· ${c.versionLabel}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h2>Segmentos de las personas</h2>
      <div className="table-pair">
        <table>
          <caption>Edad</caption>
          <tbody>
            {ageBands.map(([k, n]) => (
              <tr key={k}>
                <th scope="row">{AGE_BAND_LABELS[k as keyof typeof AGE_BAND_LABELS] ?? 'Sin dato'}</th>
                <td className="num">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table>
          <caption>Habilidad digital</caption>
          <tbody>
            {skills.map(([k, n]) => (
              <tr key={k}>
                <th scope="row">{DIGITAL_SKILL_LABELS[k as keyof typeof DIGITAL_SKILL_LABELS] ?? 'Sin dato'}</th>
                <td className="num">{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Versiones en las que se observó</h2>
      {insight.concerns.length === 0 ? (
        <p>No se indicaron versiones.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Versión</th>
                <th scope="col">Participantes</th>
                <th scope="col">Tareas completadas</th>
                <th scope="col">SUS</th>
              </tr>
            </thead>
            <tbody>
              {insight.concerns.map((v) => {
                const s = scores.find((r) => r.versionId === v.id)
                const c = completionText(s?.completion ?? null)
                const m = meanText(s?.sus ?? null, [0, 100])
                return (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link to={`/intervenciones/${intervention.code}/prototipos/${v.prototypeId}/versiones/${v.number}`}>
                        {v.prototypeName} v{v.number}
                      </Link>
                    </th>
                    <td className="num">{s?.participants ?? 0}</td>
                    <td>{c ? `${c.value} (${c.detail})` : '—'}</td>
                    <td>{m ? `${m.value} (${m.detail})` : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
