import { registerEnumType } from 'type-graphql';

/** GraphQL enums mirror the domain's string unions (same names, same values). */
export enum UnitLevelEnum {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  TOWN = 'TOWN',
}
export enum SectionKindEnum {
  PREAMBLE = 'PREAMBLE',
  ACHIEVEMENT = 'ACHIEVEMENT',
  RESPONSIBILITY = 'RESPONSIBILITY',
  SHORTCOMING = 'SHORTCOMING',
  PLAN = 'PLAN',
  CHROME = 'CHROME',
  SIGNATURE = 'SIGNATURE',
}
export enum PolarityEnum {
  POSITIVE = 'POSITIVE',
  NEGATIVE = 'NEGATIVE',
  PLAN = 'PLAN',
}
export enum QualifierEnum {
  EXACT = 'EXACT',
  APPROX = 'APPROX',
  AT_LEAST = 'AT_LEAST',
}
export enum ReportStateEnum {
  CURRENT = 'CURRENT',
  REPLACED = 'REPLACED',
}
export enum LinkMethodEnum {
  RULE = 'RULE',
  MANUAL = 'MANUAL',
}
export enum LinkStateEnum {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
export enum ItemStatusEnum {
  COVERED = 'COVERED',
  PARTIAL = 'PARTIAL',
  PLANNED_ONLY = 'PLANNED_ONLY',
  NEGATIVE_ONLY = 'NEGATIVE_ONLY',
  MISSING = 'MISSING',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
export enum FlagCodeEnum {
  NO_EVIDENCE = 'NO_EVIDENCE',
  ONLY_PLANNED = 'ONLY_PLANNED',
  SHORTCOMING_REPORTED = 'SHORTCOMING_REPORTED',
  TARGET_NOT_MET = 'TARGET_NOT_MET',
  TARGET_NOT_REPORTED = 'TARGET_NOT_REPORTED',
  LINK_UNREVIEWED = 'LINK_UNREVIEWED',
  REPORT_MISSING = 'REPORT_MISSING',
}
export enum SeverityEnum {
  ERROR = 'ERROR',
  WARNING = 'WARNING',
  INFO = 'INFO',
}

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
