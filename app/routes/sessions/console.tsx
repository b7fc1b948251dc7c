import { parseWithZod } from '@conform-to/zod/v4'
import QRCode from 'qrcode'
import { useEffect } from 'react'
import { data, Form, Link, redirect, useNavigation, useRevalidator } from 'react-router'
import type { Route } from './+types/console'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getQuestions } from '#app/.server/instruments.ts'
import { DomainError } from '#app/.server/interventions.ts'
import {
  addObservation,
  addParticipant,
  endTurn,
  getSession,
  listDevices,
  listObservations,
  listParticipants,
  listTaskOutcomes,
  recordTaskOutcome,
  setSessionStatus,
} from '#app/.server/sessions.ts'
import { preparePairing } from '#app/.server/tablet.ts'
import { dniHmac } from '#app/.server/admin.ts'
import {
  AGE_BANDS,
  AGE_BAND_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  DIGITAL_SKILLS,
  DIGITAL_SKILL_LABELS,
  OBSERVATION_TAGS,
  OBSERVATION_TAG_LABELS,
  REGIONS,
  SESSION_STATUS_LABELS,
  TASK_OUTCOMES,
  TASK_OUTCOME_LABELS,
} from '#app/lib/domain.ts'
import { ObservationForm, ParticipantForm, PrepareTabletForm, TaskOutcomeForm } from '#app/lib/forms/session.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { readForm } from '#app/.server/read-form.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Consola · ${data?.session.title ?? 'Sesión'} · Katapulta` }]

async function loadSession(id: string) {
  const session = await getSession(Number(id))
  if (!session) notFound('No existe esa sesión.')
  return session
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, 'facilitator', 'admin')
  const session = await loadSession(params.id)
  const [people, devices, outcomes, notes, questions] = await Promise.all([
    listParticipants(session.id, session.instrumentVersionId),
    listDevices(session.id),
    listTaskOutcomes(session.id),
    listObservations(session.id),
    session.instrumentVersionId ? getQuestions(session.instrumentVersionId) : [],
  ])
  const tasks = questions.filter((q) => q.kind === 'task').map((q, i) => ({ id: q.id, label: `Tarea ${i + 1}: ${q.text}` }))
  // The tablet can show the guide in any language some of its questions were translated to.
  const languages = ['es-PE', ...new Set(questions.flatMap((q) => Object.keys(q.config.translations ?? {})))]
  // Who is on each tablet now: the latest participant who consented there and whose turn is open.
  const onTablet = devices.map((d) => ({
    ...d,
    participant: [...people.participants].reverse().find((p) => p.deviceId === d.id && !p.turnEndedAt) ?? null,
  }))
  return { session, people, onTablet, outcomes, notes, tasks, languages }
}

type ActionResult = { ok: boolean; message?: string; form?: string; pairing?: { code: string; expiresAt: string; qr: string } }

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const session = await loadSession(params.id)
  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  const fail = (message: string, status = 400) => data<ActionResult>({ ok: false, form: intent, message }, { status })
  const firstError = (error: Record<string, string[] | null> | null | undefined) =>
    Object.values(error ?? {}).find((m) => m && m.length > 0)?.[0] ?? 'Revise los datos del formulario.'
  try {
    switch (intent) {
      case 'prepare_tablet': {
        const s = parseWithZod(formData, { schema: PrepareTabletForm })
        if (s.status !== 'success') return fail(firstError(s.error))
        const pairing = await preparePairing(session.id, s.value, user)
        const url = new URL('/tableta', request.url)
        url.searchParams.set('codigo', pairing.code)
        const qr = await QRCode.toString(url.toString(), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
        return data<ActionResult>({ ok: true, form: intent, pairing: { ...pairing, qr } })
      }
      case 'add_participant': {
        const s = parseWithZod(formData, { schema: ParticipantForm })
        if (s.status !== 'success') return fail(firstError(s.error))
        const { dni, ...segments } = s.value
        const p = addParticipant(session.id, { ...segments, dniHmac: dni ? dniHmac(dni) : undefined, consent: { method: 'oral', witnessUserId: user.id } }, user)
        return data<ActionResult>({ ok: true, form: intent, message: `Participante ${p.code} registrado con consentimiento oral.` })
      }
      case 'end_turn': {
        const id = Number(formData.get('participantId'))
        if (!Number.isSafeInteger(id) || id <= 0) return fail('Elija un participante.')
        await endTurn(session.id, id)
        return data<ActionResult>({ ok: true, form: intent, message: 'Turno terminado.' })
      }
      case 'task_outcome': {
        const s = parseWithZod(formData, { schema: TaskOutcomeForm })
        if (s.status !== 'success') return fail(firstError(s.error))
        await recordTaskOutcome(session.id, s.value, user)
        return data<ActionResult>({ ok: true, form: intent, message: 'Resultado de la tarea guardado.' })
      }
      case 'observation': {
        const s = parseWithZod(formData, { schema: ObservationForm })
        if (s.status !== 'success') return fail(firstError(s.error))
        await addObservation(session.id, s.value, user)
        return data<ActionResult>({ ok: true, form: intent, message: 'Observación guardada.' })
      }
      case 'start':
        setSessionStatus(session.id, 'running', user)
        return redirect(`/sesiones/${session.id}/consola`)
      case 'close':
        if (formData.get('confirm') !== 'on') return fail('Marque la casilla para confirmar que quiere cerrar la sesión.')
        setSessionStatus(session.id, 'closed', user)
        return redirect(`/sesiones/${session.id}?cerrada=1`)
      default:
        return fail('Acción desconocida.')
    }
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.status === 404) notFound(error.message)
      return fail(error.message, error.status)
    }
    throw error
  }
}

