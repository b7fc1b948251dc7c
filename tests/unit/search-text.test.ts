import { describe, expect, test } from 'vitest'
import { escapeLike, foldSearchText } from '#app/lib/search-text.ts'

describe('foldSearchText', () => {
  test('drops accents and case, the way people type Spanish', () => {
    expect(foldSearchText('Pensión')).toBe('pension')
    expect(foldSearchText('PENSIÓN')).toBe('pension')
    expect(foldSearchText('crédito')).toBe('credito')
    expect(foldSearchText('NÚÑEZ')).toBe('nunez')
    expect(foldSearchText('Núñez')).toBe(foldSearchText('NUNEZ'))
    expect(foldSearchText('pingüino')).toBe('pinguino')
    expect(foldSearchText('ÁÉÍÓÚÜÑ áéíóúüñ')).toBe('aeiouun aeiouun')
  })

  test('folds decomposed input the same as precomposed', () => {
    // "ó" typed as "o" + combining acute accent (some keyboards and pasted text).
    expect(foldSearchText('Pensio\u0301n')).toBe('pension')
  })

  test('leaves everything else as it is', () => {
    expect(foldSearchText('INT-001: 60 % → 90 %')).toBe('int-001: 60 % → 90 %')
    expect(foldSearchText('100%_real\\')).toBe('100%_real\\')
    expect(foldSearchText('')).toBe('')
  })
})

describe('escapeLike', () => {
  test("makes LIKE's wildcards and its escape character literal", () => {
    expect(escapeLike('100%')).toBe('100\\%')
    expect(escapeLike('consent_text')).toBe('consent\\_text')
    expect(escapeLike('a\\b')).toBe('a\\\\b')
    expect(escapeLike('pensión')).toBe('pensión')
  })
})
