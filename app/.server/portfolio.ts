import { sql } from 'drizzle-orm'
import type { Channel } from '#app/lib/domain.ts'
import { db } from './db.ts'
import { versionMetrics } from './metrics.ts'

const channelFilter = (channel: Channel | null, alias = 'i') =>
  channel ? sql`and exists (select 1 from intervention_channels c where c.intervention_id = ${sql.raw(alias)}.id and c.channel = ${channel})` : sql``

/** The lab's whole portfolio: where interventions are, what prototypes achieved, who was heard. */
export async function getPortfolio(channel: Channel | null) {
  const [byStage, byChannel, perMonth, inclusion, channelSeries, testedVersions] = await Promise.all([
    db.all<{ stage: string; n: number }>(sql`select i.stage, count(*) n from interventions i where i.status = 'active' ${channelFilter(channel)} group by 1`),
    db.all<{ channel: string; n: number }>(
      sql`select c.channel, count(*) n from intervention_channels c join interventions i on i.id = c.intervention_id where i.status = 'active' ${channelFilter(channel)} group by 1`,
    ),
    db.all<{ month: string; sessions: number; participants: number }>(
      sql`select substr(s.date, 1, 7) month, count(distinct s.id) sessions, count(p.id) participants
          from sessions s join interventions i on i.id = s.intervention_id left join participants p on p.session_id = s.id
          where s.status <> 'planned' ${channelFilter(channel)} group by 1 order by 1`,
    ),
    db.all<{ n: number; older: number; withAge: number; lowSkill: number; withSkill: number }>(
      sql`select count(*) n,
            sum(p.age_band in ('60-69', '70+')) older, sum(p.age_band is not null) withAge,
            sum(p.digital_skill = 'low') lowSkill, sum(p.digital_skill is not null) withSkill
          from participants p join sessions s on s.id = p.session_id join interventions i on i.id = s.intervention_id where 1 = 1 ${channelFilter(channel)}`,
    ),
    db.all<{ metric: string; month: string; value: number }>(sql`select metric, month, value from channel_metrics order by month`),
    db.all<{ id: number; number: number; prototypeId: number; prototypeName: string; code: string }>(
      sql`select v.id, v.number, p.id prototypeId, p.name prototypeName, i.code
          from prototype_versions v join prototypes p on p.id = v.prototype_id join interventions i on i.id = p.intervention_id
          where exists (select 1 from responses r where r.version_id = v.id) ${channelFilter(channel)}
          order by i.code, p.id, v.number`,
    ),
  ])
  const metrics = await versionMetrics(testedVersions.map((v) => v.id), null, ['participants', 'completion', 'sus'])
  const prototypes = [...new Map(testedVersions.map((v) => [v.prototypeId, v])).values()].map((p) => {
    const versions = testedVersions.filter((v) => v.prototypeId === p.prototypeId)
    const rows = metrics.filter((m) => versions.some((v) => v.id === m.versionId))
    const best = <T,>(pick: (m: (typeof rows)[number]) => T | null, score: (t: T) => number) =>
      rows.reduce<{ version: number; value: T } | null>((acc, m) => {
        const value = pick(m)
        if (value === null) return acc
        const number = versions.find((v) => v.id === m.versionId)!.number
        return !acc || score(value) > score(acc.value) ? { version: number, value } : acc
      }, null)
    return {
      prototypeId: p.prototypeId,
      name: p.prototypeName,
      code: p.code,
      versionsTested: versions.length,
      participants: rows.reduce((a, m) => a + m.participants, 0),
      bestCompletion: best((m) => m.completion, (c) => c.rate),
      bestSus: best((m) => m.sus, (s) => s.mean),
    }
  })
  const months = [...new Set(channelSeries.map((r) => r.month))]
  const channelByMonth = months.map((month) => ({
    month,
    ...Object.fromEntries(channelSeries.filter((r) => r.month === month).map((r) => [r.metric, r.value])),
  }))
  return { byStage, byChannel, perMonth, inclusion: inclusion[0]!, prototypes, channelByMonth }
}
