import { parseWithZod } from '@conform-to/zod/v4'
import { data, Link, redirect } from 'react-router'
import type { Route } from './+types/edit'
import { requireUser } from '#app/.server/auth.ts'
import { notFound, refusal } from '#app/.server/http.ts'
import { getInterventionByCode, listOwners, updateIntervention } from '#app/.server/interventions.ts'
import { InterventionForm } from '#app/components/intervention-form.tsx'
import { InterventionForm as Schema } from '#app/lib/forms/intervention.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = ({ data }) => [{ title: `Editar ${data?.intervention.code ?? ''} · Katapulta` }]

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request, 'facilitator', 'admin')
  const intervention = await getInterventionByCode(params.code)
  if (!intervention) notFound('No existe esa intervención.')
  return { intervention, owners: await listOwners() }
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const submission = parseWithZod(await readForm(request), { schema: Schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  if (!submission.value.revision) {
    return data(submission.reply({ formErrors: ['Falta la revisión de la intervención: recargue la página.'] }), { status: 400 })
  }
  const owners = await listOwners()
  if (!owners.some((o) => o.id === submission.value.ownerId)) {
    return data(submission.reply({ fieldErrors: { ownerId: ['Elija una persona de la lista.'] } }), { status: 400 })
  }
  try {
    updateIntervention(params.code, submission.value, user)
    return redirect(`/intervenciones/${params.code}?guardada=1`)
  } catch (error) {
    return refusal(error, submission.reply)
  }
}

export default function EditIntervention({ loaderData, actionData }: Route.ComponentProps) {
  const { intervention, owners } = loaderData
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/intervenciones/${intervention.code}`}>
          {intervention.code} · {intervention.title}
        </Link>
      </p>
      <h1>Editar intervención {intervention.code}</h1>
      {intervention.status === 'archived' ? (
        <p className="warning">Esta intervención está archivada: reactívela antes de editarla.</p>
      ) : null}
      <InterventionForm
        lastResult={actionData}
        owners={owners}
        submitLabel="Guardar cambios"
        conflict={Boolean(actionData?.error?.[''])}
        defaults={{ ...intervention, revision: intervention.revision }}
      />
    </>
  )
}
