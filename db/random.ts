// A small seeded random generator (mulberry32), so the demo data and the benchmark databases are
// the same on every run and every machine.
function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = a
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return (x ^ (x >>> 14)) >>> 0
  }
}

export class Random {
  readonly u32: () => number
  constructor(seed: number) {
    this.u32 = mulberry32(seed)
  }
  float() {
    return this.u32() / 4294967296
  }
  int(min: number, max: number) {
    return min + Math.floor(this.float() * (max - min + 1))
  }
  chance(p: number) {
    return this.float() < p
  }
  normal(mean: number, sd: number) {
    const u = 1 - this.float()
    const v = this.float()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]!
  }
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0)
    let r = this.float() * total
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!
      if (r < 0) return items[i]!
    }
    return items[items.length - 1]!
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1))
      ;[items[i], items[j]] = [items[j]!, items[i]!]
    }
    return items
  }
  hex8() {
    return this.u32().toString(16).padStart(8, '0')
  }
  /** A version-4 UUID shape (36 characters), like the tablet's crypto.randomUUID(). */
  uuid() {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.float() * 16).toString(16)).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
}
