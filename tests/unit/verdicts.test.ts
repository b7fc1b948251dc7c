import { describe, expect, test } from 'vitest'
import { completionVerdict, susVerdict } from '#app/lib/verdicts.ts'

describe('plain-Spanish verdicts', () => {
  test('60 % → 90 % with 30 people is distinguishable from chance', () => {
    const v = completionVerdict({ label: 'v1', successes: 18, attempts: 30 }, { label: 'v2', successes: 54, attempts: 60 }, 30)
    expect(v.distinguishable).toBe(true)
    expect(v.text).toMatch(/^v2 completa más tareas que v1 \(90 % frente a 60 %; p [<=] 0\.0\d+\)/)
    expect(v.text).toContain('Con 30 participantes, es poco probable que la diferencia sea casualidad.')
  })

  test('a small sample is not called a difference', () => {
    const v = completionVerdict({ label: 'v1', successes: 3, attempts: 6 }, { label: 'v2', successes: 5, attempts: 6 }, 8)
    expect(v.distinguishable).toBe(false)
    expect(v.text).toContain('Con 8 participantes aún no se puede afirmar que v2 sea mejor que v1')
    const tiny = completionVerdict({ label: 'v1', successes: 1, attempts: 2 }, { label: 'v2', successes: 2, attempts: 2 }, 2)
    expect(tiny.p).toBeNull()
    expect(tiny.text).toContain('muy pocos intentos')
  })

  test('SUS 58 → 74 with n 10 and 20 is distinguishable; with n 3 it is not even tested', () => {
    const v = susVerdict({ label: 'v1', n: 10, mean: 57.8, sd: 8 }, { label: 'v2', n: 20, mean: 74, sd: 9 })
    expect(v.distinguishable).toBe(true)
    expect(v.text).toContain('v2 tiene un SUS más alto que v1 (74.0 frente a 57.8')
    const small = susVerdict({ label: 'v1', n: 3, mean: 60, sd: 8 }, { label: 'v2', n: 3, mean: 80, sd: 9 })
    expect(small.p).toBeNull()
    const worse = susVerdict({ label: 'v1', n: 8, mean: 70, sd: 15 }, { label: 'v2', n: 8, mean: 66, sd: 15 })
    expect(worse.text).toContain('aún no se puede afirmar que v2 tenga un SUS peor que v1')
  })
})
