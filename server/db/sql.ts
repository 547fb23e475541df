// Small SQL helpers shared by repositories and the policy.

/** A PostgreSQL array literal passed as ONE bind parameter, whatever the number of values. */
export function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}
