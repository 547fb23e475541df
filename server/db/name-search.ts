// The name search shared by "my people" and a territory's search, on a normalised key ("last birth
// firsts", common/domain/text.ts normalizeName). One word: found anywhere in the key from 3 letters
// (LIKE '%…%', served by the trigram GIN index on the key), the start of the key below (LIKE 'ab%',
// the text_pattern_ops index). Several words: each must start a word of the key, in any order —
// "fatou exemple", "exemple fatou" and "fat exem" find the same file, "echelle 6999" not
// "Echelle-16999" (the words of 3 letters or more are served by the trigram index).
import { sql, type SQL } from "drizzle-orm";

function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, "\\$&");
}

/** `column`: the normalised search key; `searchKey`: normalizeName() of the query (not empty). */
export function nameSearch(column: SQL, searchKey: string): SQL {
  const words = [...new Set(searchKey.split(" ").filter(Boolean))];
  if (words.length === 0) return sql`true`;
  if (words.length === 1 && words[0]!.length < 3) return sql`${column} like ${`${escapeLike(words[0]!)}%`}`;
  if (words.length === 1) return sql`${column} like ${`%${escapeLike(words[0]!)}%`}`;
  return sql.join(
    words.map((w) => sql`(${column} like ${`${escapeLike(w)}%`} or ${column} like ${`% ${escapeLike(w)}%`})`),
    sql` and `,
  );
}
