// The name search shared by "my people" and a territory's search: on a normalised key ("last birth
// firsts", common/domain/text.ts normalizeName), each word of the query must be found, in any order
// — "fatou exemple" and "exemple fatou" find the same file. Words of 3 letters or more match
// anywhere (LIKE '%…%', served by the trigram GIN index on the key); shorter ones the start of a word
// (LIKE 'ab%' on the key's start, served by the text_pattern_ops index, or after a space).
import { sql, type SQL } from "drizzle-orm";

function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, "\\$&");
}

/** `column`: the normalised search key; `searchKey`: normalizeName() of the query (not empty). */
export function nameSearch(column: SQL, searchKey: string): SQL {
  const words = [...new Set(searchKey.split(" ").filter(Boolean))];
  if (words.length === 0) return sql`true`;
  if (words.length === 1 && words[0]!.length < 3) return sql`${column} like ${`${escapeLike(words[0]!)}%`}`;
  return sql.join(
    words.map((w) =>
      w.length >= 3 ? sql`${column} like ${`%${escapeLike(w)}%`}` : sql`(${column} like ${`${escapeLike(w)}%`} or ${column} like ${`% ${escapeLike(w)}%`})`,
    ),
    sql` and `,
  );
}
