import { beforeAll, expect, test } from 'vitest'
import * as home from '#app/routes/home.tsx'
import { args, cookieFor, get, run, seedOnce } from '#tests/setup/app.ts'
import { CHANNEL_TOTALS } from '#db/seed-demo.ts'

beforeAll(seedOnce)

test('the Tablero del laboratorio shows the seeded figures from the database', async () => {
  for (const role of ['admin', 'facilitator', 'manager'] as const) {
    const result = await run(() => home.loader(args(get('/'))))
    expect(result.status).toBe(302)
    const cookie = await cookieFor(role)
    const { figures } = (await home.loader(args(get('/', cookie)))) as Awaited<ReturnType<typeof home.loader>>
    expect(figures).toMatchObject({ interventions: 5, prototypes: 8, versions: 12, sessionsHeld: 6, citizensHeard: 66 })
    const byMetric = Object.fromEntries(figures.channels.map((c) => [c.metric, c]))
    expect(byMetric.virtual_applications).toMatchObject({ value: CHANNEL_TOTALS.virtual_applications, firstMonth: '2020-04', lastMonth: '2022-03' })
    expect(byMetric.virtual_pensions).toMatchObject({ value: 41_000, previous12: 37_000 })
    expect(byMetric.virtual_keys?.value).toBe(1_285_856)
    expect(byMetric.whatsapp_interactions?.value).toBe(528_797)
    expect(byMetric.phone_calls).toMatchObject({ value: 57_147, headline: 'monthlyAverage' })
  }
})
