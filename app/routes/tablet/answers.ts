import type { Route } from './+types/answers'
import { fetchBodyReader, receiveSyncItem } from '#app/.server/tablet-sync.ts'

// One item of a paired tablet's queue, as JSON. `npm start` (server.js) answers this URL with the
// same receiveSyncItem before React Router sees it; this route serves it under `npm run dev`.
export async function action({ request }: Route.ActionArgs) {
  const { status, body } = await receiveSyncItem(request.headers.get('Cookie'), fetchBodyReader(request))
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

export async function loader() {
  return Response.json({ status: 'invalid', message: 'Use POST.' }, { status: 405, headers: { 'Cache-Control': 'no-store', Allow: 'POST' } })
}
