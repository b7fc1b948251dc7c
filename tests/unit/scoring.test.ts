import { describe, expect, test } from 'vitest'
import {
  adjustedWald,
  compareMeans,
  sdFromSums,
  summaryInterval,
  compareCompletion,
  csat,
  meanInterval,
  normalCdf,
  normalQuantile,
  nps,
  scoreSus,
  SUS_GRADES,
  susGrade,
  susGradeForInterval,
  tQuantile,
  umuxLite,
} from '#app/lib/scoring.ts'

describe('normalCdf / normalQuantile', () => {
  test('known values', () => {
    expect(normalCdf(0)).toBe(0.5)
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12)
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12)
    expect(normalCdf(-40)).toBe(0)
    expect(normalCdf(40)).toBe(1)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12)
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12)
    expect(normalQuantile(0.5)).toBe(0)
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 12)
  })

  test('quantile inverts the CDF across the range', () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.0749, 0.3, 0.6, 0.925, 0.99, 0.999999]) {
      // Relative check: the CDF keeps ~1e-8 relative accuracy even in the far tail.
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 7)
    }
  })

  test('rejects p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(() => normalQuantile(p)).toThrow(/normalQuantile/)
    }
    expect(() => normalCdf(Number.NaN)).toThrow(/normalCdf/)
  })
})

describe('tQuantile', () => {
  test.each([
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [9, 2.2622],
    [29, 2.0452],
    [1000, 1.9623],
  ])('t(0.975, df=%i) = %f', (df, expected) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(expected, 4)
  })

  test('other tables, symmetry and limits', () => {
    expect(tQuantile(0.995, 3)).toBeCloseTo(5.8409, 4)
    expect(tQuantile(0.05, 10)).toBeCloseTo(-1.8125, 4)
    expect(tQuantile(0.9995, 1)).toBeCloseTo(636.6192, 3)
    expect(tQuantile(0.5, 7)).toBe(0)
    expect(tQuantile(0.1, 6)).toBeCloseTo(-tQuantile(0.9, 6), 10)
    // Approaches the normal quantile as df grows.
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 6)
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 6)
  })

  test('rejects bad p or df', () => {
    expect(() => tQuantile(1, 5)).toThrow(/tQuantile/)
    expect(() => tQuantile(0.975, 0)).toThrow(/tQuantile: df/)
    expect(() => tQuantile(0.975, Number.NaN)).toThrow(/tQuantile: df/)
  })
})

describe('scoreSus', () => {
  test('standard wording', () => {
    expect(scoreSus([4, 2, 4, 2, 4, 2, 4, 2, 4, 2], 'standard')).toBe(75)
    expect(scoreSus(Array(10).fill(3), 'standard')).toBe(50)
    expect(scoreSus([5, 1, 5, 1, 5, 1, 5, 1, 5, 1], 'standard')).toBe(100)
    expect(scoreSus([1, 5, 1, 5, 1, 5, 1, 5, 1, 5], 'standard')).toBe(0)
  })

  test('all-positive wording', () => {
    expect(scoreSus(Array(10).fill(5), 'positive')).toBe(100)
    expect(scoreSus(Array(10).fill(1), 'positive')).toBe(0)
    expect(scoreSus(Array(10).fill(3), 'positive')).toBe(50)
    // The same answers mean different things under the two wordings.
    expect(scoreSus([4, 2, 4, 2, 4, 2, 4, 2, 4, 2], 'positive')).toBe(50)
  })

  test('rejects malformed answers', () => {
    expect(() => scoreSus([3, 3, 3, 3, 3, 3, 3, 3, 3], 'standard')).toThrow('scoreSus: expected 10 answers, got 9')
    expect(() => scoreSus(Array(11).fill(3), 'standard')).toThrow('expected 10 answers, got 11')
    expect(() => scoreSus([0, 3, 3, 3, 3, 3, 3, 3, 3, 3], 'standard')).toThrow(/scoreSus: answer 1/)
    expect(() => scoreSus([3, 3, 3, 3, 3, 3, 3, 3, 3, 6], 'standard')).toThrow(/answer 10/)
    expect(() => scoreSus([3, 3.5, 3, 3, 3, 3, 3, 3, 3, 3], 'standard')).toThrow(/answer 2/)
    expect(() => scoreSus([3, Number.NaN, 3, 3, 3, 3, 3, 3, 3, 3], 'standard')).toThrow(/answer 2/)
    expect(() => scoreSus(Array(10).fill(3), 'negative' as 'standard')).toThrow(/scoreSus: wording/)
  })
})

