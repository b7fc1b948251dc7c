import { Links, Meta, Outlet, Scripts, ScrollRestoration } from 'react-router'
import type { Route } from './+types/root'
import { isCrossSiteWrite, newNonce, securityHeaders } from '#app/.server/security.ts'
import { nonceContext } from './context.ts'
import { ErrorContent } from '#app/components/error-content.tsx'
import stylesHref from './styles.css?url'

export const links: Route.LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

// Every request: refuse cross-site writes, then give the response its security headers and CSP nonce.
export const middleware: Route.MiddlewareFunction[] = [
  async ({ request, context }, next) => {
    const nonce = newNonce()
    context.set(nonceContext, nonce)
    const response = isCrossSiteWrite(request)
      ? new Response('Solicitud rechazada: no viene de una página de Katapulta.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
      : await next()
    for (const [name, value] of Object.entries(securityHeaders(nonce))) response.headers.set(name, value)
    return response
  },
]

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="es-PE">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return (
    <main id="contenido" className="page page-narrow">
      <p className="brand-line">Katapulta · Laboratorio de innovación de la ONP</p>
      <ErrorContent error={error} />
    </main>
  )
}
