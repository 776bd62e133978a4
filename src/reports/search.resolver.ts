import { Arg, Args, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { reportingUnitsUnder } from '../assessment/assessment-batch';
import { unitIdArg } from '../assessment/assessment.resolver';
import { scopeList, type Context } from '../context';
import { PolarityEnum } from '../graphql/enums';
import { BadInputError, pageWindow, toConnection } from '../graphql/relay';
import { PageArgs } from '../units/unit.resolver';
import { normaliseText } from './analysis/normalise';
import { Claim } from './claim.entity';
import { ClaimConnection, ClaimNode } from './report.type';

@InputType({ description: 'Narrow a claim search.' })
export class SearchFilter {
  @Field(() => [ID], { nullable: true, description: 'Units (with the units below them).' })
  unitIds?: string[];

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => [PolarityEnum], { nullable: true })
  polarities?: PolarityEnum[];
}

/**
 * Splits a search into terms: whitespace separates terms; Chinese needs no word
 * segmentation for substring search, so each term must occur as written (after the same
 * full-width folding as claim texts).
 */
export function searchTerms(query: string): string[] {
  return normaliseText(query)
    .split(/\s+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

@Resolver()
export class SearchResolver {
  @Query(() => ClaimConnection, {
    description: 'Claims of current reports containing every term of the query (CJK substring match), newest year first.',
  })
  async search(
    @Ctx() ctx: Context,
    @Arg('query') query: string,
    @Args() page: PageArgs,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
  ) {
    const terms = searchTerms(query);
    if (terms.length === 0) throw new BadInputError('query must contain at least one term');
    const { offset, limit } = pageWindow(page);
    const q = ctx.dataSource
      .getRepository(Claim)
      .createQueryBuilder('c')
      .innerJoin('report', 'r', 'r.id = c.reportId')
      .addSelect('r.year')
      .where('r.state = :state', { state: 'CURRENT' });
    const scope = scopeList(ctx);
    if (scope) q.andWhere('r.unitId IN (:...scope)', { scope: scope.length ? scope : [-1] });
    terms.forEach((term, i) => q.andWhere(`c.text LIKE :t${i}`, { [`t${i}`]: `%${term.replace(/[%_\\]/g, '')}%` }));
    if (filter?.year != null) q.andWhere('r.year = :year', { year: filter.year });
    if (filter?.polarities?.length) q.andWhere('c.polarity IN (:...polarities)', { polarities: filter.polarities });
    if (filter?.unitIds?.length) {
      const ids = new Set<number>();
      for (const id of filter.unitIds) for (const u of await reportingUnitsUnder(ctx.dataSource, unitIdArg(id, 'unitIds'))) ids.add(u.id);
      q.andWhere('r.unitId IN (:...unitIds)', { unitIds: ids.size ? [...ids] : [-1] });
    }
    const total = await q.getCount();
    const rows = await q.orderBy('r.year', 'DESC').addOrderBy('c.id', 'ASC').offset(offset).limit(limit).getMany();
    return toConnection(rows.map(ClaimNode.from), offset, total);
  }
}
