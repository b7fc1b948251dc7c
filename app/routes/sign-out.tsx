import { Form, redirect } from 'react-router'
import { refuseTablet } from '#app/.server/tablet.ts'
import type { Route } from './+types/sign-out'
import { getUser, signOut } from '#app/.server/auth.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Cerrar sesión · Katapulta' }]

// GET never changes state: it only asks; the POST signs out.
export async function loader({ request }: Route.LoaderArgs) {
  await refuseTablet(request)
  const user = await getUser(request)
  if (!user) throw redirect('/ingresar')
  return { name: user.name }
}

export async function action({ request }: Route.ActionArgs) {
  await refuseTablet(request)
  const setCookie = await signOut(request)
  return redirect('/ingresar?salida=1', { headers: { 'Set-Cookie': setCookie } })
}

export default function SignOut({ loaderData }: Route.ComponentProps) {
  return (
    <main id="contenido" className="page page-narrow">
      <h1>Cerrar sesión</h1>
      <p>{loaderData.name}, ¿desea cerrar su sesión en Katapulta?</p>
      <Form method="post">
        <button type="submit" className="button">
          Cerrar sesión
        </button>
      </Form>
    </main>
  )
}
