// Scoring and small-sample statistics for usability studies (SUS, completion rates, NPS, CSAT,
// UMUX-Lite). Pure functions with no imports, so they run the same on the server, in the browser
// and in tests. Bad input throws an Error naming the function: a silently wrong score on a
// dashboard is worse than a loud failure.

// ---------------------------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------------------------

function checkIntegerIn(fn: string, what: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${fn}: ${what} must be an integer from ${min} to ${max}, got ${String(value)}`)
  }
}

function checkIntegerList(fn: string, values: number[], min: number, max: number): void {
  if (!Array.isArray(values)) throw new Error(`${fn}: expected an array of numbers`)
  if (values.length === 0) throw new Error(`${fn}: no data (empty array)`)
  values.forEach((v, i) => checkIntegerIn(fn, `value ${i + 1}`, v, min, max))
}

function checkConfidence(fn: string, confidence: number): void {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new Error(`${fn}: confidence must be strictly between 0 and 1, got ${String(confidence)}`)
  }
}

function checkCounts(fn: string, successes: number, n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new Error(`${fn}: n must be a non-negative integer, got ${String(n)}`)
  }
  if (n === 0) throw new Error(`${fn}: no data (n = 0)`)
  if (typeof successes !== 'number' || !Number.isInteger(successes) || successes < 0) {
    throw new Error(`${fn}: successes must be a non-negative integer, got ${String(successes)}`)
  }
  if (successes > n) throw new Error(`${fn}: successes (${successes}) cannot exceed n (${n})`)
}

// Horner evaluation, coefficients in ascending powers.
function poly(coefficients: readonly number[], x: number): number {
  let result = 0
  for (let i = coefficients.length - 1; i >= 0; i--) result = result * x + (coefficients[i] ?? 0)
  return result
}

// ---------------------------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------------------------

/**
 * Standard normal CDF Φ(x). Hart's double-precision rational approximation as given by West (2005):
 * about 1e-14 absolute error, and the tail is computed directly (no 1 − Φ cancellation), so even
 * tiny p-values keep ~1e-8 relative accuracy.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new Error('normalCdf: x must be a number, got NaN')
  const ax = Math.abs(x)
  let tail: number
  if (ax > 37) {
    tail = 0
  } else {
    const e = Math.exp((-ax * ax) / 2)
    if (ax < 7.07106781186547) {
      const num = poly(
        [220.206867912376, 221.213596169931, 112.079291497871, 33.912866078383, 6.37396220353165, 0.700383064443688, 3.52624965998911e-2],
        ax,
      )
      const den = poly(
        [440.413735824752, 793.826512519948, 637.333633378831, 296.564248779674, 86.7807322029461, 16.064177579207, 1.75566716318264, 8.83883476483184e-2],
        ax,
      )
      tail = (e * num) / den
    } else {
      // Continued fraction for the far tail.
      let b = ax + 0.65
      b = ax + 4 / b
      b = ax + 3 / b
      b = ax + 2 / b
      b = ax + 1 / b
      tail = e / b / 2.506628274631
    }
  }
  return x > 0 ? 1 - tail : tail
}

// Wichura (1988), algorithm AS 241 (PPND16): about 1e-16 relative accuracy.
const AS241_A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727]
const AS241_B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561]
const AS241_C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4]
const AS241_D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9]
const AS241_E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7]
const AS241_F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15]

/** Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Wichura's AS 241). */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new Error(`normalQuantile: p must be strictly between 0 and 1, got ${String(p)}`)
  }
  const q = p - 0.5
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q
    return (q * poly(AS241_A, r)) / poly(AS241_B, r)
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p))
  let value: number
  if (r <= 5) {
    r -= 1.6
    value = poly(AS241_C, r) / poly(AS241_D, r)
  } else {
    r -= 5
    value = poly(AS241_E, r) / poly(AS241_F, r)
  }
  return q < 0 ? -value : value
}

// ---------------------------------------------------------------------------------------------
// Student t distribution (via the regularized incomplete beta function)
// ---------------------------------------------------------------------------------------------

const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]

// ln Γ(x) for x > 0, Lanczos approximation (g = 7), ~1e-15 relative.
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS[0] ?? 0
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i)
  const t = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
}

// Continued fraction for the incomplete beta (modified Lentz), as in Numerical Recipes' betacf.
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  // Needs O(√max(a, b)) terms; the generous cap only matters for df in the millions.
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return h
}

// Regularized incomplete beta I_x(a, b); y = 1 − x is passed separately to avoid cancellation.
function regularizedBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0
  if (y <= 0) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y))
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a
  return 1 - (front * betaContinuedFraction(b, a, y)) / b
}

// Upper tail P(T > t) for t ≥ 0.
function tUpperTail(t: number, df: number): number {
  const t2 = t * t
  return 0.5 * regularizedBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2))
}

/**
 * Student t quantile: the t with P(T ≤ t) = p for df degrees of freedom (df > 0, not necessarily
 * an integer). Closed forms for df = 1 and 2; otherwise bisection on an accurate t CDF, so the
 * result is good to ~1e-10 rather than the ~1e-6 of series approximations.
 */
export function tQuantile(p: number, df: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new Error(`tQuantile: p must be strictly between 0 and 1, got ${String(p)}`)
  }
  if (typeof df !== 'number' || Number.isNaN(df) || df <= 0) {
    throw new Error(`tQuantile: df must be a positive number, got ${String(df)}`)
  }
  if (df === Infinity) return normalQuantile(p)
  if (p === 0.5) return 0
  if (df === 1) return Math.tan(Math.PI * (p - 0.5))
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p))
  if (df > 1e5) {
    // Huge df: the incomplete beta loses digits to cancellation, while the Cornish–Fisher
    // expansion (Abramowitz & Stegun 26.7.5) is exact to double precision here.
    const z = normalQuantile(p)
    const z2 = z * z
    const g1 = (z * (z2 + 1)) / 4
    const g2 = (z * (3 + z2 * (16 + 5 * z2))) / 96
    const g3 = (z * (-15 + z2 * (17 + z2 * (19 + 3 * z2)))) / 384
    const g4 = (z * (-945 + z2 * (-1920 + z2 * (1482 + z2 * (776 + 79 * z2))))) / 92160
    return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
  }
  // Solve for the upper-tail area, then restore the sign (the t distribution is symmetric).
  const tail = p < 0.5 ? p : 1 - p
  let low = 0
  let high = 2
  while (tUpperTail(high, df) > tail) {
    low = high
    high *= 2
  }
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const mid = (low + high) / 2
    if (tUpperTail(mid, df) > tail) low = mid
    else high = mid
  }
  const t = (low + high) / 2
  return p < 0.5 ? -t : t
}

// ---------------------------------------------------------------------------------------------
// SUS
// ---------------------------------------------------------------------------------------------

/**
 * System Usability Scale score, 0–100, from 10 answers on a 1–5 scale.
 * 'standard': Brooke's alternating wording (odd items positive, even items negative).
 * 'positive': the all-positive Spanish version (Hedlefs & Garza 2016), where every item scores
 * like an odd item.
 */
export function scoreSus(answers: number[], wording: 'standard' | 'positive'): number {
  if (wording !== 'standard' && wording !== 'positive') {
    throw new Error(`scoreSus: wording must be 'standard' or 'positive', got ${String(wording)}`)
  }
  if (!Array.isArray(answers)) throw new Error('scoreSus: expected an array of 10 answers')
  if (answers.length !== 10) throw new Error(`scoreSus: expected 10 answers, got ${answers.length}`)
  let sum = 0
  answers.forEach((answer, i) => {
    checkIntegerIn('scoreSus', `answer ${i + 1}`, answer, 1, 5)
    // Index 0 is item 1 (odd). Even items are negatively worded only in the standard version.
    const positiveItem = wording === 'positive' || i % 2 === 0
    sum += positiveItem ? answer - 1 : 5 - answer
  })
  return sum * 2.5
}

/** Sauro–Lewis curved grading scale for SUS, highest band first: a grade applies from `min` up. */
export const SUS_GRADES: readonly { readonly grade: string; readonly min: number }[] = [
  { grade: 'A+', min: 84.1 },
  { grade: 'A', min: 80.8 },
  { grade: 'A-', min: 78.9 },
  { grade: 'B+', min: 77.2 },
  { grade: 'B', min: 74.1 },
  { grade: 'B-', min: 72.6 },
  { grade: 'C+', min: 71.1 },
  { grade: 'C', min: 65.0 },
  { grade: 'C-', min: 62.7 },
  { grade: 'D', min: 51.7 },
  { grade: 'F', min: 0 },
]

function gradeOf(score: number): string {
  return SUS_GRADES.find((band) => score >= band.min)?.grade ?? 'F'
}

/** Letter grade (Sauro–Lewis curved scale) for a SUS score from 0 to 100. */
export function susGrade(score: number): string {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) {
    throw new Error(`susGrade: score must be a number from 0 to 100, got ${String(score)}`)
  }
  return gradeOf(score)
}

/**
 * The grade of a confidence interval, or null when its ends fall in different bands: a dashboard
 * should not show one letter for an interval that spans several. The ends are clamped to the SUS
 * range 0–100 first, because a t-interval near the ceiling can overshoot 100 (or be infinite
 * for n = 1, which then correctly yields null).
 */
export function susGradeForInterval(low: number, high: number): string | null {
  if (typeof low !== 'number' || typeof high !== 'number' || Number.isNaN(low) || Number.isNaN(high)) {
    throw new Error(`susGradeForInterval: low and high must be numbers, got ${String(low)} and ${String(high)}`)
  }
  if (low > high) throw new Error(`susGradeForInterval: low (${low}) is greater than high (${high})`)
  const lowGrade = gradeOf(Math.min(100, Math.max(0, low)))
  const highGrade = gradeOf(Math.min(100, Math.max(0, high)))
  return lowGrade === highGrade ? lowGrade : null
}

// ---------------------------------------------------------------------------------------------
// Completion rates
// ---------------------------------------------------------------------------------------------

/**
 * Observed completion rate with an adjusted-Wald (Agresti–Coull) interval, the method Sauro &
 * Lewis recommend for the small samples of usability tests. All values are fractions 0–1; `rate`
 * is the observed x/n, not the adjusted centre. Example: 4 of 5 → 0.36–0.98.
 */
export function adjustedWald(successes: number, n: number, confidence = 0.95): { rate: number; low: number; high: number } {
  checkCounts('adjustedWald', successes, n)
  checkConfidence('adjustedWald', confidence)
  const z = normalQuantile((1 + confidence) / 2)
  const z2 = z * z
  const adjustedN = n + z2
  const adjustedP = (successes + z2 / 2) / adjustedN
  const margin = z * Math.sqrt((adjustedP * (1 - adjustedP)) / adjustedN)
  return {
    rate: successes / n,
    // The raw interval can cross 0 or 1 at the extremes; a rate cannot.
    low: Math.max(0, adjustedP - margin),
    high: Math.min(1, adjustedP + margin),
  }
}

/**
 * N−1 two-proportion test (Campbell 2007; recommended by Sauro & Lewis for small samples):
 * is B's completion rate different from A's? `difference` is pB − pA, `p` is two-sided.
 * If everyone (or no one) succeeded in both groups there is no variance to test: z = 0, p = 1.
 */
export function compareCompletion(
  a: { successes: number; n: number },
  b: { successes: number; n: number },
): { difference: number; z: number; p: number } {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') {
    throw new Error('compareCompletion: expected two { successes, n } objects')
  }
  checkCounts('compareCompletion', a.successes, a.n)
  checkCounts('compareCompletion', b.successes, b.n)
  const pA = a.successes / a.n
  const pB = b.successes / b.n
  const difference = pB - pA
  const N = a.n + b.n
  const P = (a.successes + b.successes) / N
  const Q = 1 - P
  if (P === 0 || P === 1) return { difference, z: 0, p: 1 }
  const z = (difference * Math.sqrt((N - 1) / N)) / Math.sqrt(P * Q * (1 / a.n + 1 / b.n))
  // 2·Φ(−|z|) equals 2·(1 − Φ(|z|)) but keeps precision for large |z|.
  return { difference, z, p: Math.min(1, 2 * normalCdf(-Math.abs(z))) }
}

// ---------------------------------------------------------------------------------------------
// Continuous measures
// ---------------------------------------------------------------------------------------------

/**
 * Mean with a t confidence interval x̄ ± t(n−1)·s/√n, s being the sample standard deviation.
 * With n = 1 there is no spread to estimate, so the interval is unbounded: low = −Infinity,
 * high = Infinity (rather than throwing, so a dashboard with one response still renders).
 */
export function meanInterval(values: number[], confidence = 0.95): { mean: number; low: number; high: number; n: number } {
  if (!Array.isArray(values)) throw new Error('meanInterval: expected an array of numbers')
  const n = values.length
  if (n === 0) throw new Error('meanInterval: no data (empty array)')
  checkConfidence('meanInterval', confidence)
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`meanInterval: value ${i + 1} must be a finite number, got ${String(v)}`)
    }
  })
  const mean = values.reduce((sum, v) => sum + v, 0) / n
  const sd = n === 1 ? 0 : Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1))
  return summaryInterval({ n, mean, sd }, confidence)
}

export type MeanSummary = { n: number; mean: number; sd: number }

/**
 * The same t-interval from n, mean and sample standard deviation, so a database can sum in SQL
 * (count, sum, sum of squares) and only the interval is computed here. n = 1 → (−∞, ∞).
 */
export function summaryInterval(summary: MeanSummary, confidence = 0.95): { mean: number; low: number; high: number; n: number } {
  const { n, mean, sd } = summary
  if (!Number.isInteger(n) || n < 1) throw new Error(`summaryInterval: n must be a positive integer, got ${String(n)}`)
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || sd < 0) throw new Error('summaryInterval: mean and sd must be finite, sd ≥ 0')
  checkConfidence('summaryInterval', confidence)
  if (n === 1) return { mean, low: -Infinity, high: Infinity, n }
  const margin = (tQuantile((1 + confidence) / 2, n - 1) * sd) / Math.sqrt(n)
  return { mean, low: mean - margin, high: mean + margin, n }
}

/** Sample standard deviation from n, Σx and Σx² (clamped at 0 against rounding). */
export function sdFromSums(n: number, sum: number, sumOfSquares: number): number {
  if (n < 2) return 0
  return Math.sqrt(Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1)))
}

/**
 * Welch's t-test for two means (e.g. SUS of two versions): difference b − a, t, Welch–Satterthwaite
 * df and the two-sided p. Needs n ≥ 2 in each group; with no variance at all, p is 1 for equal means.
 */
export function compareMeans(a: MeanSummary, b: MeanSummary): { difference: number; t: number; df: number; p: number } {
  for (const [name, g] of [['a', a], ['b', b]] as const) {
    if (!Number.isInteger(g.n) || g.n < 2) throw new Error(`compareMeans: ${name}.n must be an integer ≥ 2, got ${String(g.n)}`)
    if (!Number.isFinite(g.mean) || !Number.isFinite(g.sd) || g.sd < 0) throw new Error(`compareMeans: ${name} needs a finite mean and sd ≥ 0`)
  }
  const difference = b.mean - a.mean
  const va = (a.sd * a.sd) / a.n
  const vb = (b.sd * b.sd) / b.n
  const se = Math.sqrt(va + vb)
  if (se === 0) return { difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: a.n + b.n - 2, p: difference === 0 ? 1 : 0 }
  const t = difference / se
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1))
  return { difference, t, df, p: Math.min(1, 2 * tUpperTail(Math.abs(t), df)) }
}

// ---------------------------------------------------------------------------------------------
// Single-number scores
// ---------------------------------------------------------------------------------------------

/** Net Promoter Score from 0–10 ratings: % promoters (9–10) − % detractors (0–6), −100 to 100. */
export function nps(scores: number[]): number {
  checkIntegerList('nps', scores, 0, 10)
  const promoters = scores.filter((s) => s >= 9).length
  const detractors = scores.filter((s) => s <= 6).length
  return ((promoters - detractors) / scores.length) * 100
}

/** Customer satisfaction from 1–5 faces: % of 4s and 5s, 0–100. */
export function csat(faces: number[]): number {
  checkIntegerList('csat', faces, 1, 5)
  return (faces.filter((f) => f >= 4).length / faces.length) * 100
}

/** UMUX-Lite from its two 7-point items, rescaled to 0–100 (Lewis, Utesch & Maher 2013). */
export function umuxLite(item1: number, item2: number): number {
  checkIntegerIn('umuxLite', 'item 1', item1, 1, 7)
  checkIntegerIn('umuxLite', 'item 2', item2, 1, 7)
  return ((item1 + item2 - 2) * 100) / 12
}
