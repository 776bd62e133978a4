import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import { unitIdArg } from '../graphql/args';
import { requirePermission, type Context } from '../graphql/context';
import { BadInputError, idOfType } from '../graphql/relay';
import { UserErrorType } from '../graphql/user-error.type';
import { writeDistrictExport } from './district-export';

export enum ExportFormatEnum {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(ExportFormatEnum, {
  name: 'ExportFormat',
  description: 'XLSX: one workbook; CSV: the matrix and the flags, UTF-8 with BOM.',
});

@InputType()
export class ExportDistrictInput {
  @Field(() => ID, { description: 'The district (or any unit) whose reporting units are exported.' })
  parentUnitId: string;

  @Field(() => Int)
  year: number;

  @Field(() => ID, { nullable: true, description: 'Default: the latest checklist covering the year.' })
  checklistId?: string;

  @Field(() => ExportFormatEnum)
  format: ExportFormatEnum;
}

@ObjectType('ExportDownload')
export class ExportDownloadType {
  @Field()
  fileName: string;

  @Field()
  contentType: string;

  @Field(() => Float)
  bytes: number;

  @Field({ description: 'Path on this server, e.g. /downloads/…; GET it before expiresAt.' })
  path: string;

  @Field({ description: 'The same as an absolute URL, from the configured HOST and PORT.' })
  url: string;
}

@ObjectType('ExportDistrictPayload')
export class ExportDistrictPayload {
  @Field(() => [ExportDownloadType])
  files: ExportDownloadType[];

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => [UserErrorType])
  userErrors: UserErrorType[];
}

@Resolver()
export class ExportResolver {
  @Mutation(() => ExportDistrictPayload, {
    description: "Builds the district workbook (or CSVs) for the caller's units and returns download links that expire after 10 minutes.",
  })
  async exportDistrict(
    @Ctx() ctx: Context,
    @Arg('input', () => ExportDistrictInput) input: ExportDistrictInput,
  ): Promise<ExportDistrictPayload> {
    requirePermission(ctx, 'EXPORT');
    const payload = Object.assign(new ExportDistrictPayload(), { files: [], expiresAt: null, userErrors: [] });
    let files;
    try {
      files = await writeDistrictExport(ctx.dataSource, {
        year: input.year,
        parentUnitId: unitIdArg(input.parentUnitId, 'parentUnitId'),
        checklistId: checklistIdArg(input.checklistId),
        format: input.format === ExportFormatEnum.XLSX ? 'xlsx' : 'csv',
        scope: ctx.caller.scope,
        locale: ctx.locale,
      });
    } catch (error) {
      if (error instanceof BadInputError) {
        return Object.assign(payload, {
          userErrors: [UserErrorType.from({ code: 'BAD_USER_INPUT', field: 'input', message: error.message })],
        });
      }
      throw error;
    }
    const base = `http://${ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host}:${ctx.config.port}`;
    const kept = ctx.downloads.putAll(`${ctx.caller.role}:${ctx.caller.name}`, files);
    if ('code' in kept) {
      return Object.assign(payload, { userErrors: [UserErrorType.from({ code: kept.code, field: 'input', message: kept.message })] });
    }
    const expiresAt = kept.expiresAt;
    const downloads = files.map((file, i) => {
      const path = `/downloads/${kept.tokens[i]}`;
      return Object.assign(new ExportDownloadType(), {
        fileName: file.fileName,
        contentType: file.contentType,
        bytes: file.data.length,
        path,
        url: `${base}${path}`,
      });
    });
    return Object.assign(payload, { files: downloads, expiresAt });
  }
}

/** A checklist's global id as its database id (absent: null); a BAD_USER_INPUT error when it is not one. */
function checklistIdArg(id: string | null | undefined): number | null {
  if (!id) return null;
  const dbId = idOfType(id, 'Checklist');
  if (dbId === null) throw new BadInputError('checklistId is not a checklist id');
  return dbId;
}
