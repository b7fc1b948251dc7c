import { Link } from 'react-router'
import type { Route } from './+types/index'
import { requireUser } from '#app/.server/auth.ts'

export const meta: Route.MetaFunction = () => [{ title: 'Administración · Katapulta' }]

export async function loader({ request }: Route.LoaderArgs) {
  await requireUser(request, 'admin')
  return null
}

export default function Admin() {
  return (
    <>
      <h1>Administración</h1>
      <ul className="card-list">
        <li className="card">
          <h2>
            <Link to="/admin/usuarios">Cuentas del equipo</Link>
          </h2>
          <p>Crear cuentas, cambiar roles, desactivar y restablecer contraseñas.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/consentimiento">Textos de consentimiento</Link>
          </h2>
          <p>Versiones del texto que los ciudadanos aceptan en la tableta.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/privacidad">Solicitudes de privacidad</Link>
          </h2>
          <p>Encontrar a un participante, exportar sus datos o borrarlo (Ley 29733).</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/auditoria">Registro de auditoría</Link>
          </h2>
          <p>Quién hizo qué con los datos del laboratorio y de las personas.</p>
        </li>
      </ul>
    </>
  )
}
