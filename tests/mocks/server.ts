import { setupServer } from 'msw/node'
import { handlers } from './handlers.ts'

// The app calls no outside HTTP service yet; the server still runs so that any request leaving
// the process during a test fails it (onUnhandledRequest: 'error'). Add one handler file per service.
export const server = setupServer(...handlers)
