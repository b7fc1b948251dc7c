import { stringify } from 'csv-stringify/sync'
import { completionText, csatText, meanText, npsText } from '#app/lib/metric-format.ts'
import { SEGMENT_LABELS, segmentValueLabel, type SegmentKey } from '#app/lib/segments.ts'
import type { MetricsRow } from './metrics.ts'

/** The same figures as the page's table, as CSV (UTF-8 with BOM, so spreadsheets read the accents). */
export function metricsCsv(rows: MetricsRow[], label: (versionId: number) => string, tasks: { id: number; label: string }[], segment: SegmentKey | null) {
  const header = [
    'version',
    ...(segment ? [SEGMENT_LABELS[segment]] : []),
    'participantes',
    'tareas_completadas',
    'tareas_detalle',
    'sus',
    'sus_detalle',
    'sus_nota',
    'csat',
    'csat_detalle',
    'nps',
    'nps_detalle',
    ...tasks.flatMap((t) => [`seq_${t.label}`, `seq_${t.label}_detalle`]),
  ]
  const cells = (c: { value: string; detail: string } | null) => [c?.value ?? '', c?.detail ?? '']
  const body = rows.map((r) => [
    label(r.versionId),
    ...(segment ? [segmentValueLabel(segment, r.segment)] : []),
    String(r.participants),
    ...cells(completionText(r.completion)),
    ...cells(meanText(r.sus, [0, 100])),
    r.sus?.grade ?? '',
    ...cells(csatText(r.csat)),
    ...cells(npsText(r.nps)),
    ...tasks.flatMap((t) => cells(meanText(r.seq.find((s) => s.taskQuestionId === t.id) ?? null, [1, 7]))),
  ])
  return '\uFEFF' + stringify([header, ...body])
}

export function csvResponse(csv: string, filename: string) {
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

/**
 * «Descargar CSV» (?formato=csv) is a plain document request, and a Response a page's loader
 * returns would be read as the page's data. This middleware sends the loader's CSV as it is.
 */
export function csvDownload<A extends { request: Request }>(loader: (args: A) => Promise<unknown>) {
  return async (args: A, next: () => Promise<Response>) => {
    if (new URL(args.request.url).searchParams.get('formato') !== 'csv') return next()
    const result = await loader(args)
    return result instanceof Response ? result : next()
  }
}
