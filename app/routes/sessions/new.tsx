import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useState } from 'react'
import { data, Form, Link, redirect, useNavigation } from 'react-router'
import type { Route } from './+types/new'
import { requireUser } from '#app/.server/auth.ts'
import { refusal } from '#app/.server/http.ts'
import { createSession, getPlanningOptions } from '#app/.server/sessions.ts'
import { FieldErrors } from '#app/components/field-errors.tsx'
import { REGIONS, SESSION_KINDS, SESSION_KIND_LABELS } from '#app/lib/domain.ts'
import { SessionForm } from '#app/lib/forms/session.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Planificar sesión · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const options = await getPlanningOptions()
  const code = new URL(request.url).searchParams.get('intervencion')
  const preselected = options.interventions.find((i) => i.code === code)?.id ?? null
  return { ...options, userId: user.id, preselected }
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const submission = parseWithZod(await readForm(request), { schema: SessionForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const session = createSession(submission.value, user)
    return redirect(`/sesiones/${session.id}?creada=1`)
  } catch (error) {
    return refusal(error, submission.reply)
  }
}

const GUIDES = [
  { value: 'usability', label: 'Prueba de usabilidad: perfil, tareas con su SEQ, SUS, CSAT, NPS y comentario' },
  { value: 'workshop', label: 'Taller de co-creación: perfil, votación de ideas, CSAT y comentario' },
  { value: 'interview', label: 'Entrevista: perfil, CSAT, NPS, UMUX-Lite y comentario' },
  { value: 'reuse', label: 'Reutilizar un guion existente' },
] as const

export default function NewSession({ loaderData, actionData }: Route.ComponentProps) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'session',
    lastResult: actionData,
    defaultValue: {
      kind: 'usability_test',
      guide: 'usability',
      region: 'Lima Metropolitana',
      facilitatorIds: [String(loaderData.userId)],
      interventionId: loaderData.preselected ? String(loaderData.preselected) : '',
      tasks: '',
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionForm }),
  })
  const [interventionId, setInterventionId] = useState<string>(String(fields.interventionId.initialValue ?? ''))
  const [guide, setGuide] = useState<string>(String(fields.guide.initialValue ?? 'usability'))
  const chosenVersions = new Set((fields.versionIds.initialValue as string[] | undefined) ?? [])
  const chosenFacilitators = new Set((fields.facilitatorIds.initialValue as string[] | undefined) ?? [])
  // Without JavaScript every intervention's versions show; with it, only the chosen intervention's.
  const visible = loaderData.interventions.filter((i) => !interventionId || String(i.id) === interventionId)

  return (
    <>
      <p className="breadcrumb">
        <Link to="/sesiones">Sesiones</Link>
      </p>
      <h1>Planificar sesión</h1>
      <Form method="post" {...getFormProps(form)} className="stack form-card">
        {form.errors ? (
          <p className="alert" role="alert" id={form.errorId}>
            {form.errors.join(' ')}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={fields.title.id}>Título</label>
          <input {...getInputProps(fields.title, { type: 'text' })} placeholder="Por ejemplo: Validación del formulario simplificado v2" />
          <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
        </div>
        <fieldset className="field" aria-describedby={fields.kind.errorId}>
          <legend>Tipo de sesión</legend>
          <div className="checks">
            {SESSION_KINDS.map((k) => (
              <label key={k}>
                <input type="radio" name={fields.kind.name} value={k} defaultChecked={fields.kind.initialValue === k} />
                {SESSION_KIND_LABELS[k]}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>
        <div className="field-row">
          <div className="field">
            <label htmlFor={fields.date.id}>Fecha</label>
            <input {...getInputProps(fields.date, { type: 'date' })} />
            <FieldErrors id={fields.date.errorId} errors={fields.date.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.region.id}>Región</label>
            <select {...getSelectProps(fields.region)}>
              {REGIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.region.errorId} errors={fields.region.errors} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={fields.place.id}>Lugar</label>
          <input {...getInputProps(fields.place, { type: 'text' })} placeholder="Por ejemplo: Centro de Atención ONP Lima, Jesús María" />
          <FieldErrors id={fields.place.errorId} errors={fields.place.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.interventionId.id}>Intervención</label>
          <select {...getSelectProps(fields.interventionId)} onChange={(e) => setInterventionId(e.currentTarget.value)}>
            <option value="">Elija una intervención</option>
            {loaderData.interventions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code} · {i.title}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.interventionId.errorId} errors={fields.interventionId.errors} />
        </div>
        <fieldset className="field" aria-describedby={fields.versionIds.errorId}>
          <legend>Versiones de prototipo que se prueban</legend>
          <p className="hint">Elija una, o varias para compararlas: cada participante prueba una, por turnos.</p>
          {visible.map((i) => (
            <div key={i.id}>
              {!interventionId ? <p className="muted">{i.code}</p> : null}
              {i.versions.length === 0 ? (
                <p className="hint">Esta intervención aún no tiene versiones publicadas.</p>
              ) : (
                <div className="checks">
                  {i.versions.map((v) => (
                    <label key={v.id}>
                      <input type="checkbox" name={fields.versionIds.name} value={v.id} defaultChecked={chosenVersions.has(String(v.id))} />
                      {v.label}
                    </label>
                  ))}
                </div>
              )}
            </div>
          ))}
          <FieldErrors id={fields.versionIds.errorId} errors={fields.versionIds.errors} />
        </fieldset>
        <fieldset className="field" aria-describedby={fields.facilitatorIds.errorId}>
          <legend>Facilitación</legend>
          <div className="checks">
            {loaderData.facilitators.map((f) => (
              <label key={f.id}>
                <input type="checkbox" name={fields.facilitatorIds.name} value={f.id} defaultChecked={chosenFacilitators.has(String(f.id))} />
                {f.name}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.facilitatorIds.errorId} errors={fields.facilitatorIds.errors} />
        </fieldset>
        <fieldset className="field" aria-describedby={fields.guide.errorId}>
          <legend>Guion</legend>
          <div className="checks checks-column">
            {GUIDES.map((g) => (
              <label key={g.value}>
                <input type="radio" name={fields.guide.name} value={g.value} defaultChecked={fields.guide.initialValue === g.value} onChange={() => setGuide(g.value)} />
                {g.label}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.guide.errorId} errors={fields.guide.errors} />
        </fieldset>
        {guide === 'usability' ? (
          <div className="field">
            <label htmlFor={fields.tasks.id}>Tareas (una por línea)</label>
            <textarea {...getTextareaProps(fields.tasks)} rows={4} placeholder={'Inicie su solicitud de pensión.\nAdjunte la foto de su DNI.\nEnvíe la solicitud.'} />
            <FieldErrors id={fields.tasks.errorId} errors={fields.tasks.errors} />
          </div>
        ) : null}
        {guide === 'reuse' ? (
          <div className="field">
            <label htmlFor={fields.reuseInstrumentVersionId.id}>Guion a reutilizar</label>
            <select {...getSelectProps(fields.reuseInstrumentVersionId)}>
              <option value="">Elija un guion</option>
              {loaderData.guides.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} (v{g.number})
                </option>
              ))}
            </select>
            <FieldErrors id={fields.reuseInstrumentVersionId.errorId} errors={fields.reuseInstrumentVersionId.errors} />
          </div>
        ) : null}
        <p className="hint">Después podrá ajustar el guion: agregar, quitar y ordenar preguntas.</p>
        <div>
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            Planificar sesión
          </button>
        </div>
      </Form>
    </>
  )
}