describe('susGrade', () => {
  test('every band boundary', () => {
    const boundaries: [number, string, string][] = [
      [84.1, 'A+', 'A'],
      [80.8, 'A', 'A-'],
      [78.9, 'A-', 'B+'],
      [77.2, 'B+', 'B'],
      [74.1, 'B', 'B-'],
      [72.6, 'B-', 'C+'],
      [71.1, 'C+', 'C'],
      [65.0, 'C', 'C-'],
      [62.7, 'C-', 'D'],
      [51.7, 'D', 'F'],
    ]
    for (const [min, at, below] of boundaries) {
      expect(susGrade(min)).toBe(at)
      expect(susGrade(Math.round((min - 0.01) * 100) / 100)).toBe(below)
    }
    expect(susGrade(84.09)).toBe('A')
    expect(susGrade(51.69)).toBe('F')
    expect(susGrade(100)).toBe('A+')
    expect(susGrade(0)).toBe('F')
    expect(susGrade(68)).toBe('C')
    expect(SUS_GRADES.map((band) => band.grade)).toEqual(['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D', 'F'])
  })

  test('rejects scores outside 0–100', () => {
    for (const score of [-0.1, 100.1, Number.NaN, Infinity]) {
      expect(() => susGrade(score)).toThrow(/susGrade: score/)
    }
  })
})

describe('susGradeForInterval', () => {
  test('a grade only when both ends share a band', () => {
    expect(susGradeForInterval(85, 95)).toBe('A+')
    expect(susGradeForInterval(65, 70.9)).toBe('C')
    expect(susGradeForInterval(70, 72)).toBeNull()
    expect(susGradeForInterval(51.69, 51.7)).toBeNull()
    expect(susGradeForInterval(30, 30)).toBe('F')
  })

  test('clamps to the SUS range, so unbounded intervals give no grade', () => {
    expect(susGradeForInterval(90, 104)).toBe('A+')
    expect(susGradeForInterval(-5, 40)).toBe('F')
    expect(susGradeForInterval(-Infinity, Infinity)).toBeNull()
  })

  test('rejects NaN and reversed intervals', () => {
    expect(() => susGradeForInterval(Number.NaN, 80)).toThrow(/susGradeForInterval/)
    expect(() => susGradeForInterval(80, 70)).toThrow(/susGradeForInterval: low/)
  })
})

describe('adjustedWald', () => {
  test('published example: 4 of 5 → 36%–98%', () => {
    const result = adjustedWald(4, 5)
    expect(result.rate).toBe(0.8)
    expect(result.low).toBeCloseTo(0.36, 2)
    expect(result.high).toBeCloseTo(0.98, 2)
  })

  test('all successes: high clipped to 1', () => {
    const result = adjustedWald(5, 5)
    expect(result.rate).toBe(1)
    expect(result.high).toBe(1)
    // The adjusted-Wald formula gives 0.5109 here. (0.5655 is the Wilson score interval's lower
    // bound for 5 of 5, a different method.)
    expect(result.low).toBeCloseTo(0.5109, 4)
  })

  test('all failures: low clipped to 0, mirror image of all successes', () => {
    const result = adjustedWald(0, 5)
    expect(result.rate).toBe(0)
    expect(result.low).toBe(0)
    expect(result.high).toBeCloseTo(1 - adjustedWald(5, 5).low, 12)
  })

  test('matches the formula computed by hand, and wider at 99%', () => {
    const z = 1.959963984540054
    const pAdj = (9 + (z * z) / 2) / (10 + z * z)
    const margin = z * Math.sqrt((pAdj * (1 - pAdj)) / (10 + z * z))
    const result = adjustedWald(9, 10)
    expect(result.low).toBeCloseTo(pAdj - margin, 10)
    expect(result.high).toBe(1)
    const wide = adjustedWald(7, 10, 0.99)
    const narrow = adjustedWald(7, 10, 0.9)
    expect(wide.low).toBeLessThan(narrow.low)
    expect(wide.high).toBeGreaterThan(narrow.high)
  })

  test('rejects no data and invalid counts', () => {
    expect(() => adjustedWald(0, 0)).toThrow('adjustedWald: no data (n = 0)')
    expect(() => adjustedWald(6, 5)).toThrow(/adjustedWald: successes \(6\) cannot exceed n \(5\)/)
    expect(() => adjustedWald(-1, 5)).toThrow(/adjustedWald: successes/)
    expect(() => adjustedWald(2.5, 5)).toThrow(/adjustedWald: successes/)
    expect(() => adjustedWald(2, 5.5)).toThrow(/adjustedWald: n/)
    expect(() => adjustedWald(2, 5, 1)).toThrow(/adjustedWald: confidence/)
    expect(() => adjustedWald(2, 5, 0)).toThrow(/adjustedWald: confidence/)
    expect(() => adjustedWald(2, 5, 95)).toThrow(/adjustedWald: confidence/)
  })
})

