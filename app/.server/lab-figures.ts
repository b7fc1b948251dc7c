import { count, countDistinct, eq, isNotNull } from 'drizzle-orm'
import { channelMetrics, interventions, participants, prototypes, prototypeVersions, responses, sessions } from '#db/schema.ts'
import { CHANNEL_METRICS, CHANNEL_METRIC_INFO, type ChannelMetricKey } from '#app/lib/domain.ts'
import { db } from './db.ts'

// How each channel result is headlined: ONP reports pensions per year, calls per month, the rest as totals.
const HEADLINE: Record<ChannelMetricKey, 'total' | 'last12' | 'monthlyAverage'> = {
  virtual_applications: 'total',
  virtual_pensions: 'last12',
  virtual_keys: 'total',
  whatsapp_interactions: 'total',
  phone_calls: 'monthlyAverage',
}

export type ChannelFigure = {
  metric: ChannelMetricKey
  label: string
  headline: 'total' | 'last12' | 'monthlyAverage'
  value: number
  previous12: number | null
  firstMonth: string
  lastMonth: string
  months: number
}

export async function getLabFigures() {
  const [[interventionCount], [prototypeCount], [versionCount], [sessionsHeld], [citizensHeard], [participantCount]] =
    await Promise.all([
      db.select({ n: count() }).from(interventions),
      db.select({ n: count() }).from(prototypes),
      db.select({ n: count() }).from(prototypeVersions),
      db.select({ n: count() }).from(sessions).where(eq(sessions.status, 'closed')),
      db.select({ n: countDistinct(responses.participantId) }).from(responses).where(isNotNull(responses.participantId)),
      db.select({ n: count() }).from(participants),
    ])

  const rows = await db
    .select({ metric: channelMetrics.metric, month: channelMetrics.month, value: channelMetrics.value })
    .from(channelMetrics)
    .orderBy(channelMetrics.metric, channelMetrics.month)

  const channels: ChannelFigure[] = []
  for (const metric of CHANNEL_METRICS) {
    const series = rows.filter((r) => r.metric === metric)
    if (series.length === 0) continue
    const values = series.map((r) => r.value)
    const total = values.reduce((a, b) => a + b, 0)
    const last12 = values.slice(-12).reduce((a, b) => a + b, 0)
    const previous12 = values.length >= 24 ? values.slice(-24, -12).reduce((a, b) => a + b, 0) : null
    const headline = HEADLINE[metric]
    channels.push({
      metric,
      label: CHANNEL_METRIC_INFO[metric].label,
      headline,
      value: headline === 'total' ? total : headline === 'last12' ? last12 : Math.round(total / values.length),
      previous12: headline === 'last12' ? previous12 : null,
      firstMonth: series[0]!.month,
      lastMonth: series[series.length - 1]!.month,
      months: series.length,
    })
  }

  return {
    interventions: interventionCount?.n ?? 0,
    prototypes: prototypeCount?.n ?? 0,
    versions: versionCount?.n ?? 0,
    sessionsHeld: sessionsHeld?.n ?? 0,
    citizensHeard: citizensHeard?.n ?? 0,
    participants: participantCount?.n ?? 0,
    channels,
  }
}
