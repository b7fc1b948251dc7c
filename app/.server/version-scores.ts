import { metricsByVersion, type MetricsRow } from './metrics.ts'

export type HeadlineScores = Pick<MetricsRow, 'versionId' | 'participants' | 'completion' | 'sus'>

/** The headline figures of versions (participants, completion, SUS), from the dashboard metrics. */
export async function headlineScores(versionIds: number[]): Promise<HeadlineScores[]> {
  return metricsByVersion(versionIds)
}
