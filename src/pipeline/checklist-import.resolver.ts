import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { requirePermission, type Context } from '../graphql/context';
import { UserErrorType } from '../graphql/user-error.type';
import { parseChecklistFile } from '../checklist/checklist-file';
import { importChecklist } from './checklist-import.service';
import { ChecklistNode } from '../checklist/checklist.type';

@InputType({ description: 'A checklist in the YAML format of seeds/checklist.yaml.' })
export class ImportChecklistInput {
  @Field({ description: 'The YAML text.' })
  yaml: string;

  @Field({ nullable: true, description: 'Name used in error messages (default "upload.yaml").' })
  fileName?: string;
}

@ObjectType('ImportChecklistPayload')
export class ImportChecklistPayload {
  @Field(() => ChecklistNode, { nullable: true })
  checklist: ChecklistNode | null;

  @Field({ description: 'false when the same definition was already imported.' })
  created: boolean;

  @Field(() => [UserErrorType], { description: 'Each problem names the item code and field; nothing is imported when there is one.' })
  userErrors: UserErrorType[];
}

@Resolver()
export class ChecklistImportResolver {
  @Mutation(() => ImportChecklistPayload, {
    description:
      'Validate and import a checklist version. A new version gets its own items; links made against older item text stay with the old version.',
  })
  async importChecklist(
    @Ctx() ctx: Context,
    @Arg('input', () => ImportChecklistInput) input: ImportChecklistInput,
  ): Promise<ImportChecklistPayload> {
    requirePermission(ctx, 'IMPORT_CHECKLIST');
    const fileName = input.fileName?.trim() || 'upload.yaml';
    const payload = Object.assign(new ImportChecklistPayload(), { checklist: null, created: false, userErrors: [] });
    const parsed = parseChecklistFile(input.yaml, fileName);
    if (!parsed.checklist) {
      return Object.assign(payload, {
        userErrors: parsed.errors.map((e) =>
          UserErrorType.from({
            field: e.itemCode ? `items[${e.itemCode}].${e.field}` : e.field,
            message: `${e.file}: ${e.itemCode ? `item ${e.itemCode}: ` : ''}${e.field}: ${e.message}`,
            code: 'CHECKLIST_INVALID',
          }),
        ),
      });
    }
    const outcome = await importChecklist(ctx.dataSource, ctx.lock, parsed.checklist, fileName, ctx.caller.name);
    if (!outcome.ok) return Object.assign(payload, { userErrors: outcome.errors.map(UserErrorType.from) });
    return Object.assign(payload, { checklist: ChecklistNode.from(outcome.value.checklist), created: outcome.value.created });
  }
}
