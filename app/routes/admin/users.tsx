import { data, Form, redirect, useSearchParams } from 'react-router'
import type { Route } from './+types/users'
import { createUser, listUsers, resetPassword, setUserActive, setUserRole } from '#app/.server/admin.ts'
import { requireUser } from '#app/.server/auth.ts'
import { DomainError } from '#app/.server/interventions.ts'
import { ROLES, ROLE_LABELS } from '#app/lib/domain.ts'
import { UserAction } from '#app/lib/forms/admin.ts'
import { readForm } from '#app/.server/read-form.ts'
import { SelectField, labelledOptions } from '#app/components/select-field.tsx'

export const meta: Route.MetaFunction = () => [{ title: 'Cuentas del equipo · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request, 'admin')
  return { users: await listUsers(), me: user.id }
}

export async function action({ request }: Route.ActionArgs) {
  const actor = await requireUser(request, 'admin')
  const parsed = UserAction.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ message: parsed.error.issues[0]?.message ?? 'Revise los datos.' }, { status: 400 })
  const input = parsed.data
  try {
    switch (input.intent) {
      case 'create':
        await createUser(input, actor)
        break
      case 'role':
        await setUserRole(input.userId, input.role, actor)
        break
      case 'activate':
      case 'deactivate':
        await setUserActive(input.userId, input.intent === 'activate', actor)
        break
      case 'password':
        await resetPassword(input.userId, input.password, actor)
        break
    }
  } catch (error) {
    if (error instanceof DomainError) return data({ message: error.message }, { status: error.status })
    throw error
  }
  return redirect(`/admin/usuarios?hecho=${input.intent}`)
}

const DONE: Record<string, string> = {
  create: 'Cuenta creada.',
  role: 'Rol cambiado.',
  activate: 'Cuenta activada.',
  deactivate: 'Cuenta desactivada; sus sesiones se cerraron.',
  password: 'Contraseña restablecida; sus sesiones se cerraron.',
}

export default function Users({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams()
  const done = DONE[searchParams.get('hecho') ?? '']
  return (
    <>
      <h1>Cuentas del equipo</h1>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="alert" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Nombre</th>
              <th scope="col">Correo</th>
              <th scope="col">Rol</th>
              <th scope="col">Estado</th>
              <th scope="col">Acciones</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.users.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                <td>{u.email}</td>
                <td>
                  {u.id === loaderData.me ? (
                    ROLE_LABELS[u.role]
                  ) : (
                    <Form method="post" className="move-stage">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`role-${u.id}`} className="visually-hidden">
                        Rol de {u.name}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button-secondary button-small">
                        Cambiar<span className="visually-hidden"> el rol de {u.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
                <td>{u.active ? 'Activa' : 'Desactivada'}</td>
                <td>
                  {u.id !== loaderData.me ? (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" name="intent" value={u.active ? 'deactivate' : 'activate'} className="button button-secondary button-small">
                        {u.active ? 'Desactivar' : 'Activar'}
                        <span className="visually-hidden"> a {u.name}</span>
                      </button>
                    </Form>
                  ) : null}
                  <details>
                    <summary>Restablecer contraseña</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="password" />
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`pw-${u.id}`}>Nueva contraseña (12 caracteres o más)</label>
                      <input id={`pw-${u.id}`} name="password" type="password" autoComplete="new-password" minLength={12} required />
                      <button type="submit" className="button button-small">
                        Guardar contraseña
                      </button>
                    </Form>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Crear una cuenta</h2>
      <Form method="post" className="stack form-card">
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="name">Nombre</label>
          <input id="name" name="name" required maxLength={120} />
        </div>
        <div className="field">
          <label htmlFor="email">Correo</label>
          <input id="email" name="email" type="email" required autoComplete="off" />
        </div>
        <SelectField id="role" label="Rol" defaultValue="facilitator" options={labelledOptions(ROLES, ROLE_LABELS)} />
        <div className="field">
          <label htmlFor="password">Contraseña inicial (12 caracteres o más, no una común)</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={12} required />
        </div>
        <div>
          <button type="submit" className="button">
            Crear cuenta
          </button>
        </div>
      </Form>
    </>
  )
}
