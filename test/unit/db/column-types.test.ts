import { DataSource } from 'typeorm';
import { createDataSource } from '../../../src/app/data-source';
import { timestampType } from '../../../src/db/column-types';

/** The database type of each timestamp column, as the data source's driver sees it (no connection is opened). */
async function timestampColumns(dataSource: DataSource): Promise<string[]> {
  // builds and validates the entity metadata exactly as initialize() does, without connecting
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return dataSource.entityMetadatas.flatMap((entity) =>
    entity.columns
      .filter((column) => column.type === timestampType)
      .map((column) => `${entity.tableName}.${column.databaseName}: ${dataSource.driver.normalizeType(column)}`),
  );
}

describe('entities are declared once for both databases', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('timestamps are timestamptz on PostgreSQL and datetime on SQLite, whatever the environment says', async () => {
    for (const env of [undefined, 'postgres://nobody@127.0.0.1:1/none']) {
      if (env === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = env;
      const postgres = await timestampColumns(createDataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }));
      const sqlite = await timestampColumns(createDataSource({ type: 'sqlite', path: ':memory:' }));
      expect(postgres.length).toBeGreaterThanOrEqual(10);
      expect(postgres.filter((c) => !c.endsWith(': timestamp with time zone'))).toEqual([]);
      expect(sqlite.map((c) => c.replace(/: .*$/u, ''))).toEqual(postgres.map((c) => c.replace(/: .*$/u, '')));
      expect(sqlite.filter((c) => !c.endsWith(': datetime'))).toEqual([]);
    }
  });

  it('another data source keeps its own driver: a PostgreSQL one does not change how SQLite reads the entities', async () => {
    createDataSource({ type: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' });
    const sqlite = createDataSource({ type: 'sqlite', path: ':memory:' });
    expect(sqlite.driver.normalizeType({ type: timestampType })).toBe('datetime');
  });
});
