import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, Form, Link, redirect } from 'react-router'
import type { Route } from './+types/new'
import { requireUser } from '#app/.server/auth.ts'
import { notFound } from '#app/.server/http.ts'
import { getInterventionByCode } from '#app/.server/interventions.ts'
import { createPrototype } from '#app/.server/prototypes.ts'
import { FieldErrors } from '#app/components/field-errors.tsx'
import { CHANNELS, CHANNEL_LABELS, FIDELITIES, FIDELITY_LABELS } from '#app/lib/domain.ts'
import { PrototypeForm } from '#app/lib/forms/prototype.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Nuevo prototipo · Katapulta' }]

async function activeIntervention(code: string) {
  const intervention = await getInterventionByCode(code)
  if (!intervention) notFound('No existe esa intervención.')
  return intervention
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, 'facilitator', 'admin')
  return { intervention: await activeIntervention(params.code) }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const intervention = await activeIntervention(params.code)
  const submission = parseWithZod(await readForm(request), { schema: PrototypeForm })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  if (intervention.status === 'archived') {
    return data(submission.reply({ formErrors: ['La intervención está archivada: reactívela para agregar prototipos.'] }), { status: 409 })
  }
  const created = createPrototype(intervention.id, submission.value, user)
  return redirect(`/intervenciones/${intervention.code}/prototipos/${created.id}/versiones/nueva?creado=1`)
}

export default function NewPrototype({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention } = loaderData
  const [form, fields] = useForm({
    id: 'prototype',
    lastResult: actionData,
    defaultValue: { channel: intervention.channels[0] ?? '' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrototypeForm }),
  })
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>
          {intervention.code} · {intervention.title}
        </Link>
      </p>
      <h1>Nuevo prototipo</h1>
      <Form method="post" {...getFormProps(form)} className="stack form-card">
        {form.errors ? (
          <p className="alert" role="alert" id={form.errorId}>
            {form.errors.join(' ')}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={fields.name.id}>Nombre</label>
          <input {...getInputProps(fields.name, { type: 'text' })} placeholder="Por ejemplo: Formulario simplificado" />
          <FieldErrors id={fields.name.errorId} errors={fields.name.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.channel.id}>Canal</label>
          <select {...getSelectProps(fields.channel)}>
            <option value="">Elija un canal</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.channel.errorId} errors={fields.channel.errors} />
        </div>
        <fieldset className="field" aria-describedby={fields.fidelity.errorId}>
          <legend>Fidelidad</legend>
          <div className="checks">
            {FIDELITIES.map((f) => (
              <label key={f}>
                <input type="radio" name={fields.fidelity.name} value={f} defaultChecked={fields.fidelity.initialValue === f} />
                {FIDELITY_LABELS[f]}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.fidelity.errorId} errors={fields.fidelity.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.description.id}>Descripción</label>
          <textarea {...getTextareaProps(fields.description)} rows={4} />
          <FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
        </div>
        <div>
          <button type="submit" className="button">
            Crear prototipo
          </button>
        </div>
      </Form>
    </>
  )
}
