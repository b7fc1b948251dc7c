import { readFile } from 'node:fs/promises'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoAxeViolations, signIn, watchConsole } from './helpers.ts'

// The dashboards of a manager: compare versions with a plain-Spanish verdict, split by segment,
// download the same figures as CSV, and read an intervention's dashboard (server-rendered table,
// charts after hydration) and the portfolio, on screen and on paper. Read-only: nothing is changed.

const V1 = 'Formulario simplificado v1 (INT-001)'
const V2 = 'Formulario simplificado v2 (INT-001)'

/** A small RFC 4180 reader (quoted fields, doubled quotes), enough for csv-stringify's output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Clicks a «Descargar CSV» link and returns the file's name and its text (BOM kept). */
async function downloadCsv(page: Page, link: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(await download.failure()).toBeNull()
  const text = await readFile((await download.path())!, 'utf8')
  return { filename: download.suggestedFilename(), text }
}

type Figure = { value: string; detail: string; grade: string } | null
type TableRow = { label: string; segment: string | null; participants: string; figures: Figure[] }

/**
 * The body rows of a MetricsTable as the CSV would write them: each figure's bold value, its
 * detail without the parentheses, and the SUS grade badge. Read from the DOM, not recomputed.
 */
async function readMetricsTable(table: Locator, segmented: boolean): Promise<{ headers: string[]; rows: TableRow[] }> {
  return table.evaluate((t, segmented) => {
    const ownText = (cell: Element) => {
      const copy = cell.cloneNode(true) as Element
      copy.querySelectorAll('.badge').forEach((b) => b.remove())
      return (copy.textContent ?? '').trim()
    }
    const headers = [...t.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim())
    const rows = [...t.querySelectorAll('tbody tr')].map((tr) => {
      const [th, ...tds] = [...tr.children]
      const rest = segmented ? tds.slice(1) : tds
      const [participants, ...figureCells] = rest
      return {
        label: (th!.textContent ?? '').trim(),
        segment: segmented ? (tds[0]!.textContent ?? '').trim() : null,
        participants: ownText(participants!),
        figures: figureCells.map((cell) => {
          const strong = cell.querySelector('strong')
          if (!strong) return null
          const detail = (cell.querySelector('.figure-detail')?.textContent ?? '').trim().replace(/^\((.*)\)$/, '$1')
          const grade = [...cell.querySelectorAll('.badge')].map((b) => (b.textContent ?? '').trim()).find((b) => b.startsWith('Nota ')) ?? ''
          return { value: (strong.textContent ?? '').trim(), detail, grade: grade.replace(/^Nota /, '') }
        }),
      }
    })
    return { headers, rows }
  }, segmented)
}

/** The CSV a table should produce, column for column (see app/.server/metrics-csv.ts). */
function expectedCsv(table: { headers: string[]; rows: TableRow[] }, segmentLabel: string | null) {
  const seqHeaders = table.headers.filter((h) => h.startsWith('SEQ ')).map((h) => h.slice(4))
  const header = [
    'version',
    ...(segmentLabel ? [segmentLabel] : []),
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
    ...seqHeaders.flatMap((t) => [`seq_${t}`, `seq_${t}_detalle`]),
  ]
  const pair = (f: Figure | undefined) => [f?.value ?? '', f?.detail ?? '']
  const body = table.rows.map((r) => {
    const [completion, sus, csat, nps, ...seq] = r.figures
    return [
      r.label,
      ...(segmentLabel ? [r.segment!] : []),
      r.participants.replace(/,/g, ''),
      ...pair(completion),
      ...pair(sus),
      sus?.grade ?? '',
      ...pair(csat),
      ...pair(nps),
      ...seq.flatMap((s) => pair(s)),
    ]
  })
  return [header, ...body]
}

