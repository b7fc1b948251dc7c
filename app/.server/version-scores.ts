import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { questions, responses } from '#db/schema.ts'
import { adjustedWald, meanInterval } from '#app/lib/scoring.ts'
import { db } from './db.ts'

export type HeadlineScores = {
  versionId: number
  participants: number
  completion: { successes: number; attempts: number; rate: number; low: number; high: number } | null
  sus: { mean: number; low: number; high: number; n: number } | null
}

/**
 * Headline figures of each version: participants, task completion with its adjusted-Wald interval,
 * and SUS with its t-interval. Sums run in SQL; intervals come from the scoring library.
 */
export async function headlineScores(versionIds: number[]): Promise<HeadlineScores[]> {
  if (versionIds.length === 0) return []
  const [participants, completion, susRows] = await Promise.all([
    db
      .select({ versionId: responses.versionId, n: sql<number>`count(distinct ${responses.participantId})` })
      .from(responses)
      .where(and(inArray(responses.versionId, versionIds), isNotNull(responses.participantId)))
      .groupBy(responses.versionId),
    db
      .select({
        versionId: responses.versionId,
        successes: sql<number>`sum(${responses.valueText} = 'completed')`,
        attempts: sql<number>`count(*)`,
      })
      .from(responses)
      .where(and(inArray(responses.versionId, versionIds), eq(responses.kind, 'task_outcome')))
      .groupBy(responses.versionId),
    // One SUS score per person and version; only complete questionnaires (10 items) count.
    db
      .select({
        versionId: responses.versionId,
        score: sql<number>`sum(case
          when json_extract(${questions.config}, '$.wording') = 'positive' or json_extract(${questions.config}, '$.item') % 2 = 1
          then ${responses.valueNumber} - 1 else 5 - ${responses.valueNumber} end) * 2.5`,
      })
      .from(responses)
      .innerJoin(questions, eq(questions.id, responses.questionId))
      .where(and(inArray(responses.versionId, versionIds), eq(responses.kind, 'sus')))
      .groupBy(responses.versionId, sql`coalesce(${responses.participantId}, -${responses.id})`)
      .having(sql`count(*) = 10`),
  ])

  return versionIds.map((versionId) => {
    const c = completion.find((r) => r.versionId === versionId)
    const scores = susRows.filter((r) => r.versionId === versionId).map((r) => r.score)
    return {
      versionId,
      participants: participants.find((r) => r.versionId === versionId)?.n ?? 0,
      completion: c && c.attempts > 0 ? { successes: c.successes, attempts: c.attempts, ...adjustedWald(c.successes, c.attempts) } : null,
      sus: scores.length > 0 ? meanInterval(scores) : null,
    }
  })
}
