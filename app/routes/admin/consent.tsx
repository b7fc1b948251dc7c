import { data, Form, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/consent'
import { listConsentTexts, publishConsentText } from '#app/.server/admin.ts'
import { requireUser } from '#app/.server/auth.ts'
import { ConsentTextForm } from '#app/lib/forms/admin.ts'
import { formatDateTime } from '#app/lib/format.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Textos de consentimiento · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, 'admin')
  return { texts: await listConsentTexts() }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request, 'admin')
  const parsed = ConsentTextForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ message: parsed.error.issues[0]!.message }, { status: 400 })
  const version = publishConsentText(parsed.data.body, actor)
  return redirect(`/admin/consentimiento?version=${version}`)
}

export default function Consent({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams()
  const latest = loaderData.texts[0]
  return (
    <>
      <h1>Textos de consentimiento</h1>
      {searchParams.get('version') ? (
        <p className="notice" role="status">
          Versión {searchParams.get('version')} publicada. Las sesiones que se planifiquen desde ahora la usarán; los consentimientos ya dados conservan su versión.
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="alert" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <Form method="post" className="stack form-card">
        <div className="field">
          <label htmlFor="body">Nueva versión del texto</label>
          <textarea id="body" name="body" rows={10} defaultValue={latest?.body ?? ''} required />
        </div>
        <div>
          <button type="submit" className="button">
            Publicar nueva versión
          </button>
        </div>
      </Form>
      <h2>Versiones</h2>
      {loaderData.texts.map((t) => (
        <section key={t.id} className="card" aria-labelledby={`consent-${t.id}`}>
          <h3 id={`consent-${t.id}`}>
            Versión {t.version} <span className="muted">· {formatDateTime(t.createdAt)}{t.by ? ` · ${t.by}` : ''}</span>
          </h3>
          <p className="changelog">{t.body}</p>
        </section>
      ))}
    </>
  )
}
