import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requirePermission, type Context } from '../context';
import { UserErrorType } from '../graphql/user-error.type';
import { ingestReport } from './ingest.service';
import { ReportNode } from './report.type';

@InputType({ description: 'A report to ingest. Unit and year are detected from the text when not given.' })
export class IngestReportInput {
  @Field({ description: 'The report text (UTF-8).' })
  text: string;

  @Field({ nullable: true, description: 'Unit name or alias; wins over detection.' })
  unit?: string;

  @Field(() => Int, { nullable: true, description: 'Report year; wins over detection.' })
  year?: number;

  @Field({ nullable: true, description: 'File name or origin (default "graphql").' })
  source?: string;

  @Field({ nullable: true, description: 'Replace an existing, different report of the same unit and year.' })
  replace?: boolean;

  @Field({ nullable: true, description: 'Analyse and check only; store nothing.' })
  dryRun?: boolean;
}

@ObjectType('IngestReportPayload')
export class IngestReportPayload {
  @Field(() => ReportNode, { nullable: true })
  report: ReportNode | null;

  @Field({ description: 'false when the same text was already ingested (nothing changed) or on a dry run.' })
  created: boolean;

  @Field(() => ReportNode, { nullable: true, description: 'The report this one replaced.' })
  replaced: ReportNode | null;

  @Field(() => Int, { description: 'Claims found in the text.' })
  claimCount: number;

  @Field(() => Int, { description: 'Evidence links proposed.' })
  linkCount: number;

  @Field(() => [UserErrorType])
  userErrors: UserErrorType[];
}

@Resolver()
export class IngestResolver {
  @Mutation(() => IngestReportPayload, { description: 'Analyse and store a report with its sections, claims, numbers and proposed links, in one transaction.' })
  async ingestReport(@Ctx() ctx: Context, @Arg('input', () => IngestReportInput) input: IngestReportInput): Promise<IngestReportPayload> {
    requirePermission(ctx, 'INGEST_REPORT');
    const outcome = await ingestReport(
      ctx.dataSource,
      ctx.lock,
      {
        text: input.text,
        unit: input.unit ?? null,
        year: input.year ?? null,
        source: input.source?.trim() || 'graphql',
        replace: input.replace ?? false,
        dryRun: input.dryRun ?? false,
        actor: ctx.caller.name,
        allowedUnitIds: ctx.caller.scope,
      },
      { maxReportBytes: ctx.config.maxReportBytes },
    );
    const payload = Object.assign(new IngestReportPayload(), { report: null, created: false, replaced: null, claimCount: 0, linkCount: 0, userErrors: [] });
    if (!outcome.ok) return Object.assign(payload, { userErrors: outcome.errors.map(UserErrorType.from) });
    const r = outcome.value;
    return Object.assign(payload, {
      report: r.report ? ReportNode.from(r.report) : null,
      created: r.created,
      replaced: r.replaced ? ReportNode.from(r.replaced) : null,
      claimCount: r.analysis.claims.length,
      linkCount: r.linkCount,
    });
  }
}
