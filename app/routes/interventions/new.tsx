import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from 'react-router'
import type { Route } from './+types/new'
import { requireUser } from '#app/.server/auth.ts'
import { refusal } from '#app/.server/http.ts'
import { createIntervention, listOwners, peekNextCode } from '#app/.server/interventions.ts'
import { InterventionForm } from '#app/components/intervention-form.tsx'
import { InterventionForm as Schema } from '#app/lib/forms/intervention.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Nueva intervención · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  return { owners: await listOwners(), nextCode: await peekNextCode(), userId: user.id }
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const submission = parseWithZod(await readForm(request), { schema: Schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const owners = await listOwners()
  if (!owners.some((o) => o.id === submission.value.ownerId)) {
    return data(submission.reply({ fieldErrors: { ownerId: ['Elija una persona de la lista.'] } }), { status: 400 })
  }
  try {
    const created = createIntervention(submission.value, user)
    return redirect(`/intervenciones/${created.code}?creada=1`)
  } catch (error) {
    return refusal(error, submission.reply)
  }
}

export default function NewIntervention({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <>
      <h1>Nueva intervención</h1>
      <p>
        Recibirá el código <strong>{loaderData.nextCode}</strong> al guardarla y empezará en la etapa «Descubrir».
      </p>
      <InterventionForm
        lastResult={actionData}
        owners={loaderData.owners}
        submitLabel="Crear intervención"
        defaults={{
          title: '',
          service: '',
          problem: '',
          hypothesis: '',
          targetPopulation: '',
          successMetric: '',
          channels: [],
          ownerId: loaderData.userId,
          startDate: null,
          endDate: null,
        }}
      />
    </>
  )
}
