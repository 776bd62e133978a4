import { Arg, Args, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { PageArgs, unitIdArg } from '../graphql/args';
import { reportingUnitsUnder } from '../units/unit.service';
import { scopeList, type Context } from '../graphql/context';
import { PolarityEnum } from './report.type';
import { BadInputError, ConnectionType, pageWindow, toConnection } from '../graphql/relay';
import { t } from '../i18n/messages';
import { normaliseFragment, toRawRange } from '../reading/normalise';
import { Claim } from './claim.entity';
import { Report } from './report.entity';
import { ClaimNode } from './report.type';
import { searchClaims } from './search/claim-search';
import { highlightRanges, MAX_SEARCH_QUERY_CHARS, MAX_SEARCH_TERMS, parseSearchQuery, type ParsedQuery } from '../reading/search-query';

@InputType({ description: 'Narrow a claim search.' })
export class SearchFilter {
  @Field(() => [ID], { nullable: true, description: 'Units (with the units below them).' })
  unitIds?: string[];

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => [PolarityEnum], { nullable: true })
  polarities?: PolarityEnum[];

  @Field(() => [String], {
    nullable: true,
    description: 'Checklist item codes: claims linked to one of them (accepted or proposed links).',
  })
  itemCodes?: string[];
}

@ObjectType('TextSpan', { description: "A half-open range [start, end) of a report's raw text: raw.slice(start, end)." })
class TextSpanType {
  @Field(() => Int)
  start: number;

  @Field(() => Int)
  end: number;

  @Field({ description: 'raw.slice(start, end): the matched words as written in the report.' })
  text: string;
}

@ObjectType('SearchHit', { description: 'A claim found by search, with its rank and the matched words.' })
class SearchHitType {
  @Field(() => ClaimNode)
  claim: ClaimNode;

  @Field(() => Int, { description: '1 for the best match.' })
  rank: number;

  @Field({ description: 'Relevance (higher is better; bm25 on SQLite, ts_rank on PostgreSQL, 0 for substring-only queries).' })
  score: number;

  @Field(() => [TextSpanType], { description: "The matched words, as offsets into the report's raw text." })
  highlights: TextSpanType[];
}

const SearchHitConnection = ConnectionType('SearchHit', SearchHitType);

/** The raw ranges of the query's pieces in a claim (offsets into the report's raw text). */
function highlightsIn(raw: string, claim: Pick<Claim, 'start' | 'end'>, query: ParsedQuery): TextSpanType[] {
  const fragment = normaliseFragment(raw.slice(claim.start, claim.end));
  return highlightRanges(fragment.text, query).map(([start, end]) => {
    const range = toRawRange(fragment, start, end);
    return Object.assign(new TextSpanType(), {
      start: claim.start + range.start,
      end: claim.start + range.end,
      text: raw.slice(claim.start + range.start, claim.start + range.end),
    });
  });
}

function queryProblem(problem: NonNullable<ReturnType<typeof parseSearchQuery> & { ok: false }>['problem']): BadInputError {
  switch (problem.code) {
    case 'EMPTY':
      return new BadInputError(t('search.empty'));
    case 'TOO_LONG':
      return new BadInputError(t('search.tooLong', { max: MAX_SEARCH_QUERY_CHARS, length: problem.length }));
    case 'TOO_MANY_TERMS':
      return new BadInputError(t('search.tooManyTerms', { max: MAX_SEARCH_TERMS, count: problem.count }));
  }
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchHitConnection, {
    description:
      'Claims of current reports holding every word of the query in any order (Chinese two-character pieces, Latin words, numbers; ' +
      "`100%` as written), best match first, with the matched words as raw offsets; within the caller's scope. " +
      `At most ${MAX_SEARCH_QUERY_CHARS} characters and ${MAX_SEARCH_TERMS} terms.`,
  })
  async search(
    @Ctx() ctx: Context,
    @Arg('query') query: string,
    @Args() page: PageArgs,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
  ) {
    const parsed = parseSearchQuery(query);
    if (!parsed.ok) throw queryProblem(parsed.problem);
    const { offset, limit } = pageWindow(page);
    let unitIds: number[] | null = null;
    if (filter?.unitIds?.length) {
      const ids = new Set<number>();
      for (const id of filter.unitIds) for (const u of await reportingUnitsUnder(ctx.dataSource, unitIdArg(id, 'unitIds'))) ids.add(u.id);
      unitIds = [...ids];
    }
    const { total, hits } = await searchClaims(
      ctx.dataSource.manager,
      parsed.value,
      {
        scope: scopeList(ctx),
        unitIds,
        year: filter?.year ?? null,
        polarities: filter?.polarities?.length ? filter.polarities : null,
        itemCodes: filter?.itemCodes?.length ? filter.itemCodes : null,
      },
      { offset, limit },
    );
    if (hits.length === 0) return toConnection([], offset, total);
    const claims = await ctx.dataSource.getRepository(Claim).findBy(hits.map((h) => ({ id: h.claimId })));
    const reportIds = [...new Set(claims.map((c) => c.reportId))];
    const reports = await ctx.dataSource.getRepository(Report).find({ select: ['id', 'rawText'], where: reportIds.map((id) => ({ id })) });
    const rawOf = new Map(reports.map((r) => [r.id, r.rawText]));
    const byId = new Map(claims.map((c) => [c.id, c]));
    const nodes = hits.flatMap((hit, i) => {
      const claim = byId.get(hit.claimId);
      if (!claim) return [];
      return [
        Object.assign(new SearchHitType(), {
          claim: ClaimNode.from(claim),
          rank: offset + i + 1,
          score: hit.score,
          highlights: highlightsIn(rawOf.get(claim.reportId) ?? '', claim, parsed.value),
        }),
      ];
    });
    return toConnection(nodes, offset, total);
  }
}
