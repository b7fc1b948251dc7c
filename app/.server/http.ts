import type { SubmissionResult } from '@conform-to/react'
import { data } from 'react-router'
import { DomainError } from './interventions.ts'

/** Throws the Spanish 404 page. */
export function notFound(message = 'No encontramos lo que busca.'): never {
  throw data({ message }, { status: 404 })
}

/**
 * Turns a refusal of the domain (DomainError) into the form's own message with its status,
 * keeping what the person typed; anything else is a real failure and propagates.
 */
export function refusal(error: unknown, reply: (options: { formErrors: string[] }) => SubmissionResult) {
  if (error instanceof DomainError) {
    if (error.status === 404) notFound(error.message)
    return data(reply({ formErrors: [error.message] }), { status: error.status })
  }
  throw error
}

/**
 * The address of the page a request is for. With React Router's pass-through requests a client
 * navigation arrives as `/page.data?_routes=…`; redirects must go back to `/page`, never there.
 */
export function pagePath(request: Request): string {
  const url = new URL(request.url)
  url.pathname = url.pathname.replace(/\.data$/, '').replace(/^\/_root$/, '/')
  url.searchParams.delete('_routes')
  return url.pathname + url.search
}
