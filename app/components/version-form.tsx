import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form, useNavigation } from 'react-router'
import { FieldErrors } from './field-errors.tsx'
import { INSIGHT_SEVERITY_LABELS, VERSION_STATUSES, VERSION_STATUS_LABELS, type InsightSeverity, type VersionStatus } from '#app/lib/domain.ts'
import { MAX_LINKS, VersionForm as Schema } from '#app/lib/forms/prototype.ts'

type FileArtifact = { id: number; title: string; kind: string }

export function VersionForm(props: {
  lastResult: SubmissionResult | undefined
  defaults: { changelog: string; status: VersionStatus; insightIds: number[]; links: { title: string; url: string }[]; kitManifestId: number | null }
  insights: { id: number; title: string; severity: InsightSeverity; status: string }[]
  kits: { id: number; path: string; title: string }[]
  // New version: files of the source version that can be carried over. Edit: artifacts that can be removed.
  carryFiles?: FileArtifact[]
  removable?: FileArtifact[]
  submitLabel: string
}) {
  const navigation = useNavigation()
  const links = [...props.defaults.links, ...Array.from({ length: MAX_LINKS }, () => ({ title: '', url: '' }))].slice(0, MAX_LINKS)
  const [form, fields] = useForm({
    id: 'version',
    lastResult: props.lastResult,
    defaultValue: {
      changelog: props.defaults.changelog,
      status: props.defaults.status,
      insightIds: props.defaults.insightIds.map(String),
      links,
      kitManifestId: props.defaults.kitManifestId ? String(props.defaults.kitManifestId) : '',
    },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: Schema }),
  })
  const linkFields = fields.links.getFieldList()
  const chosenInsights = new Set((fields.insightIds.initialValue as string[] | undefined) ?? [])

  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack form-card">
      {form.errors ? (
        <p className="alert" role="alert" id={form.errorId}>
          {form.errors.join(' ')}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={fields.changelog.id}>Qué cambió y por qué</label>
        <textarea {...getTextareaProps(fields.changelog)} rows={5} />
        <FieldErrors id={fields.changelog.errorId} errors={fields.changelog.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.status.id}>Estado</label>
        <select {...getSelectProps(fields.status)}>
          {VERSION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {VERSION_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <FieldErrors id={fields.status.errorId} errors={fields.status.errors} />
      </div>
      <fieldset className="field">
        <legend>Hallazgos que atiende esta versión (opcional)</legend>
        {props.insights.length === 0 ? (
          <p className="hint">Esta intervención aún no tiene hallazgos.</p>
        ) : (
          <div className="checks checks-column">
            {props.insights.map((i) => (
              <label key={i.id}>
                <input type="checkbox" name={fields.insightIds.name} value={i.id} defaultChecked={chosenInsights.has(String(i.id))} />
                {i.title} <span className="muted">({INSIGHT_SEVERITY_LABELS[i.severity]})</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset className="field">
        <legend>Enlaces (http o https)</legend>
        {linkFields.map((link, i) => {
          const f = link.getFieldset()
          return (
            <div key={link.key} className="field-row">
              <div className="field">
                <label htmlFor={f.title.id}>Título del enlace {i + 1}</label>
                <input {...getInputProps(f.title, { type: 'text' })} />
              </div>
              <div className="field field-wide">
                <label htmlFor={f.url.id}>Dirección del enlace {i + 1}</label>
                <input {...getInputProps(f.url, { type: 'url' })} placeholder="https://" />
                <FieldErrors id={f.url.errorId} errors={f.url.errors} />
              </div>
            </div>
          )
        })}
      </fieldset>
      <div className="field">
        <label htmlFor="files">Imágenes o PDF (hasta 5 MB cada uno)</label>
        <input id="files" name="files" type="file" multiple accept="image/png,image/jpeg,image/webp,image/gif,application/pdf" />
        <p className="hint">Se revisa el contenido del archivo: solo se aceptan imágenes PNG, JPG, WebP o GIF y documentos PDF.</p>
      </div>
      {props.carryFiles && props.carryFiles.length > 0 ? (
        <fieldset className="field">
          <legend>Archivos de la versión anterior que siguen vigentes</legend>
          <div className="checks checks-column">
            {props.carryFiles.map((a) => (
              <label key={a.id}>
                <input type="checkbox" name="carryArtifactIds" value={a.id} defaultChecked />
                {a.title}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {props.removable && props.removable.length > 0 ? (
        <fieldset className="field">
          <legend>Quitar artefactos</legend>
          <div className="checks checks-column">
            {props.removable.map((a) => (
              <label key={a.id}>
                <input type="checkbox" name="removeArtifactIds" value={a.id} />
                {a.title}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={fields.kitManifestId.id}>Prototipo interactivo de la biblioteca (opcional)</label>
        <select {...getSelectProps(fields.kitManifestId)}>
          <option value="">Ninguno</option>
          {props.kits.map((k) => (
            <option key={k.id} value={k.id}>
              {k.path} — {k.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Guardando…' : props.submitLabel}
        </button>
      </div>
    </Form>
  )
}
