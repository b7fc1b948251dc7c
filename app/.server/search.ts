// Conditions for free-text search, accent- and case-insensitive on both sides (app/lib/search-text.ts).
// search_fold is registered on every connection by openDatabase (db/connection.ts). What the user
// typed is always a bound parameter, and LIKE's wildcards in it match literally.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { escapeLike, foldSearchText } from '#app/lib/search-text.ts'

/** `column` contains `query`: "pension" finds "Solicitud de pensión virtual". */
export function textContains(column: SQLWrapper, query: string): SQL {
  return sql`search_fold(${column}) like ${`%${escapeLike(foldSearchText(query))}%`} escape '\\'`
}

/** `column` starts with `query`. */
export function textStartsWith(column: SQLWrapper, query: string): SQL {
  return sql`search_fold(${column}) like ${`${escapeLike(foldSearchText(query))}%`} escape '\\'`
}

/** `column` is `query`, apart from accents and case: "junin" is "Junín". */
export function textEquals(column: SQLWrapper, query: string): SQL {
  return sql`search_fold(${column}) = ${foldSearchText(query)}`
}