describe('meanInterval', () => {
  test('hand-computed example [1,2,3,4,5]', () => {
    const result = meanInterval([1, 2, 3, 4, 5])
    // s = √2.5 = 1.5811, s/√5 = 0.7071, t(0.975, 4) = 2.7764 → margin 1.9632
    expect(result.mean).toBe(3)
    expect(result.n).toBe(5)
    expect(result.low).toBeCloseTo(3 - 1.9632, 4)
    expect(result.high).toBeCloseTo(3 + 1.9632, 4)
  })

  test('no spread gives a zero-width interval; other confidence levels', () => {
    expect(meanInterval([70, 70, 70])).toEqual({ mean: 70, low: 70, high: 70, n: 3 })
    // 90%: t(0.95, 4) = 2.1318 → margin 1.5074
    expect(meanInterval([1, 2, 3, 4, 5], 0.9).high).toBeCloseTo(4.5074, 4)
  })

  test('n = 1 is unbounded rather than an error', () => {
    expect(meanInterval([72.5])).toEqual({ mean: 72.5, low: -Infinity, high: Infinity, n: 1 })
  })

  test('rejects empty, non-finite values and bad confidence', () => {
    expect(() => meanInterval([])).toThrow('meanInterval: no data')
    expect(() => meanInterval([1, Number.NaN])).toThrow(/meanInterval: value 2/)
    expect(() => meanInterval([1, Infinity])).toThrow(/meanInterval: value 2/)
    expect(() => meanInterval([1, 2], 1.2)).toThrow(/meanInterval: confidence/)
  })
})

describe('nps', () => {
  test('promoters minus detractors', () => {
    expect(nps([10, 9, 8, 7, 0])).toBe(20)
    expect(nps([10, 10])).toBe(100)
    expect(nps([6, 0])).toBe(-100)
    expect(nps([7, 8])).toBe(0)
  })

  test('rejects empty and out-of-range scores', () => {
    expect(() => nps([])).toThrow('nps: no data')
    expect(() => nps([11])).toThrow(/nps: value 1/)
    expect(() => nps([5, -1])).toThrow(/nps: value 2/)
    expect(() => nps([9.5])).toThrow(/nps/)
  })
})

describe('csat', () => {
  test('share of 4s and 5s', () => {
    expect(csat([5, 4, 3, 2, 1])).toBe(40)
    expect(csat([5, 5])).toBe(100)
    expect(csat([1, 2, 3])).toBe(0)
  })

  test('rejects empty and out-of-range faces', () => {
    expect(() => csat([])).toThrow('csat: no data')
    expect(() => csat([0])).toThrow(/csat: value 1/)
    expect(() => csat([6])).toThrow(/csat/)
  })
})

describe('umuxLite', () => {
  test('rescales to 0–100', () => {
    expect(umuxLite(7, 7)).toBe(100)
    expect(umuxLite(1, 1)).toBe(0)
    expect(umuxLite(4, 4)).toBe(50)
    expect(umuxLite(7, 1)).toBe(50)
  })

  test('rejects out-of-range items', () => {
    expect(() => umuxLite(0, 4)).toThrow(/umuxLite: item 1/)
    expect(() => umuxLite(4, 8)).toThrow(/umuxLite: item 2/)
    expect(() => umuxLite(4, 4.5)).toThrow(/umuxLite: item 2/)
  })
})

