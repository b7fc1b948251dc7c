import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from 'react-router'
import { FieldErrors } from './field-errors.tsx'
import { CHANNELS, CHANNEL_LABELS, type Channel } from '#app/lib/domain.ts'
import { InterventionForm as Schema } from '#app/lib/forms/intervention.ts'

export type InterventionDefaults = {
  title: string
  service: string
  problem: string
  hypothesis: string
  targetPopulation: string
  successMetric: string
  channels: Channel[]
  ownerId: number | null
  startDate: string | null
  endDate: string | null
  revision?: number
}

/** The create and edit form of an intervention; the server action validates with the same schema. */
export function InterventionForm(props: {
  lastResult: SubmissionResult | undefined
  defaults: InterventionDefaults
  owners: { id: number; name: string }[]
  submitLabel: string
  conflict?: boolean
}) {
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'intervention',
    lastResult: props.lastResult,
    defaultValue: {
      ...props.defaults,
      ownerId: props.defaults.ownerId ? String(props.defaults.ownerId) : '',
      revision: props.defaults.revision ? String(props.defaults.revision) : undefined,
      startDate: props.defaults.startDate ?? '',
      endDate: props.defaults.endDate ?? '',
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Schema }),
  })

  return (
    <Form method="post" {...getFormProps(form)} className="stack form-card">
      {form.errors ? (
        <div className="alert" role="alert" id={form.errorId}>
          <p>{form.errors.join(' ')}</p>
          {props.conflict ? (
            <p>
              <a href="">Recargar la versión actual</a> (lo que escribió sigue en el formulario hasta que recargue).
            </p>
          ) : null}
        </div>
      ) : null}
      {props.defaults.revision ? <input {...getInputProps(fields.revision, { type: 'hidden' })} /> : null}
      <div className="field">
        <label htmlFor={fields.title.id}>Título</label>
        <input {...getInputProps(fields.title, { type: 'text' })} />
        <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.service.id}>Servicio de la ONP</label>
        <input {...getInputProps(fields.service, { type: 'text' })} placeholder="Por ejemplo: Solicitud de pensión en ONPVirtual" />
        <FieldErrors id={fields.service.errorId} errors={fields.service.errors} />
      </div>
      <fieldset className="field" aria-describedby={fields.channels.errorId}>
        <legend>Canales</legend>
        <div className="checks">
          {getCollectionProps(fields.channels, { type: 'checkbox', options: [...CHANNELS] }).map(({ key, ...input }) => (
            <label key={key}>
              <input {...input} />
              {CHANNEL_LABELS[input.value as Channel]}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.channels.errorId} errors={fields.channels.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.problem.id}>Problema</label>
        <textarea {...getTextareaProps(fields.problem)} rows={3} />
        <FieldErrors id={fields.problem.errorId} errors={fields.problem.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.hypothesis.id}>Hipótesis</label>
        <textarea {...getTextareaProps(fields.hypothesis)} rows={3} />
        <FieldErrors id={fields.hypothesis.errorId} errors={fields.hypothesis.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.targetPopulation.id}>Población objetivo</label>
        <textarea {...getTextareaProps(fields.targetPopulation)} rows={2} />
        <FieldErrors id={fields.targetPopulation.errorId} errors={fields.targetPopulation.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.successMetric.id}>Métrica de éxito</label>
        <input {...getInputProps(fields.successMetric, { type: 'text' })} />
        <FieldErrors id={fields.successMetric.errorId} errors={fields.successMetric.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.ownerId.id}>Responsable</label>
        <select {...getSelectProps(fields.ownerId)}>
          <option value="">Elija una persona</option>
          {props.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.ownerId.errorId} errors={fields.ownerId.errors} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fields.startDate.id}>Fecha de inicio</label>
          <input {...getInputProps(fields.startDate, { type: 'date' })} />
          <FieldErrors id={fields.startDate.errorId} errors={fields.startDate.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.endDate.id}>Fecha de fin (opcional)</label>
          <input {...getInputProps(fields.endDate, { type: 'date' })} />
          <FieldErrors id={fields.endDate.errorId} errors={fields.endDate.errors} />
        </div>
      </div>
      <div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Guardando…' : props.submitLabel}
        </button>
      </div>
    </Form>
  )
}
