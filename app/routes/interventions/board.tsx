import { parseWithZod } from '@conform-to/zod/v4'
import { data, Link, redirect } from 'react-router'
import type { Route } from './+types/board'
import { requireUser } from '#app/.server/auth.ts'
import { DomainError, listBoard, moveStage } from '#app/.server/interventions.ts'
import { StageBoard } from '#app/components/board/stage-board.tsx'
import { MoveStageForm } from '#app/lib/forms/intervention.ts'
import { readForm } from '#app/.server/read-form.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Tablero por etapas · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return { cards: await listBoard(), canEdit: user.role !== 'manager' }
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request, 'facilitator', 'admin')
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: MoveStageForm })
  if (submission.status !== 'success') return data({ ok: false, message: 'Elija una etapa de la lista.' }, { status: 400 })
  try {
    moveStage(submission.value.code, submission.value.stage, user)
  } catch (error) {
    if (error instanceof DomainError) return data({ ok: false, message: error.message }, { status: error.status })
    throw error
  }
  // A drag saves in the background; the plain form (no JavaScript) comes back to the board.
  if (formData.get('via') === 'drag') return { ok: true }
  return redirect('/intervenciones/tablero')
}

export default function Board({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <p className="breadcrumb">
        <Link to="/intervenciones">Intervenciones</Link>
      </p>
      <h1>Tablero por etapas</h1>
      {loaderData.canEdit ? (
        <p className="muted">
          Arrastre una tarjeta a otra etapa con el ratón o el dedo, o tome su asa con el teclado (espacio) y muévala con las flechas. También puede usar
          «Mover a…» en cada tarjeta.
        </p>
      ) : null}
      <StageBoard cards={loaderData.cards} editable={loaderData.canEdit} />
    </>
  )
}
