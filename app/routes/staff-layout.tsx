import { Form, NavLink, Outlet, useRouteLoaderData } from 'react-router'
import type { Route } from './+types/staff-layout'
import { requireUser, type SessionUser } from '#app/.server/auth.ts'
import { ErrorContent } from '#app/components/error-content.tsx'
import { ROLE_LABELS } from '#app/lib/domain.ts'

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request)
  return { user }
}

function StaffHeader({ user }: { user: SessionUser | undefined }) {
  return (
    <header className="staff-header">
      <a className="skip-link" href="#contenido">
        Saltar al contenido
      </a>
      <div className="staff-header-inner">
        <NavLink to="/" className="brand" end>
          Katapulta <span className="brand-sub">Laboratorio de innovación · ONP</span>
        </NavLink>
        <nav aria-label="Principal">
          <ul className="nav-list">
            <li>
              <NavLink to="/intervenciones">Intervenciones</NavLink>
            </li>
            <li>
              <NavLink to="/sesiones">Sesiones</NavLink>
            </li>
            <li>
              <NavLink to="/tableros/portafolio">Tableros</NavLink>
            </li>
            {user?.role === 'admin' ? (
              <li>
                <NavLink to="/admin">Administración</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        {user ? (
          <div className="user-box">
            <span>
              {user.name} <span className="muted">({ROLE_LABELS[user.role]})</span>
            </span>
            <Form method="post" action="/salir">
              <button type="submit" className="button button-secondary">
                Cerrar sesión
              </button>
            </Form>
          </div>
        ) : null}
      </div>
    </header>
  )
}

export default function StaffLayout({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <StaffHeader user={loaderData.user} />
      <main id="contenido" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}

// Errors of staff pages keep the header, so the person can navigate on.
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const data = useRouteLoaderData<typeof loader>('routes/staff-layout')
  return (
    <>
      <StaffHeader user={data?.user} />
      <main id="contenido" className="page" tabIndex={-1}>
        <ErrorContent error={error} />
      </main>
    </>
  )
}
