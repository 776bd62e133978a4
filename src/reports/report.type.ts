import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, Node, toGlobalId } from '../graphql/relay';
import type { Claim } from './claim.entity';
import type { MetricValue } from './metric-value.entity';
import type { ReportSection } from './report-section.entity';
import type { Report } from './report.entity';
import { POLARITIES, QUALIFIERS, SECTION_KINDS, type Polarity, type Qualifier, type SectionKind } from '../reading/types';
import type { ReportState } from './report.entity';
import { enumOf } from '../graphql/enums';

/** GraphQL enums of this domain: its string unions under the same names and values. */
export const SectionKindEnum = enumOf(SECTION_KINDS);
export type SectionKindEnum = SectionKind;
export const PolarityEnum = enumOf(POLARITIES);
export type PolarityEnum = Polarity;
export const QualifierEnum = enumOf(QUALIFIERS);
export type QualifierEnum = Qualifier;
export const ReportStateEnum = enumOf<ReportState>(['CURRENT', 'REPLACED']);
export type ReportStateEnum = ReportState;
registerEnumType(SectionKindEnum, { name: 'SectionKind', description: 'Kind of a top-level report section, from its heading.' });
registerEnumType(PolarityEnum, { name: 'Polarity', description: 'POSITIVE past work, NEGATIVE shortcoming, PLAN next year.' });
registerEnumType(QualifierEnum, { name: 'Qualifier', description: 'APPROX for 余/多, AT_LEAST for 以上, EXACT otherwise.' });
registerEnumType(ReportStateEnum, { name: 'ReportState' });

@ObjectType('Report', { implements: Node, description: '法治政府建设年度报告: one unit, one year, raw text kept verbatim.' })
export class ReportNode extends Node {
  dbId: number;
  unitDbId: number;
  replacedByDbId: number | null;

  @Field(() => Int, { description: 'The year the report describes.' })
  year: number;

  @Field({ description: 'File name or origin.' })
  source: string;

  @Field({ description: 'SHA-256 of the raw text.' })
  sha256: string;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the original document, when extracted from one.' })
  sourceSha256: string | null;

  @Field(() => String, { nullable: true, description: 'Publication date on the web page (YYYY-MM-DD).' })
  publishedDate: string | null;

  @Field(() => ReportStateEnum)
  state: ReportStateEnum;

  @Field()
  createdAt: Date;

  static from(r: Report): ReportNode {
    return Object.assign(new ReportNode(), {
      id: toGlobalId('Report', r.id),
      dbId: r.id,
      unitDbId: r.unitId,
      replacedByDbId: r.replacedById,
      year: r.year,
      source: r.source,
      sha256: r.sha256,
      sourceSha256: r.sourceSha256,
      publishedDate: r.publishedDate,
      state: r.state as ReportStateEnum,
      createdAt: new Date(r.createdAt),
    });
  }
}

export const ReportConnection = ConnectionType('Report', ReportNode);

@ObjectType('ReportSection', { implements: Node, description: '章节: a heading and its body.' })
export class ReportSectionNode extends Node {
  dbId: number;
  reportDbId: number;

  @Field({ description: 'e.g. 一/（三）/2; the preamble is 0.' })
  path: string;

  @Field()
  heading: string;

  @Field(() => SectionKindEnum)
  kind: SectionKindEnum;

  @Field(() => Int)
  level: number;

  @Field(() => Int, { description: 'Offset into the raw text (UTF-16 code units, as JavaScript strings).' })
  start: number;

  @Field(() => Int)
  end: number;

  static from(s: ReportSection): ReportSectionNode {
    return Object.assign(new ReportSectionNode(), {
      id: toGlobalId('ReportSection', s.id),
      dbId: s.id,
      reportDbId: s.reportId,
      path: s.path,
      heading: s.heading,
      kind: s.kind as SectionKindEnum,
      level: s.level,
      start: s.start,
      end: s.end,
    });
  }
}

@ObjectType('Claim', { implements: Node, description: '表述: a sentence or enumerated clause with offsets into the raw text.' })
export class ClaimNode extends Node {
  dbId: number;
  reportDbId: number;
  /** its metric values when they were read with it (the `metrics` field answers them without a load) */
  metricRows?: MetricValue[];

  @Field({ description: "The analyser's id within the report (c1, c2 …)." })
  localId: string;

  @Field()
  sectionPath: string;

  @Field(() => SectionKindEnum)
  sectionKind: SectionKindEnum;

  @Field(() => PolarityEnum)
  polarity: PolarityEnum;

  @Field(() => Int, { description: 'raw.slice(start, end) is the exact original text.' })
  start: number;

  @Field(() => Int)
  end: number;

  @Field({ description: 'Normalised text (line breaks inside words joined, full-width folded).' })
  text: string;

  static from(c: Claim): ClaimNode {
    return Object.assign(new ClaimNode(), {
      id: toGlobalId('Claim', c.id),
      dbId: c.id,
      reportDbId: c.reportId,
      localId: c.localId,
      sectionPath: c.sectionPath,
      sectionKind: c.sectionKind as SectionKindEnum,
      polarity: c.polarity as PolarityEnum,
      start: c.start,
      end: c.end,
      text: c.text,
    });
  }
}

@ObjectType('MetricValue', { implements: Node, description: '数据: a number found in a claim.' })
export class MetricValueNode extends Node {
  dbId: number;
  claimDbId: number;

  @Field(() => String, { nullable: true, description: 'Metric key when recognised (e.g. COURT_APPEARANCE_RATE).' })
  metric: string | null;

  @Field(() => Float, { description: 'Value; money in yuan.' })
  value: number;

  @Field()
  unit: string;

  @Field(() => QualifierEnum)
  qualifier: QualifierEnum;

  @Field(() => Int)
  start: number;

  @Field(() => Int)
  end: number;

  @Field()
  text: string;

  static from(m: MetricValue): MetricValueNode {
    return Object.assign(new MetricValueNode(), {
      id: toGlobalId('MetricValue', m.id),
      dbId: m.id,
      claimDbId: m.claimId,
      metric: m.metric,
      value: m.value,
      unit: m.unit,
      qualifier: m.qualifier as QualifierEnum,
      start: m.start,
      end: m.end,
      text: m.text,
    });
  }
}
