import crypto from 'node:crypto'
import { env } from './env.ts'

export function newNonce() {
  return crypto.randomBytes(16).toString('base64')
}

/** Headers every response of the app carries. Scripts run only with this request's nonce. */
export function securityHeaders(nonce: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Charts and the drag-and-drop library position elements with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The tablet's offline service worker (public/tableta-sw.js).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    // PDFs are previewed from our own origin.
    "frame-src 'self'",
  ].join('; ')
  return {
    // Vite's dev server injects inline scripts without a nonce; the built app always sends the CSP.
    ...(env.isViteDev ? {} : { 'Content-Security-Policy': csp }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(env.isProduction ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests that come from another site (CSRF). Browsers send Origin on
 * every POST; older ones at least Sec-Fetch-Site. Requests with neither are not from a browser
 * page and carry no ambient cookie risk beyond SameSite=Lax, so they pass.
 */
export function isCrossSiteWrite(request: RequestHead): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false
  const url = new URL(request.url)
  const origin = request.headers.get('Origin')
  const fetchSite = request.headers.get('Sec-Fetch-Site')
  const sameOrigin = origin ? origin === url.origin || origin === forwardedOrigin(request, url) : fetchSite ? fetchSite === 'same-origin' || fetchSite === 'none' : true
  return !sameOrigin
}

/** What the checks read of a request: a Fetch Request, or a Node request seen through that shape. */
export type RequestHead = Pick<Request, 'method' | 'url'> & { headers: Pick<Headers, 'get'> }

// Behind a TLS proxy the app sees http://; the browser's Origin says https://.
function forwardedOrigin(request: RequestHead, url: URL) {
  const proto = request.headers.get('X-Forwarded-Proto')
  const host = request.headers.get('X-Forwarded-Host') ?? request.headers.get('Host')
  return proto && host ? `${proto.split(',')[0]!.trim()}://${host}` : `${url.protocol}//${request.headers.get('Host') ?? url.host}`
}

/** The client's address, as server.js saw it on the socket (never a header the client chose). */
export function clientAddress(request: Request) {
  return request.headers.get('x-katapulta-client-address') ?? 'unknown'
}
