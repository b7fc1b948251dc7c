import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { z } from 'zod'
import { data, Form, Link, redirect, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/detail'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import {
  DomainError,
  deleteIntervention,
  getInterventionByCode,
  getInterventionDetail,
  moveStage,
  recordDecision,
  setArchived,
} from '#app/.server/interventions.ts'
import { FieldErrors } from '#app/components/field-errors.tsx'
import { ChannelList, StageBadge, VersionStatusBadge } from '#app/components/labels.tsx'
import { MoveStageControl } from '#app/components/move-stage-control.tsx'
import {
  CHANNEL_LABELS,
  DECISIONS,
  DECISION_LABELS,
  FIDELITY_LABELS,
  SESSION_KIND_LABELS,
  SESSION_STATUS_LABELS,
  STAGE_LABELS,
} from '#app/lib/domain.ts'
import { DecisionForm, MoveStageForm } from '#app/lib/forms/intervention.ts'
import { formatDate, formatDateTime } from '#app/lib/format.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = ({ data }) => [
  { title: data ? `${data.intervention.code} · ${data.intervention.title} · Katapulta` : 'Intervención · Katapulta' },
]

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request)
  const intervention = await getInterventionByCode(params.code)
  if (!intervention) notFound('No existe esa intervención.')
  return { intervention, detail: await getInterventionDetail(intervention.id), canEdit: user.role !== 'manager' }
}

const DeleteForm = z.object({
  confirm: z.literal('on', { error: 'Marque la casilla para confirmar que quiere eliminarla.' }),
})

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const formData = await readForm(request)
  const intent = formData.get('intent')
  const code = params.code
  try {
    switch (intent) {
      case 'decision': {
        const submission = parseWithZod(formData, { schema: DecisionForm })
        if (submission.status !== 'success') return data({ decision: submission.reply() }, { status: 400 })
        recordDecision(code, submission.value, user)
        return redirect(`/intervenciones/${code}?decision=1#decision`)
      }
      case 'move': {
        const submission = parseWithZod(formData, { schema: MoveStageForm })
        if (submission.status !== 'success' || submission.value.code !== code) {
          return data({ message: 'Elija una etapa de la lista.' }, { status: 400 })
        }
        moveStage(code, submission.value.stage, user)
        return redirect(`/intervenciones/${code}`)
      }
      case 'archive':
      case 'restore':
        setArchived(code, intent === 'archive', user)
        return redirect(`/intervenciones/${code}`)
      case 'delete': {
        if (!DeleteForm.safeParse(Object.fromEntries(formData)).success) {
          return data({ message: 'Marque la casilla para confirmar que quiere eliminarla.' }, { status: 400 })
        }
        deleteIntervention(code, user)
        return redirect('/intervenciones?eliminada=1')
      }
      default:
        return data({ message: 'Acción desconocida.' }, { status: 400 })
    }
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.status === 404) notFound(error.message)
      return data({ message: error.message }, { status: error.status })
    }
    throw error
  }
}

