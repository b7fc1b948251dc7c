import { isRouteErrorResponse, Link } from 'react-router'

const TITLES: Record<number, string> = {
  400: 'No pudimos procesar la solicitud',
  403: 'No tiene permiso para ver esta página',
  404: 'No encontramos esta página',
  405: 'Esta acción no está disponible aquí',
  409: 'Otra persona cambió estos datos',
  413: 'El archivo es demasiado grande',
  429: 'Demasiadas solicitudes',
}

/** The Spanish error message for any thrown error. Never shows a stack trace. */
export function ErrorContent({ error }: { error: unknown }) {
  let status = 500
  let detail: string | null = null
  if (isRouteErrorResponse(error)) {
    status = error.status
    const message = (error.data as { message?: unknown } | null)?.message
    if (status < 500 && typeof message === 'string') detail = message
  }
  const title = TITLES[status] ?? (status < 500 ? 'No pudimos procesar la solicitud' : 'Algo salió mal')
  return (
    <section className="error-content" aria-labelledby="error-title">
      <title>{`${title} · Katapulta`}</title>
      <h1 id="error-title">{title}</h1>
      {detail ? <p>{detail}</p> : null}
      {status === 404 ? <p>Revise la dirección o vuelva al inicio.</p> : null}
      {status >= 500 ? (
        <p>Ocurrió un error inesperado. Sus datos guardados no se perdieron. Intente de nuevo en unos minutos.</p>
      ) : null}
      <p className="error-code">Código {status}</p>
      <p>
        <Link to="/">Volver al Tablero del laboratorio</Link>
      </p>
    </section>
  )
}
