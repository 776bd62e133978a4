/**
 * Migrations per database type (generated SQL differs between SQLite and PostgreSQL).
 * After changing an entity, run `npm run migration:generate -- Name` once without and
 * once with DATABASE_URL, and add both classes here. A SQLite migration that recreates a
 * table must run with `PRAGMA foreign_keys = OFF` (runMigrations does that around each
 * migration's transaction; a revert needs `{ transaction: 'none' }`): dropping a table with
 * keys on deletes its rows first, and ON DELETE CASCADE their children (./foreign-keys.ts).
 */
import { AccessTokens1795449231060 } from './postgres/1795449231060-AccessTokens';
import { AcrossReports1795900110033 } from './postgres/1795900110033-AcrossReports';
import { ChecklistReuse1795900210000 } from './postgres/1795900210000-ChecklistReuse';
import { Initial1795448023786 } from './postgres/1795448023786-Initial';
import { TokenExpiry1795803774900 } from './postgres/1795803774900-TokenExpiry';
import { FlagText1795900000000 as PostgresFlagText } from './postgres/1795900000000-FlagText';
import { ClaimSearch1795900300000 as PostgresClaimSearch } from './postgres/1795900300000-ClaimSearch';
import { MatcherWeights1796000000000 as PostgresMatcherWeights } from './postgres/1796000000000-MatcherWeights';
import { ReportingLevelsOnly1796000000200 } from './postgres/1796000000200-ReportingLevelsOnly';
import { FlagsStoredOnce1796100000100 as PostgresFlagsStoredOnce } from './postgres/1796100000100-FlagsStoredOnce';
import { ForeignKeys1796200000000 as PostgresForeignKeys } from './postgres/1796200000000-ForeignKeys';
import { SharedCaches1796310000000 as PostgresSharedCaches } from './postgres/1796310000000-SharedCaches';
import { NarrowAssessments1796538792319 as PostgresNarrowAssessments } from './postgres/1796538792319-NarrowAssessments';
import { NoReportCopies1796600000000 as PostgresNoReportCopies } from './postgres/1796600000000-NoReportCopies';
import { ChangeNotices1796700000000 } from './postgres/1796700000000-ChangeNotices';
import { FlagListOrder1796810000000 as PostgresFlagListOrder } from './postgres/1796810000000-FlagListOrder';
import { MatcherWeightsReviewed1796910000000 as PostgresMatcherWeightsReviewed } from './postgres/1796910000000-MatcherWeightsReviewed';
import { FlagTotals1797010000000 as PostgresFlagTotals } from './postgres/1797010000000-FlagTotals';
import { Lz4Compression1797020000000 } from './postgres/1797020000000-Lz4Compression';
import { EvidenceVersion1797040000000 as PostgresEvidenceVersion } from './postgres/1797040000000-EvidenceVersion';
import { AccessTokens1795449230664 } from './sqlite/1795449230664-AccessTokens';
import { AcrossReports1795900100000 } from './sqlite/1795900100000-AcrossReports';
import { ChecklistReuse1795900200000 } from './sqlite/1795900200000-ChecklistReuse';
import { ClaimBandWithoutRowid1796000000200 } from './sqlite/1796000000200-ClaimBandWithoutRowid';
import { Initial1795448023432 } from './sqlite/1795448023432-Initial';
import { TokenExpiry1795803774338 } from './sqlite/1795803774338-TokenExpiry';
import { FlagText1795900000000 as SqliteFlagText } from './sqlite/1795900000000-FlagText';
import { ClaimSearch1795900300000 as SqliteClaimSearch } from './sqlite/1795900300000-ClaimSearch';
import { MatcherWeights1796000000000 as SqliteMatcherWeights } from './sqlite/1796000000000-MatcherWeights';
import { ReportingLevelsOnly1796000000100 } from './sqlite/1796000000100-ReportingLevelsOnly';
import { FlagsStoredOnce1796100000100 as SqliteFlagsStoredOnce } from './sqlite/1796100000100-FlagsStoredOnce';
import { ForeignKeys1796200000000 as SqliteForeignKeys } from './sqlite/1796200000000-ForeignKeys';
import { SharedCaches1796310000000 as SqliteSharedCaches } from './sqlite/1796310000000-SharedCaches';
import { NarrowAssessments1796538787956 as SqliteNarrowAssessments } from './sqlite/1796538787956-NarrowAssessments';
import { NoReportCopies1796600000000 as SqliteNoReportCopies } from './sqlite/1796600000000-NoReportCopies';
import { FlagListOrder1796810000000 as SqliteFlagListOrder } from './sqlite/1796810000000-FlagListOrder';
import { MatcherWeightsReviewed1796910000000 as SqliteMatcherWeightsReviewed } from './sqlite/1796910000000-MatcherWeightsReviewed';
import { FlagTotals1797010000000 as SqliteFlagTotals } from './sqlite/1797010000000-FlagTotals';
import { EvidenceVersion1797040000000 as SqliteEvidenceVersion } from './sqlite/1797040000000-EvidenceVersion';

export const SQLITE_MIGRATIONS: Function[] = [
  Initial1795448023432,
  AccessTokens1795449230664,
  TokenExpiry1795803774338,
  SqliteFlagText,
  AcrossReports1795900100000,
  ChecklistReuse1795900200000,
  SqliteClaimSearch,
  SqliteMatcherWeights,
  ReportingLevelsOnly1796000000100,
  ClaimBandWithoutRowid1796000000200,
  SqliteFlagsStoredOnce,
  SqliteForeignKeys,
  SqliteSharedCaches,
  SqliteNarrowAssessments,
  SqliteNoReportCopies,
  SqliteFlagListOrder,
  SqliteMatcherWeightsReviewed,
  SqliteFlagTotals,
  SqliteEvidenceVersion,
];
export const POSTGRES_MIGRATIONS: Function[] = [
  Initial1795448023786,
  AccessTokens1795449231060,
  TokenExpiry1795803774900,
  PostgresFlagText,
  AcrossReports1795900110033,
  ChecklistReuse1795900210000,
  PostgresClaimSearch,
  PostgresMatcherWeights,
  ReportingLevelsOnly1796000000200,
  PostgresFlagsStoredOnce,
  PostgresForeignKeys,
  PostgresSharedCaches,
  PostgresNarrowAssessments,
  PostgresNoReportCopies,
  ChangeNotices1796700000000,
  PostgresFlagListOrder,
  PostgresMatcherWeightsReviewed,
  PostgresFlagTotals,
  Lz4Compression1797020000000,
  PostgresEvidenceVersion,
];
