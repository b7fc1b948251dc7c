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
