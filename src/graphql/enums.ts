import { registerEnumType } from 'type-graphql';
import { FLAG_CODES, ITEM_STATUSES, type FlagCode, type ItemStatus, type Severity } from '../checklist/types';
import { LINK_STATES, type LinkMethod, type LinkState } from '../evidence/types';
import type { ReportState } from '../reports/report.entity';
import {
  POLARITIES,
  QUALIFIERS,
  SECTION_KINDS,
  UNIT_LEVELS,
  type Polarity,
  type Qualifier,
  type SectionKind,
  type UnitLevel,
} from '../reading/types';

/** A GraphQL enum object (`{ A: 'A', … }`) built from a domain list, so the two never drift apart. */
function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

/** GraphQL enums: the domain's string unions, under the same names and values. */
export const UnitLevelEnum = enumOf(UNIT_LEVELS);
export type UnitLevelEnum = UnitLevel;
export const SectionKindEnum = enumOf(SECTION_KINDS);
export type SectionKindEnum = SectionKind;
export const PolarityEnum = enumOf(POLARITIES);
export type PolarityEnum = Polarity;
export const QualifierEnum = enumOf(QUALIFIERS);
export type QualifierEnum = Qualifier;
export const ReportStateEnum = enumOf<ReportState>(['CURRENT', 'REPLACED']);
export type ReportStateEnum = ReportState;
export const LinkMethodEnum = enumOf<LinkMethod>(['RULE', 'SIMILARITY', 'MANUAL']);
export type LinkMethodEnum = LinkMethod;
export const LinkStateEnum = enumOf(LINK_STATES);
export type LinkStateEnum = LinkState;
export const ItemStatusEnum = enumOf(ITEM_STATUSES);
export type ItemStatusEnum = ItemStatus;
export const FlagCodeEnum = enumOf(FLAG_CODES);
export type FlagCodeEnum = FlagCode;
export const SeverityEnum = enumOf<Severity>(['ERROR', 'WARNING', 'INFO']);
export type SeverityEnum = Severity;

registerEnumType(UnitLevelEnum, { name: 'UnitLevel', description: '省/市/区/街道/乡镇' });
registerEnumType(SectionKindEnum, { name: 'SectionKind', description: 'Kind of a top-level report section, from its heading.' });
registerEnumType(PolarityEnum, { name: 'Polarity', description: 'POSITIVE past work, NEGATIVE shortcoming, PLAN next year.' });
registerEnumType(QualifierEnum, { name: 'Qualifier', description: 'APPROX for 余/多, AT_LEAST for 以上, EXACT otherwise.' });
registerEnumType(ReportStateEnum, { name: 'ReportState' });
registerEnumType(LinkMethodEnum, { name: 'LinkMethod' });
registerEnumType(LinkStateEnum, { name: 'LinkState' });
registerEnumType(ItemStatusEnum, { name: 'ItemStatus' });
registerEnumType(FlagCodeEnum, { name: 'FlagCode', description: 'Stable flag codes (documented in README).' });
registerEnumType(SeverityEnum, { name: 'Severity' });
