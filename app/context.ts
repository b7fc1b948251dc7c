import { createContext } from 'react-router'

// The per-request CSP nonce, set by the root middleware and used when the page is rendered.
export const nonceContext = createContext<string>('')