function FormMessage({ result, form }: { result: ActionResult | undefined; form: string }) {
  if (!result || result.form !== form || !result.message) return null
  return (
    <p className={result.ok ? 'notice' : 'alert'} role={result.ok ? 'status' : 'alert'}>
      {result.message}
    </p>
  )
}

export default function Console({ loaderData, actionData }: Route.ComponentProps) {
  const { session, people, onTablet, outcomes, notes, tasks, languages } = loaderData
  const result = actionData as ActionResult | undefined
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const closed = session.status === 'closed'
  const open = people.participants.filter((p) => !p.turnEndedAt)
  const current = onTablet.find((d) => d.participant)?.participant ?? open.at(-1) ?? null

  // The console follows the tablets: fresh figures every 5 seconds while the page is visible.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') void revalidator.revalidate()
    }, 5000)
    return () => clearInterval(timer)
  }, [revalidator])

  const versionLabel = (id: number | null) => {
    const v = session.versions.find((x) => x.id === id)
    return v ? `${v.prototypeName} v${v.number}` : '—'
  }
  const outcomeOf = (participantId: number, taskId: number) => outcomes.find((o) => o.participantId === participantId && o.taskQuestionId === taskId)

  return (
    <>
      <p className="breadcrumb">
        <Link to="/sesiones">Sesiones</Link> › <Link to={`/sesiones/${session.id}`}>{session.title}</Link>
      </p>
      <div className="page-head">
        <h1>Consola de la sesión</h1>
        <p className="badge">{SESSION_STATUS_LABELS[session.status]}</p>
      </div>
      <p className="muted">
        {session.title} · {session.place}
      </p>
      {closed ? <p className="warning">La sesión está cerrada. Los datos se pueden consultar, no cambiar.</p> : null}

      <section aria-labelledby="tablets-title" className="console-grid">
        <div className="card">
          <h2 id="tablets-title">Tabletas</h2>
          {onTablet.length === 0 ? <p>Ninguna tableta conectada.</p> : null}
          <ul className="plain-list" aria-live="polite">
            {onTablet.map((d, i) => (
              <li key={d.id} data-testid={`tablet-${d.id}`}>
                <strong>Tableta {i + 1}</strong>
                {d.lockedUntil && Date.parse(d.lockedUntil) > Date.now() ? <span className="badge">bloqueada</span> : null}:{' '}
                {d.participant ? (
                  <>
                    {d.participant.code} · {d.participant.answered} de {people.total} respuestas
                    {d.participant.lastAnswerAt ? <span className="muted"> · última {formatDateTime(d.participant.lastAnswerAt)}</span> : null}
                  </>
                ) : (
                  'esperando a la siguiente persona'
                )}
                <br />
                <span className={d.pendingAnswers > 0 ? 'badge badge-indicative' : 'muted'} data-testid={`tablet-${d.id}-pending`}>
                  {d.pendingAnswers === 0 ? 'Sin envíos pendientes' : `${d.pendingAnswers} ${d.pendingAnswers === 1 ? 'envío espera' : 'envíos esperan'} en la tableta`}
                </span>
                {d.conflicts > 0 ? <span className="badge badge-indicative"> {d.conflicts} rechazados: revíselos en la tableta</span> : null}
                {d.lastSeenAt ? <span className="muted"> · último contacto {formatDateTime(d.lastSeenAt)}</span> : null}
              </li>
            ))}
          </ul>
          {!closed ? (
            <Form method="post" className="stack" replace>
              <input type="hidden" name="intent" value="prepare_tablet" />
              <h3>Preparar tableta</h3>
              <p className="hint">Elija un PIN para salir del modo quiosco. El código dura 10 minutos.</p>
              <div className="field">
                <label htmlFor="pin">PIN de facilitación (4 a 8 números)</label>
                <input id="pin" name="pin" type="password" inputMode="numeric" pattern="\d{4,8}" autoComplete="off" required />
              </div>
              {languages.length > 1 ? (
                <SelectField
                  id="language"
                  label="Idioma de las preguntas en la tableta"
                  defaultValue="es-PE"
                  options={languages.map((l) => ({ value: l, label: l === 'es-PE' ? 'Español (es-PE)' : l === 'qu' ? 'Quechua (qu), con el resto en español' : `${l}, con el resto en español` }))}
                />
              ) : (
                <input type="hidden" name="language" value="es-PE" />
              )}
              <div>
                <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                  Preparar tableta
                </button>
              </div>
              <FormMessage result={result} form="prepare_tablet" />
            </Form>
          ) : null}
          {result?.pairing ? (
            <div className="pairing" role="status">
              <p>
                En la tableta abra <strong>/tableta</strong> y escriba el código:
              </p>
              <p className="pairing-code" data-testid="pairing-code">
                {result.pairing.code}
              </p>
              <img src={`data:image/svg+xml;utf8,${encodeURIComponent(result.pairing.qr)}`} alt={`Código QR para conectar la tableta con el código ${result.pairing.code}`} width={180} height={180} />
              <p className="muted">Vence a las {formatDateTime(result.pairing.expiresAt)}.</p>
            </div>
          ) : null}
        </div>

        <div className="card">
          <h2>Participantes</h2>
          <FormMessage result={result} form="end_turn" />
          {people.participants.length === 0 ? <p>Todavía no hay participantes.</p> : null}
          <ul className="plain-list">
            {people.participants.map((p) => (
              <li key={p.id}>
                <strong>{p.code}</strong> · {versionLabel(p.assignedVersionId)} · {p.answered} de {people.total}
                {p.consentMethod === 'oral' ? ' · consentimiento oral' : ''}
                {p.turnEndedAt ? (
                  <span className="muted"> · turno terminado</span>
                ) : !closed ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="end_turn" />
                    <input type="hidden" name="participantId" value={p.id} />
                    <button type="submit" className="button button-secondary button-small">
                      Terminar turno<span className="visually-hidden"> de {p.code}</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {!closed ? (
            <details>
              <summary>Registrar participante con consentimiento oral</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="add_participant" />
                <div className="field-row">
                  <SelectField id="ageBand" label="Edad" empty="Sin dato" options={labelledOptions(AGE_BANDS, AGE_BAND_LABELS)} />
                  <SelectField id="digitalSkill" label="Habilidad digital" empty="Sin dato" options={labelledOptions(DIGITAL_SKILLS, DIGITAL_SKILL_LABELS)} />
                  <SelectField id="preferredChannel" label="Canal preferido" empty="Sin dato" options={labelledOptions(CHANNELS, CHANNEL_LABELS)} />
                  <SelectField
                    id="region"
                    label="Región"
                    defaultValue={session.region}
                    empty="Sin dato"
                    options={REGIONS.map((a) => ({ value: a, label: a }))}
                  />
                </div>
                <div className="field">
                  <label htmlFor="dni">DNI (solo si el laboratorio lo necesita; se guarda cifrado)</label>
                  <input id="dni" name="dni" inputMode="numeric" pattern="\d{8}" maxLength={8} autoComplete="off" />
                </div>
                <label className="check">
                  <input type="checkbox" name="oralConsent" /> Le leí el consentimiento y aceptó de palabra; firmo como testigo
                </label>
                <div>
                  <button type="submit" className="button button-secondary">
                    Registrar participante
                  </button>
                </div>
                <FormMessage result={result} form="add_participant" />
              </Form>
            </details>
          ) : null}
        </div>
      </section>

      {tasks.length > 0 ? (
        <section aria-labelledby="tasks-title" className="card">
          <h2 id="tasks-title">Resultado de las tareas</h2>
          {!closed && people.participants.length > 0 ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="task_outcome" />
              <div className="field-row">
                <SelectField
                  id="outcome-participant"
                  name="participantId"
                  label="Participante"
                  defaultValue={current?.id ?? ''}
                  options={people.participants.map((p) => ({ value: p.id, label: p.code }))}
                />
                <SelectField
                  id="outcome-task"
                  name="taskQuestionId"
                  label="Tarea"
                  className="field-wide"
                  options={tasks.map((t) => ({ value: t.id, label: t.label }))}
                />
                <div className="field">
                  <label htmlFor="outcome-seconds">Tiempo (segundos)</label>
                  <input id="outcome-seconds" name="seconds" type="number" min={0} max={7200} inputMode="numeric" />
                </div>
              </div>
              <fieldset className="field">
                <legend>Resultado</legend>
                <div className="checks">
                  {TASK_OUTCOMES.map((o) => (
                    <label key={o}>
                      <input type="radio" name="outcome" value={o} required /> {TASK_OUTCOME_LABELS[o]}
                    </label>
                  ))}
                </div>
              </fieldset>
              <div>
                <button type="submit" className="button">
                  Guardar resultado
                </button>
              </div>
              <FormMessage result={result} form="task_outcome" />
            </Form>
          ) : null}
          {people.participants.length > 0 ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Participante</th>
                    {tasks.map((t, i) => (
                      <th key={t.id} scope="col">
                        Tarea {i + 1}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {people.participants.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.code}</th>
                      {tasks.map((t) => {
                        const o = outcomeOf(p.id, t.id)
                        return (
                          <td key={t.id}>
                            {o?.outcome ? TASK_OUTCOME_LABELS[o.outcome as 'completed'] : '—'}
                            {o?.durationMs ? <span className="muted"> ({Math.round(o.durationMs / 1000)} s)</span> : null}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="notes-title" className="card">
        <h2 id="notes-title">Observaciones</h2>
        {!closed ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="observation" />
            <div className="field">
              <label htmlFor="note-text">Observación</label>
              <textarea id="note-text" name="text" rows={3} required />
            </div>
            <fieldset className="field">
              <legend>Etiquetas</legend>
              <div className="checks">
                {OBSERVATION_TAGS.map((t) => (
                  <label key={t}>
                    <input type="checkbox" name="tags" value={t} /> {OBSERVATION_TAG_LABELS[t]}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="field-row">
              <SelectField
                id="note-participant"
                name="participantId"
                label="Participante"
                defaultValue={current?.id ?? ''}
                empty="Ninguno en particular"
                options={people.participants.map((p) => ({ value: p.id, label: p.code }))}
              />
              {tasks.length > 0 ? (
                <SelectField
                  id="note-task"
                  name="taskQuestionId"
                  label="Tarea"
                  className="field-wide"
                  empty="Ninguna en particular"
                  options={tasks.map((t) => ({ value: t.id, label: t.label }))}
                />
              ) : null}
            </div>
            <div>
              <button type="submit" className="button">
                Guardar observación
              </button>
            </div>
            <FormMessage result={result} form="observation" />
          </Form>
        ) : null}
        <ul className="plain-list notes">
          {notes.map((n) => (
            <li key={n.id}>
              {n.text}{' '}
              <span className="muted">
                {n.participantCode ? `· ${n.participantCode} ` : ''}
                {n.tags.map((t) => `· ${OBSERVATION_TAG_LABELS[t]} `).join('')}· {formatDateTime(n.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {!closed ? (
        <section className="danger-zone" aria-labelledby="close-title">
          <h2 id="close-title">Estado de la sesión</h2>
          {session.status === 'planned' ? (
            <Form method="post">
              <button type="submit" name="intent" value="start" className="button button-secondary">
                Iniciar sesión
              </button>
            </Form>
          ) : null}
          <Form method="post" className="stack">
            <label className="check">
              <input type="checkbox" name="confirm" /> Confirmo que la sesión terminó (las tabletas se desconectan)
            </label>
            <div>
              <button type="submit" name="intent" value="close" className="button button-danger">
                Cerrar sesión
              </button>
            </div>
            <FormMessage result={result} form="close" />
          </Form>
        </section>
      ) : null}
    </>
  )
}
