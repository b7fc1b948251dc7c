// Free-text search that ignores accents and case: people often type "pension" for "Pensión" or
// "NUNEZ" for "Núñez". The same folding runs on the typed query (here) and on the stored column
// (the search_fold SQL function db/connection.ts registers), so both sides compare alike; what is
// stored and shown never changes.

/** Lower case without diacritics: "Pensión" → "pension", "NÚÑEZ" → "nunez", "pingüino" → "pinguino". */
export function foldSearchText(text: string): string {
  // toLowerCase (not toLocaleLowerCase) so the result never depends on the server's locale: the SQL
  // function is registered as deterministic. NFD splits "ó" into "o" + a combining accent; only
  // combining marks (\p{M}) are dropped, so a typed "^" or "´" still matches only itself.
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')
}

/** Escapes LIKE's wildcards so that a typed % or _ matches itself (with `escape '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
