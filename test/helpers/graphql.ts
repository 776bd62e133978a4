import type { ApolloServer } from '@apollo/server';
import type { Caller, Context } from '../../src/graphql/context';
import { createContext } from '../../src/graphql/context';
import { createApollo } from '../../src/server';
import type { TestDatabase } from './test-db';

export const ADMIN: Caller = { name: 'test-admin', role: 'ADMIN', scope: null };
export const READER: Caller = { name: 'anonymous', role: 'ANONYMOUS', scope: null };

export interface GraphQLResult<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

/** Runs operations through the real schema (with limits and error formatting) on a test database. */
export class TestClient {
  private readonly apollo: ApolloServer<Context>;

  constructor(private readonly db: TestDatabase) {
    this.apollo = createApollo({ dataSource: db.dataSource, lock: db.lock, config: db.config });
  }

  async run<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = ADMIN,
  ): Promise<GraphQLResult<T>> {
    const response = await this.apollo.executeOperation(
      { query, variables },
      { contextValue: createContext({ dataSource: this.db.dataSource, lock: this.db.lock, config: this.db.config }, caller) },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as GraphQLResult<T>;
  }

  /** Runs and fails the test on any GraphQL error. */
  async data<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, caller: Caller = ADMIN): Promise<T> {
    const result = await this.run<T>(query, variables, caller);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }
}
