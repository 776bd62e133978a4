/** A GraphQL enum object (`{ A: 'A', … }`) built from a domain list, so the two never drift apart. */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}