describe('compareCompletion', () => {
  test('worked example: 6/10 vs 9/10', () => {
    // Independently from the formula: P = 15/20, N = 20.
    const P = 0.75
    const expectedZ = (0.3 * Math.sqrt(19 / 20)) / Math.sqrt(P * (1 - P) * (1 / 10 + 1 / 10))
    expect(expectedZ).toBeCloseTo(1.50997, 5)
    const result = compareCompletion({ successes: 6, n: 10 }, { successes: 9, n: 10 })
    expect(result.difference).toBeCloseTo(0.3, 12)
    expect(result.z).toBeCloseTo(expectedZ, 10)
    expect(result.p).toBeCloseTo(2 * (1 - normalCdf(expectedZ)), 10)
    expect(result.p).toBeCloseTo(0.1311, 4)
    expect(result.p).toBeGreaterThan(0.1)
    expect(result.p).toBeLessThan(0.15)
  })

  test('direction: swapping groups flips the sign, not the p-value', () => {
    const ab = compareCompletion({ successes: 6, n: 10 }, { successes: 9, n: 10 })
    const ba = compareCompletion({ successes: 9, n: 10 }, { successes: 6, n: 10 })
    expect(ba.z).toBeCloseTo(-ab.z, 12)
    expect(ba.difference).toBeCloseTo(-ab.difference, 12)
    expect(ba.p).toBeCloseTo(ab.p, 12)
  })

  test('identical proportions give z = 0 and p = 1', () => {
    const result = compareCompletion({ successes: 4, n: 8 }, { successes: 5, n: 10 })
    expect(result.z).toBeCloseTo(0, 12)
    expect(result.p).toBeCloseTo(1, 12)
  })

  test('no variance (all succeed or all fail in both) gives z = 0, p = 1', () => {
    expect(compareCompletion({ successes: 5, n: 5 }, { successes: 8, n: 8 })).toEqual({ difference: 0, z: 0, p: 1 })
    expect(compareCompletion({ successes: 0, n: 5 }, { successes: 0, n: 8 })).toEqual({ difference: 0, z: 0, p: 1 })
  })

  test('a large difference is significant', () => {
    const result = compareCompletion({ successes: 2, n: 20 }, { successes: 18, n: 20 })
    expect(result.p).toBeLessThan(0.001)
  })

  test('rejects invalid counts', () => {
    expect(() => compareCompletion({ successes: 0, n: 0 }, { successes: 1, n: 2 })).toThrow('compareCompletion: no data (n = 0)')
    expect(() => compareCompletion({ successes: 3, n: 2 }, { successes: 1, n: 2 })).toThrow(/compareCompletion: successes/)
    expect(() => compareCompletion({ successes: 1, n: 2 }, { successes: -1, n: 2 })).toThrow(/compareCompletion: successes/)
  })
})

describe('summaryInterval, sdFromSums and compareMeans', () => {
  test('summaryInterval equals meanInterval for the same data', () => {
    const values = [1, 2, 3, 4, 5]
    const sum = values.reduce((a, b) => a + b, 0)
    const sumSq = values.reduce((a, b) => a + b * b, 0)
    const sd = sdFromSums(values.length, sum, sumSq)
    expect(sd).toBeCloseTo(1.5811, 4)
    const a = summaryInterval({ n: 5, mean: 3, sd })
    const b = meanInterval(values)
    expect(a.low).toBeCloseTo(b.low, 10)
    expect(a.high).toBeCloseTo(b.high, 10)
  })

  test('summaryInterval with one value is unbounded; bad input throws', () => {
    expect(summaryInterval({ n: 1, mean: 70, sd: 0 })).toMatchObject({ low: -Infinity, high: Infinity })
    expect(() => summaryInterval({ n: 0, mean: 1, sd: 1 })).toThrow(/summaryInterval/)
    expect(() => summaryInterval({ n: 3, mean: Number.NaN, sd: 1 })).toThrow(/summaryInterval/)
    expect(() => summaryInterval({ n: 3, mean: 1, sd: -1 })).toThrow(/summaryInterval/)
  })

  test("Welch's t-test against a worked example", () => {
    // a: mean 58, sd 10, n 10; b: mean 74, sd 12, n 20.
    const r = compareMeans({ n: 10, mean: 58, sd: 10 }, { n: 20, mean: 74, sd: 12 })
    const va = 100 / 10
    const vb = 144 / 20
    expect(r.difference).toBe(16)
    expect(r.t).toBeCloseTo(16 / Math.sqrt(va + vb), 10)
    expect(r.df).toBeCloseTo((va + vb) ** 2 / (va ** 2 / 9 + vb ** 2 / 19), 10)
    expect(r.p).toBeGreaterThan(0.0005)
    expect(r.p).toBeLessThan(0.002)
    const same = compareMeans({ n: 5, mean: 70, sd: 8 }, { n: 5, mean: 70, sd: 8 })
    expect(same.p).toBeCloseTo(1, 10)
    expect(compareMeans({ n: 3, mean: 5, sd: 0 }, { n: 3, mean: 5, sd: 0 }).p).toBe(1)
    expect(() => compareMeans({ n: 1, mean: 5, sd: 0 }, { n: 3, mean: 5, sd: 1 })).toThrow(/compareMeans/)
  })
})
