import { data } from 'react-router'
import type { Route } from './+types/not-found'
import { requireUser } from '#app/.server/auth.ts'

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request)
  throw data({ message: 'La dirección no corresponde a ninguna página del laboratorio.' }, { status: 404 })
}

export async function action({ request }: Route.ActionArgs) {
  await requireUser(request)
  throw data({ message: 'La dirección no corresponde a ninguna página del laboratorio.' }, { status: 404 })
}

export const meta: Route.MetaFunction = () => [{ title: 'Página no encontrada · Katapulta' }]

export default function NotFound() {
  return null
}