test.describe('manager', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'manager')
  })

  test('compares v1 and v2, reads the verdict, splits by age, and downloads the same numbers as CSV', async ({ page }) => {
    const done = watchConsole(page)
    await page.goto('/tableros/comparar')
    await expect(page.getByRole('heading', { level: 1, name: 'Comparar versiones' })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Descargar CSV' })).toHaveCount(0)

    // The picker names each version with its prototype and code (visually hidden, read aloud).
    const picker = page.getByRole('group', { name: /Elija de 2 a 4 versiones/ })
    await picker.getByRole('checkbox', { name: `v1 de Formulario simplificado (INT-001)`, exact: true }).check()
    await picker.getByRole('checkbox', { name: `v2 de Formulario simplificado (INT-001)`, exact: true }).check()
    await page.getByRole('button', { name: 'Comparar' }).click()
    await expect(page).toHaveURL(/\/tableros\/comparar\?v=\d+&v=\d+&segmento=$/)

    // The verdict, in plain Spanish, with the figures behind it.
    const verdicts = page.getByRole('region', { name: '¿Hay diferencia?' })
    await expect(verdicts).toContainText(`${V2} completa más tareas que ${V1} (90 % frente a 60 %; p < 0.001).`)
    await expect(verdicts).toContainText('es poco probable que la diferencia sea casualidad')
    await expect(verdicts).toContainText(`${V2} tiene un SUS más alto que ${V1}`)

    // The side-by-side table.
    const overall = page.getByRole('table', { name: 'Versiones lado a lado' })
    await expect(overall.getByRole('row')).toHaveCount(3)
    const v1Row = overall.getByRole('row', { name: new RegExp(`^${V1.replace(/[()]/g, '\\$&')}`) })
    const v2Row = overall.getByRole('row', { name: new RegExp(`^${V2.replace(/[()]/g, '\\$&')}`) })
    await expect(v1Row.getByRole('cell').nth(1)).toContainText('60 %')
    await expect(v2Row.getByRole('cell').nth(1)).toContainText('90 %')
    await expect(page.locator('.recharts-wrapper svg').first()).toBeVisible()
    await expectNoAxeViolations(page)

    // CSV without a split: the same strings as the table.
    const table = await readMetricsTable(overall, false)
    expect(table.rows.map((r) => r.label)).toEqual([V1, V2])
    expect(table.rows[0]!.figures[0]!.value).toBe('60 %')
    expect(table.rows[1]!.figures[0]!.value).toBe('90 %')
    const first = await downloadCsv(page, page.getByRole('link', { name: 'Descargar CSV' }))
    expect(first.filename).toBe('comparacion.csv')
    expect(first.text.startsWith('\uFEFF')).toBe(true)
    const csv = parseCsv(first.text.slice(1))
    expect(csv).toEqual(expectedCsv(table, null))
    // And, spelled out, the figures a manager would look for.
    expect(csv[1]!.slice(0, 4)).toEqual([V1, table.rows[0]!.participants, '60 %', table.rows[0]!.figures[0]!.detail])
    expect(csv[2]!.slice(0, 4)).toEqual([V2, table.rows[1]!.participants, '90 %', table.rows[1]!.figures[0]!.detail])
    expect(csv[1]![5]).toMatch(/^IC 95 %: \d+\.\d–\d+\.\d; n = \d+$/)
    expect(csv[1]![4]).toBe(table.rows[0]!.figures[1]!.value)
    expect(csv[2]![4]).toBe(table.rows[1]!.figures[1]!.value)

    // Split by age: only groups of 5 or more people are shown.
    await page.getByLabel('Separar por').selectOption({ label: 'Edad' })
    await page.getByRole('button', { name: 'Comparar' }).click()
    await expect(page).toHaveURL(/\/tableros\/comparar\?v=\d+&v=\d+&segmento=age_band$/)
    await expect(page.getByRole('heading', { level: 2, name: 'Por edad' })).toBeVisible()
    await expect(page.getByText('Se ocultan los grupos con menos de 5 participantes.')).toBeVisible()
    const splitTable = page.getByRole('table', { name: 'Versiones por edad' })
    await expect(splitTable.getByRole('columnheader', { name: 'Edad' })).toBeVisible()
    const split = await readMetricsTable(splitTable, true)
    expect(split.rows.length).toBeGreaterThan(0)
    for (const row of split.rows) {
      expect(Number(row.participants), `${row.label} · ${row.segment}`).toBeGreaterThanOrEqual(5)
      expect(row.segment).toMatch(/años|Sin dato/)
    }
    for (const [i, label] of [V1, V2].entries()) {
      const shown = split.rows.filter((r) => r.label === label).reduce((sum, r) => sum + Number(r.participants), 0)
      expect(shown).toBeLessThanOrEqual(Number(table.rows[i]!.participants))
    }
    // The overall table and the verdict stay above the split.
    await expect(overall).toBeVisible()
    await expect(verdicts).toContainText('completa más tareas que')
    await expectNoAxeViolations(page)

    // CSV with the split: the split table's rows, with the age column.
    const second = await downloadCsv(page, page.getByRole('link', { name: 'Descargar CSV' }))
    expect(second.filename).toBe('comparacion.csv')
    const splitCsv = parseCsv(second.text.replace(/^\uFEFF/, ''))
    expect(splitCsv).toEqual(expectedCsv(split, 'Edad'))
    expect(splitCsv[0]!.slice(0, 3)).toEqual(['version', 'Edad', 'participantes'])
    expect(splitCsv.slice(1).every((r) => Number(r[2]) >= 5)).toBe(true)
    done()
  })

  test('the intervention dashboard renders its table on the server and its charts after hydration, and prints without navigation', async ({ page }) => {
    const done = watchConsole(page)
    // The HTML as the server sends it, before any JavaScript runs.
    const response = await page.request.get('/tableros/intervenciones/INT-001')
    expect(response.status()).toBe(200)
    const html = await response.text()
    expect(html).toContain('<table class="metrics-table">')
    expect(html).toContain('Resultados por versión, en orden')
    expect(html).toContain('60 %')
    expect(html).toContain('90 %')
    expect(html).not.toContain('recharts-surface') // the charts are drawn in the browser

    await page.goto('/tableros/intervenciones/INT-001')
    await expect(page.getByRole('heading', { level: 1, name: 'Tablero de INT-001: Solicitud de pensión virtual' })).toBeVisible()
    const table = page.getByRole('table', { name: 'Resultados por versión, en orden' })
    await expect(table.getByRole('row', { name: /^Formulario simplificado v1/ })).toContainText('60 %')
    await expect(table.getByRole('row', { name: /^Formulario simplificado v2/ })).toContainText('90 %')
    // After hydration, recharts draws every chart: completion, SUS and one SEQ chart per task.
    const charts = page.locator('figure.chart')
    await expect(charts.first()).toBeVisible()
    const chartCount = await charts.count()
    expect(chartCount).toBeGreaterThanOrEqual(2)
    await expect(page.locator('.recharts-wrapper svg')).toHaveCount(chartCount)
    await expect(page.locator('.recharts-wrapper svg').first()).toBeVisible()
    await expect(page.getByRole('img', { name: /^Tareas completadas \(%\)\. Formulario simplificado v1: 60 %/ })).toBeVisible()
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible()
    await expectNoAxeViolations(page)

    // Its CSV says what the table says.
    const read = await readMetricsTable(table, false)
    const csv = await downloadCsv(page, page.getByRole('link', { name: 'Descargar CSV' }))
    expect(csv.filename).toBe('tablero-INT-001.csv')
    expect(parseCsv(csv.text.replace(/^\uFEFF/, ''))).toEqual(expectedCsv(read, null))

    // On paper: no navigation, no filters; the figures stay.
    await page.emulateMedia({ media: 'print' })
    await expect(page.locator('header.staff-header')).toBeHidden()
    await expect(page.getByRole('navigation', { name: 'Principal' })).toBeHidden()
    await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeHidden()
    await expect(page.getByRole('form', { name: 'Filtrar el tablero' })).toBeHidden()
    await expect(page.getByRole('link', { name: 'Descargar CSV' })).toBeHidden()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expect(table).toBeVisible()
    await expect(page.locator('.recharts-wrapper svg').first()).toBeVisible()
    await page.emulateMedia({ media: 'screen' })
    await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible()
    done()
  })

  test('the portfolio shows its sections, tables and charts, and passes axe', async ({ page }) => {
    const done = watchConsole(page)
    await page.goto('/tableros/portafolio')
    await expect(page.getByRole('heading', { level: 1, name: 'Portafolio del laboratorio' })).toBeVisible()
    for (const name of [
      'Intervenciones por etapa y canal',
      'Prototipos probados y sus mejores resultados',
      'Inclusión',
      'Sesiones y ciudadanos escuchados en el tiempo',
      'Resultados de los canales en el tiempo',
    ]) {
      await expect(page.getByRole('region', { name }), name).toBeVisible()
    }
    await expect(page.getByRole('table', { name: 'Intervenciones activas por etapa' })).toBeAttached()
    const prototypes = page.getByRole('region', { name: 'Prototipos probados y sus mejores resultados' })
    await expect(prototypes.getByRole('row', { name: /Formulario simplificado \(INT-001\)/ })).toContainText('90 % en v2')
    await expect(page.getByRole('region', { name: 'Inclusión' })).toContainText('de participantes con 60 años o más')
    await expect(page.getByRole('region', { name: 'Sesiones y ciudadanos escuchados en el tiempo' }).getByRole('row')).not.toHaveCount(0)
    await expect(page.locator('figure.chart .recharts-wrapper > svg')).toHaveCount(2)
    await expect(page.getByRole('navigation', { name: 'Tableros' }).getByRole('link', { name: 'Comparar versiones' })).toBeVisible()
    await expectNoAxeViolations(page)

    // A prototype's name leads to its intervention's dashboard, filtered to it.
    await prototypes.getByRole('link', { name: 'Formulario simplificado', exact: true }).click()
    await expect(page).toHaveURL(/\/tableros\/intervenciones\/INT-001\?prototipo=\d+$/)
    await expect(page.getByLabel('Prototipo')).toHaveValue(/^\d+$/)

    await page.goto('/tableros/portafolio')
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('navigation', { name: 'Principal' })).toBeHidden()
    await expect(page.getByRole('navigation', { name: 'Tableros' })).toBeHidden()
    await expect(page.getByRole('region', { name: 'Inclusión' })).toBeVisible()
    done()
  })
})
