import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requirePermission, type Context } from '../graphql/context';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../config';
import { extractInWorker } from '../documents/extract-pool';
import { UserErrorType } from '../graphql/user-error.type';
import type { UserErrorData } from '../common/user-error';
import { ingestReport } from './ingest.service';
import { BadInputError } from '../common/bad-input-error';
import { ReportNode } from '../reports/report.type';

@InputType({ description: 'A report to ingest. Unit and year are detected from the text when not given.' })
export class IngestReportInput {
  @Field({ nullable: true, description: 'The report text. Give either text, or contentBase64 with fileName.' })
  text?: string;

  @Field({
    nullable: true,
    description: 'A file as uploaded, base64: .txt in UTF-8/UTF-16/GB18030, .docx, .pdf with a text layer, or a saved .html page.',
  })
  contentBase64?: string;

  @Field({ nullable: true, description: 'Name of the uploaded file (its extension tells the format).' })
  fileName?: string;

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
  @Mutation(() => IngestReportPayload, {
    description: 'Analyse and store a report with its sections, claims, numbers and proposed links, in one transaction.',
  })
  async ingestReport(@Ctx() ctx: Context, @Arg('input', () => IngestReportInput) input: IngestReportInput): Promise<IngestReportPayload> {
    requirePermission(ctx, 'INGEST_REPORT');
    const payload = Object.assign(new IngestReportPayload(), {
      report: null,
      created: false,
      replaced: null,
      claimCount: 0,
      linkCount: 0,
      userErrors: [],
    });
    const content = await contentOf(input, ctx.config.maxReportBytes, ctx.config.documentLimits);
    if (!content.ok) return Object.assign(payload, { userErrors: [UserErrorType.from(content.error)] });
    const outcome = await ingestReport(
      ctx.dataSource,
      ctx.lock,
      {
        text: content.text,
        sourceSha256: content.sourceSha256,
        unit: input.unit ?? null,
        year: input.year ?? null,
        source: input.source?.trim() || input.fileName?.trim() || 'graphql',
        replace: input.replace ?? false,
        dryRun: input.dryRun ?? false,
        actor: ctx.caller.name,
        allowedUnitIds: ctx.caller.scope,
      },
      { maxReportBytes: ctx.config.maxReportBytes },
    );
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

/** Base64, standard or URL-safe, padded or not, line breaks allowed (as `base64` writes it). */
const BASE64 = /^[A-Za-z0-9+/\r\n_-]*={0,2}\s*$/;

/** The report text of the input: the text as given, or extracted from the uploaded file. */
async function contentOf(
  input: IngestReportInput,
  maxBytes: number,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<{ ok: true; text: string; sourceSha256: string | null } | { ok: false; error: UserErrorData }> {
  const hasText = input.text !== undefined && input.text !== null;
  const hasFile = input.contentBase64 !== undefined && input.contentBase64 !== null;
  if (hasText === hasFile) {
    return {
      ok: false,
      error: { code: 'TEXT_OR_FILE', field: 'input.text', message: 'Give either text, or contentBase64 with fileName.' },
    };
  }
  if (hasText) return { ok: true, text: input.text as string, sourceSha256: null };
  if (!input.fileName?.trim())
    return { ok: false, error: { code: 'FILE_NAME_REQUIRED', field: 'input.fileName', message: 'Give the file name with the content.' } };
  // a malformed request, not a bad document: answered 400 BAD_USER_INPUT (README "Limits"),
  // where Buffer.from would skip the foreign characters and read what is left as the file
  if (!BASE64.test(input.contentBase64 as string)) {
    throw new BadInputError('contentBase64 不是 base64 编码（A–Z a–z 0–9 + / 或 - _，末尾至多两个 =）：请以 base64 编码上传文件。');
  }
  const bytes = Buffer.from(input.contentBase64 as string, 'base64');
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      error: { code: 'TEXT_TOO_LARGE', field: 'input.contentBase64', message: `The file is larger than ${maxBytes} bytes.` },
    };
  }
  // in a worker thread with a memory cap and a time limit: the server keeps answering meanwhile
  const extracted = await extractInWorker(bytes, input.fileName, { ...limits, maxTextBytes: maxBytes });
  if (!extracted.ok)
    return { ok: false, error: { code: extracted.code, field: 'input.contentBase64', message: `${input.fileName}: ${extracted.message}` } };
  return { ok: true, text: extracted.text, sourceSha256: extracted.sourceSha256 };
}