export default function InterventionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, detail, canEdit } = loaderData
  const [searchParams] = useSearchParams()
  const archived = intervention.status === 'archived'
  const latestDecision = detail.decisions[0]
  const message = actionData && 'message' in actionData ? actionData.message : null
  const decisionResult = actionData && 'decision' in actionData ? actionData.decision : undefined

  return (
    <>
      <p className="breadcrumb">
        <Link to="/intervenciones">Intervenciones</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="code">{intervention.code}</span> {intervention.title}
        </h1>
        <div className="actions">
          <Link to={`/tableros/intervenciones/${intervention.code}`} className="button button-secondary">
            Ver tablero
          </Link>
          <Link to={`/intervenciones/${intervention.code}/sintesis`} className="button button-secondary">
            Síntesis
          </Link>
          {canEdit && !archived ? (
            <>
            <Link to={`/intervenciones/${intervention.code}/editar`} className="button button-secondary">
              Editar
            </Link>
            <Link to={`/intervenciones/${intervention.code}/prototipos/nuevo`} className="button">
              Agregar prototipo
            </Link>
            </>
          ) : null}
        </div>
      </div>
      {searchParams.get('creada') ? <p className="notice" role="status">Intervención creada.</p> : null}
      {searchParams.get('guardada') ? <p className="notice" role="status">Cambios guardados.</p> : null}
      {searchParams.get('decision') ? <p className="notice" role="status">Decisión registrada.</p> : null}
      {message ? (
        <p className="alert" role="alert">
          {message}
        </p>
      ) : null}
      {archived ? <p className="warning">Esta intervención está archivada: se puede consultar pero no cambiar.</p> : null}

      <section aria-labelledby="summary-title" className="card">
        <h2 id="summary-title" className="visually-hidden">
          Resumen
        </h2>
        <dl className="summary">
          <div>
            <dt>Etapa</dt>
            <dd>
              <StageBadge stage={intervention.stage} />
            </dd>
          </div>
          <div>
            <dt>Servicio de la ONP</dt>
            <dd>{intervention.service}</dd>
          </div>
          <div>
            <dt>Canales</dt>
            <dd>
              <ChannelList channels={intervention.channels} />
            </dd>
          </div>
          <div>
            <dt>Responsable</dt>
            <dd>{intervention.owner?.name ?? 'Sin asignar'}</dd>
          </div>
          <div>
            <dt>Fechas</dt>
            <dd>
              {intervention.startDate ? formatDate(intervention.startDate) : 'Sin fecha de inicio'}
              {intervention.endDate ? ` — ${formatDate(intervention.endDate)}` : ''}
            </dd>
          </div>
          <div>
            <dt>Decisión</dt>
            <dd>{latestDecision ? DECISION_LABELS[latestDecision.decision] : 'Aún sin decisión'}</dd>
          </div>
        </dl>
        <dl className="summary-long">
          <div>
            <dt>Problema</dt>
            <dd>{intervention.problem || '—'}</dd>
          </div>
          <div>
            <dt>Hipótesis</dt>
            <dd>{intervention.hypothesis || '—'}</dd>
          </div>
          <div>
            <dt>Población objetivo</dt>
            <dd>{intervention.targetPopulation || '—'}</dd>
          </div>
          <div>
            <dt>Métrica de éxito</dt>
            <dd>{intervention.successMetric || '—'}</dd>
          </div>
        </dl>
        {canEdit && !archived ? <MoveStageControl code={intervention.code} stage={intervention.stage} /> : null}
      </section>

      <section aria-labelledby="prototypes-title">
        <h2 id="prototypes-title">Prototipos</h2>
        {detail.prototypes.length === 0 ? (
          <p>Todavía no hay prototipos.</p>
        ) : (
          <ul className="card-list">
            {detail.prototypes.map((p) => (
              <li key={p.id} className="card">
                <h3>
                  <Link to={`/intervenciones/${intervention.code}/prototipos/${p.id}`}>{p.name}</Link>
                </h3>
                <p className="muted">
                  {CHANNEL_LABELS[p.channel]} · {FIDELITY_LABELS[p.fidelity]} · {p.versionCount}{' '}
                  {p.versionCount === 1 ? 'versión' : 'versiones'}
                </p>
                {p.latestNumber ? (
                  <p>
                    Última:{' '}
                    <Link to={`/intervenciones/${intervention.code}/prototipos/${p.id}/versiones/${p.latestNumber}`}>v{p.latestNumber}</Link>{' '}
                    {p.latestStatus ? <VersionStatusBadge status={p.latestStatus as never} /> : null}
                  </p>
                ) : (
                  <p>Sin versiones publicadas.</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sesiones</h2>
        {detail.sessions.length === 0 ? (
          <p>Todavía no hay sesiones.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Sesión</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Lugar</th>
                  <th scope="col">Estado</th>
                  <th scope="col" className="num">
                    Participantes
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDate(s.date)}</td>
                    <td>{s.title}</td>
                    <td>{SESSION_KIND_LABELS[s.kind]}</td>
                    <td>{s.place}</td>
                    <td>{SESSION_STATUS_LABELS[s.status]}</td>
                    <td className="num">{s.participants}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="decision-title" id="decision">
        <h2 id="decision-title">Decisión</h2>
        {latestDecision ? (
          <div className="card">
            <p>
              <strong>{DECISION_LABELS[latestDecision.decision]}</strong> — {latestDecision.reason}
            </p>
            <p className="muted">
              {latestDecision.by ?? 'Alguien'} · {formatDateTime(latestDecision.decidedAt)}
            </p>
          </div>
        ) : (
          <p>Todavía no se ha tomado una decisión.</p>
        )}
        {canEdit && !archived ? <DecisionFormView lastResult={decisionResult} /> : null}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Línea de tiempo</h2>
        <ol className="timeline">
          {detail.timeline.map((entry, i) => (
            <li key={i}>
              <time dateTime={entry.at}>{entry.at.length > 10 ? formatDateTime(entry.at) : formatDate(entry.at)}</time>{' '}
              {entry.kind === 'stage' ? (
                entry.from ? (
                  <>
                    Etapa: de «{STAGE_LABELS[entry.from]}» a «{STAGE_LABELS[entry.to]}»
                  </>
                ) : (
                  <>Creada en la etapa «{STAGE_LABELS[entry.to]}»</>
                )
              ) : entry.kind === 'version' ? (
                <>
                  Publicada{' '}
                  <Link to={`/intervenciones/${intervention.code}/prototipos/${entry.prototypeId}/versiones/${entry.number}`}>
                    {entry.prototypeName} v{entry.number}
                  </Link>
                </>
              ) : entry.kind === 'session' ? (
                <>Sesión «{entry.title}» ({SESSION_STATUS_LABELS[entry.status as 'closed']})</>
              ) : (
                <>
                  Decisión: {DECISION_LABELS[entry.decision]} — {entry.reason}
                </>
              )}
              {entry.by ? <span className="muted"> · {entry.by}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      {canEdit ? (
        <section aria-labelledby="archive-title" className="danger-zone">
          <h2 id="archive-title">Archivar o eliminar</h2>
          {archived ? (
            <Form method="post">
              <button type="submit" name="intent" value="restore" className="button button-secondary">
                Reactivar intervención
              </button>
            </Form>
          ) : (
            <Form method="post">
              <p>Archivar la oculta de la lista y del tablero; sus datos se conservan.</p>
              <button type="submit" name="intent" value="archive" className="button button-secondary">
                Archivar intervención
              </button>
            </Form>
          )}
          {detail.hasDependents ? (
            <p className="muted">Tiene prototipos, sesiones o hallazgos, por eso solo se puede archivar.</p>
          ) : (
            <Form method="post" className="stack">
              <label className="check">
                <input type="checkbox" name="confirm" required /> Confirmo que quiero eliminar {intervention.code} para siempre
              </label>
              <div>
                <button type="submit" name="intent" value="delete" className="button button-danger">
                  Eliminar intervención
                </button>
              </div>
            </Form>
          )}
        </section>
      ) : null}
    </>
  )
}

function DecisionFormView({ lastResult }: { lastResult: SubmissionResult | undefined }) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'decision-form',
    lastResult,
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionForm }),
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-card">
      <input type="hidden" name="intent" value="decision" />
      {form.errors ? (
        <p className="alert" role="alert" id={form.errorId}>
          {form.errors.join(' ')}
        </p>
      ) : null}
      <fieldset className="field" aria-describedby={fields.decision.errorId}>
        <legend>Registrar una decisión</legend>
        <div className="checks">
          {DECISIONS.map((d) => (
            <label key={d}>
              <input type="radio" name={fields.decision.name} value={d} defaultChecked={fields.decision.initialValue === d} />
              {DECISION_LABELS[d]}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.decision.errorId} errors={fields.decision.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.reason.id}>Motivo</label>
        <textarea {...getTextareaProps(fields.reason)} rows={3} />
        <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
      </div>
      <div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Registrar decisión
        </button>
      </div>
    </Form>
  )
}
