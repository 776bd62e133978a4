// Types for the web app's GraphQL operations, from the committed schema (run from the repository root).
// `npm run web:codegen` writes web/src/gql/ (not committed; npm ci runs it); it fails, and so does
// `npm run check`, when an operation no longer matches schema/schema.graphql.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.ts', 'web/src/**/*.tsx', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};

export default config;
