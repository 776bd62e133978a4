import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from the columns a query builder selected under `alias` (`alias_column`, as
 * `getRawMany` names them), converted as TypeORM converts them when it loads an entity
 * (dates, simple-json, numbers). Columns not selected stay undefined. For a list that reads
 * a joined relation in the same statement, where TypeORM would make two (it pages a query
 * with joins through a second one).
 */
export function entityFromRaw<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
  raw: Record<string, unknown>,
  alias: string,
): E {
  const metadata = ds.getMetadata(entity);
  const row = metadata.create() as E;
  for (const column of metadata.columns) {
    const key = `${alias}_${column.databaseName}`;
    if (key in raw) column.setEntityValue(row, ds.driver.prepareHydratedValue(raw[key], column));
  }
  return row;
}
