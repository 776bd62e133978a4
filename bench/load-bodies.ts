/**
 * The request bodies of the load test: for each of the six list and page queries (`units`,
 * `reports`, `ranking`, `flags`, `assessment`, `coverageMatrix`) every distinct request the
 * corpus allows (every parent × page cursor, every year × page, every unit × year, every
 * district × year, every flag code × year × page), up to MAX_BODIES, in an order that spreads
 * them; for the project's server and, with `--peer`, the closest PostGraphile 5 query
 * (bench/README.md says where they differ). Pages are walked with each server's own cursors,
 * and every pair of answers fetched while walking (and a sample of the others) is compared:
 * ids, totals, statuses, scores.
 */
import type { Equivalence } from './types';
import { ASSESSMENT_QUERY, MATRIX_QUERY, RANKING_QUERY, unitDbId, unitGlobalId } from './queries';

export type QueryName = 'units' | 'reports' | 'ranking' | 'flags' | 'assessment' | 'coverageMatrix';

/** What the bodies are made of, read from the benchmark database after ingest. */
export interface BenchContext {
  /** the checklist version the queries default to (the latest) */
  checklistId: number;
  years: number[];
  /** every unit with children (the `units` query lists each one's children) */
  parents: number[];
  /** parents of reporting units (`ranking`, `coverageMatrix`) */
  districts: number[];
  /** reporting units (`assessment`, `reports` of one unit) */
  reportingUnits: number[];
  /** stored flag codes (REPORT_MISSING left out: see bench/README.md) */
  flagCodes: string[];
  /** the narrow per-item status table exists (the peer's matrix reads it instead of `result`) */
  narrowTable: boolean;
}

type Rows = Array<Record<string, unknown>>;

/** Reads the context with plain SQL that runs on SQLite and PostgreSQL. */
export async function readContext(query: (sql: string) => Promise<Rows>, checklistId: number, years: number[]): Promise<BenchContext> {
  const ids = async (sql: string): Promise<number[]> => (await query(sql)).map((r) => Number(r.id));
  const reporting = `level IN ('STREET', 'TOWN')`;
  const tables = (await query(`SELECT 1 AS x FROM assessment_item_status WHERE 1 = 0`).then(
    () => true,
    () => false,
  )) as boolean;
  return {
    checklistId,
    years,
    parents: await ids(`SELECT DISTINCT "parentId" AS id FROM unit WHERE "parentId" IS NOT NULL ORDER BY 1`),
    districts: await ids(`SELECT DISTINCT "parentId" AS id FROM unit WHERE ${reporting} AND "parentId" IS NOT NULL ORDER BY 1`),
    reportingUnits: await ids(`SELECT id FROM unit WHERE ${reporting} ORDER BY id`),
    flagCodes: (await query(`SELECT DISTINCT code FROM assessment_flag WHERE code <> 'REPORT_MISSING' ORDER BY code`)).map((r) =>
      String(r.code),
    ),
    narrowTable: tables,
  };
}

/** At most this many distinct bodies per query and server (pages beyond are not walked). */
export const MAX_BODIES = 600;
/** At most this many single requests (ranking, assessment, matrix) are compared between the servers. */
const MAX_CHECKS = 60;
const PAGE = 20;

// ---------------------------------------------------------------- the project's queries

const OUR_UNITS = `query Units($parent: ID!, $after: String) {
  units(filter: { parentId: $parent }, first: ${PAGE}, after: $after) {
    totalCount
    edges { node { id name level } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const OUR_REPORTS = (by: 'year' | 'unit'): string => `query Reports(${by === 'year' ? '$year: Int!' : '$unit: ID!'}, $after: String) {
  reports(filter: { ${by === 'year' ? 'year: $year' : 'unitId: $unit'} }, first: ${PAGE}, after: $after) {
    totalCount
    edges { node { id year source publishedDate unit { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const OUR_FLAGS = `query Gaps($year: Int!, $code: FlagCode!, $after: String) {
  flags(filter: { year: $year, codes: [$code] }, first: 50, after: $after) {
    totalCount
    edges { node { code severity itemCode message unit { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const OUR_RANKING = RANKING_QUERY.replace('unit { name }', 'unit { id name }');

// ---------------------------------------------------------------- PostGraphile's

const PEER_UNITS = `query Units($parent: Int!, $after: Cursor) {
  units(condition: { parentId: $parent }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC], first: ${PAGE}, after: $after) {
    totalCount
    nodes { rowId name level }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PEER_REPORTS = (by: 'year' | 'unit'): string => `query Reports(${by === 'year' ? '$year: Int!' : '$unit: Int!'}, $after: Cursor) {
  reports(condition: { ${by === 'year' ? 'year: $year' : 'unitId: $unit'} }, orderBy: [YEAR_DESC, PRIMARY_KEY_ASC], first: ${PAGE}, after: $after) {
    totalCount
    nodes { rowId year source publishedDate unit { name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PEER_FLAGS = `query Gaps($checklist: Int!, $year: Int!, $code: String!, $after: Cursor) {
  assessmentFlags(condition: { checklistId: $checklist, year: $year, code: $code }, first: 50, after: $after) {
    totalCount
    nodes { code severity itemCode message unit { rowId name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PEER_RANKING = (narrow: boolean): string => `query Ranking($parent: Int!, $checklist: Int!, $year: Int!) {
  unit(rowId: $parent) {
    childUnits(orderBy: [NAME_ASC]) {
      nodes {
        rowId name
        assessments(condition: { checklistId: $checklist, year: $year }) {
          nodes { reportId scoreProposed scoreConfirmed coverageProposed${narrow ? ' coveredProposed partialProposed assessableItems' : ''} }
        }
      }
    }
  }
}`;

const PEER_ASSESSMENT = `query UnitPage($unit: Int!, $checklist: Int!, $year: Int!) {
  unit(rowId: $unit) {
    name parent { name }
    assessments(condition: { checklistId: $checklist, year: $year }) {
      nodes {
        result coverageProposed coverageConfirmed scoreProposed scoreConfirmed
        report {
          evidenceLinks {
            nodes {
              rowId state confidence rule matched version item { code }
              claim { sectionPath start end text metricValues { nodes { metric value unit qualifier text } } }
            }
          }
        }
      }
    }
  }
  checklist(rowId: $checklist) {
    checklistItems(orderBy: [PRIMARY_KEY_ASC]) { nodes { code title targetsByItemId { nodes { metric op threshold unit } } } }
  }
}`;

const PEER_MATRIX = (narrow: boolean): string => `query Matrix($parent: Int!, $checklist: Int!, $year: Int!) {
  unit(rowId: $parent) {
    name
    childUnits(orderBy: [NAME_ASC]) {
      nodes {
        rowId name
        assessments(condition: { checklistId: $checklist, year: $year }) {
          nodes {
            reportId scoreProposed coverageProposed coverageConfirmed
            ${narrow ? 'coveredProposed partialProposed assessableItems flagCount assessmentItemStatuses { nodes { itemCode status confirmedStatus } }' : 'result'}
          }
        }
      }
    }
  }
  checklist(rowId: $checklist) { checklistItems(orderBy: [PRIMARY_KEY_ASC]) { nodes { code parentCode points assessable } } }
}`;

// ---------------------------------------------------------------- walking and comparing

/** Posts a body to a GraphQL endpoint and returns `data`; throws on HTTP or GraphQL errors. */
export type Post = (url: string, body: string) => Promise<Record<string, unknown>>;

export interface Endpoints {
  ours: string;
  /** PostGraphile's endpoint, or null without `--peer` */
  peer: string | null;
}

export interface QueryBodies {
  name: QueryName;
  /** what one request asks */
  description: string;
  ours: string[];
  /** null without the peer */
  peer: string[] | null;
  /** null without the peer */
  equivalence: Equivalence | null;
}

const body = (query: string, variables: Record<string, unknown>): string => JSON.stringify({ query, variables });

interface Page {
  /** ids in answer order, as one string */
  ids: string;
  total: number;
  next: string | null;
}

type Data = Record<string, unknown>;
const field = (data: Data, name: string): Data => data[name] as Data;

function ourPage(data: Data, name: string): Page {
  const c = field(data, name) as {
    totalCount: number;
    edges: Array<{ node: { id?: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  // flags have no id of their own (compared by totals only)
  return {
    ids: c.edges.map((e) => (e.node.id ? unitDbId(e.node.id) : '')).join(','),
    total: c.totalCount,
    next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null,
  };
}

function peerPage(data: Data, name: string): Page {
  const c = field(data, name) as {
    totalCount: number;
    nodes: Array<{ rowId: number }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  return { ids: c.nodes.map((n) => n.rowId).join(','), total: c.totalCount, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null };
}

class Checker {
  compared = 0;
  equal = 0;
  firstMismatch: string | null = null;
  constructor(readonly what: string) {}
  add(key: string, ours: string, peer: string): void {
    this.compared += 1;
    if (ours === peer) this.equal += 1;
    else this.firstMismatch ??= `${key}: ours ${ours.slice(0, 160)} · peer ${peer.slice(0, 160)}`;
  }
  result(): Equivalence {
    return { what: this.what, compared: this.compared, equal: this.equal, firstMismatch: this.firstMismatch };
  }
}

/** One paged listing (e.g. a parent's children), walked on both servers page by page. */
interface Walk {
  key: string;
  ours: (after: string | null) => string;
  peer: (after: string | null) => string;
  field: { ours: string; peer: string };
}

/**
 * Walks each listing page by page (at most `MAX_BODIES` bodies per server in all) and
 * returns every body; with `sameOrder` each page's ids are compared, otherwise the totals.
 */
async function walkPages(
  post: Post,
  endpoints: Endpoints,
  walks: Walk[],
  sameOrder: boolean,
  checker: Checker,
): Promise<{ ours: string[]; peer: string[] }> {
  const ours: string[] = [];
  const peer: string[] = [];
  const perWalk = Math.max(1, Math.floor(MAX_BODIES / Math.max(1, walks.length)));
  for (const walk of walks) {
    let oursAfter: string | null = null;
    let peerAfter: string | null = null;
    for (let page = 0; page < perWalk; page += 1) {
      const ob = walk.ours(oursAfter);
      ours.push(ob);
      const o = ourPage(await post(endpoints.ours, ob), walk.field.ours);
      let p: Page | null = null;
      if (endpoints.peer && (peerAfter !== null || page === 0)) {
        const pb = walk.peer(peerAfter);
        peer.push(pb);
        p = peerPage(await post(endpoints.peer, pb), walk.field.peer);
        peerAfter = p.next;
      }
      if (p && (sameOrder || page === 0))
        checker.add(
          `${walk.key} page ${page + 1}`,
          sameOrder ? `${o.total}|${o.ids}` : String(o.total),
          sameOrder ? `${p.total}|${p.ids}` : String(p.total),
        );
      oursAfter = o.next;
      if (oursAfter === null && peerAfter === null) break;
      if (oursAfter === null) break;
    }
  }
  return { ours, peer };
}

/** A single request on both servers and how to reduce each answer to a comparable string. */
interface Single {
  key: string;
  ours: string;
  peer: string;
  compare: (ours: Data, peer: Data) => [string, string];
}

async function singles(post: Post, endpoints: Endpoints, list: Single[], checker: Checker): Promise<{ ours: string[]; peer: string[] }> {
  const step = Math.max(1, Math.ceil(list.length / MAX_CHECKS));
  if (endpoints.peer) {
    for (let i = 0; i < list.length; i += step) {
      const s = list[i]!; // i < list.length
      const [o, p] = s.compare(await post(endpoints.ours, s.ours), await post(endpoints.peer, s.peer));
      checker.add(s.key, o, p);
    }
  }
  return { ours: list.map((s) => s.ours), peer: list.map((s) => s.peer) };
}

/** Spreads a list (every k-th first) so that consecutive requests differ in unit, year and district. */
function spread<T>(list: T[]): T[] {
  if (list.length <= MAX_BODIES) return interleave(list);
  const step = list.length / MAX_BODIES;
  return interleave(Array.from({ length: MAX_BODIES }, (_, i) => list[Math.floor(i * step)]!));
}

function interleave<T>(list: T[]): T[] {
  const k = Math.max(1, Math.round(Math.sqrt(list.length)));
  const out: T[] = [];
  for (let start = 0; start < k; start += 1) for (let i = start; i < list.length; i += k) out.push(list[i]!);
  return out;
}

const round6 = (x: number): string => (Math.round(x * 1e6) / 1e6).toString();

interface OurRankingEntry {
  unit: { id: string };
  hasReport: boolean;
  score: number;
  coverage: { covered: number; partial: number; assessable: number };
}
interface PeerAssessment {
  reportId: number | null;
  scoreProposed: number;
  result?: string;
  coveredProposed?: number;
  partialProposed?: number;
  assessableItems?: number;
  assessmentItemStatuses?: { nodes: Array<{ itemCode: string; status: string; confirmedStatus: string }> };
}
interface PeerChild {
  rowId: number;
  assessments: { nodes: PeerAssessment[] };
}
const peerChildren = (data: Data): PeerChild[] => (data.unit as { childUnits: { nodes: PeerChild[] } } | null)?.childUnits.nodes ?? [];
const withReport = (c: PeerChild): PeerAssessment | undefined => c.assessments.nodes.find((a) => a.reportId !== null);

/** Statuses of a stored assessment by item code, from the narrow rows or the result JSON. */
function peerStatuses(a: PeerAssessment | undefined): Map<string, string> {
  if (!a) return new Map();
  if (a.assessmentItemStatuses) return new Map(a.assessmentItemStatuses.nodes.map((n) => [n.itemCode, `${n.status}/${n.confirmedStatus}`]));
  const items = (JSON.parse(a.result ?? '{"items":[]}') as { items: Array<{ code: string; status: string; confirmedStatus: string }> })
    .items;
  return new Map(items.map((i) => [i.code, `${i.status}/${i.confirmedStatus}`]));
}

/** Builds the bodies of the six queries (and checks the peer's answers against ours). */
export async function buildBodies(post: Post, endpoints: Endpoints, ctx: BenchContext): Promise<QueryBodies[]> {
  const out: QueryBodies[] = [];
  const add = (name: QueryName, description: string, bodies: { ours: string[]; peer: string[] }, checker: Checker): void => {
    out.push({
      name,
      description,
      ours: bodies.ours,
      peer: endpoints.peer ? bodies.peer : null,
      equivalence: endpoints.peer ? checker.result() : null,
    });
  };
  const { checklistId: checklist, years } = ctx;

  // units: every parent's children, page by page
  let checker = new Checker('ids and totalCount of every page');
  const unitWalks: Walk[] = ctx.parents.map((parent) => ({
    key: `children of unit ${parent}`,
    ours: (after) => body(OUR_UNITS, { parent: unitGlobalId(parent), after }),
    peer: (after) => body(PEER_UNITS, { parent, after }),
    field: { ours: 'units', peer: 'units' },
  }));
  add(
    'units',
    `a parent's children by name, ${PAGE} a page (${ctx.parents.length} parents, every page)`,
    await walkPages(post, endpoints, unitWalks, true, checker),
    checker,
  );

  // reports: each year page by page, and each reporting unit's reports
  checker = new Checker('ids and totalCount of every page');
  const reportWalks: Walk[] = [
    ...years.map((year) => ({
      key: `reports of ${year}`,
      ours: (after: string | null) => body(OUR_REPORTS('year'), { year, after }),
      peer: (after: string | null) => body(PEER_REPORTS('year'), { year, after }),
      field: { ours: 'reports', peer: 'reports' },
    })),
    ...spread(ctx.reportingUnits).map((unit) => ({
      key: `reports of unit ${unit}`,
      ours: (after: string | null) => body(OUR_REPORTS('unit'), { unit: unitGlobalId(unit), after }),
      peer: (after: string | null) => body(PEER_REPORTS('unit'), { unit, after }),
      field: { ours: 'reports', peer: 'reports' },
    })),
  ];
  const reports = await walkPages(post, endpoints, reportWalks, true, checker);
  add(
    'reports',
    `reports of a year (every page) or of one unit, newest year first, ${PAGE} a page`,
    { ours: interleave(reports.ours), peer: interleave(reports.peer) },
    checker,
  );

  const districtYears = ctx.districts.flatMap((parent) => years.map((year) => ({ parent, year })));

  // ranking: every district × year
  checker = new Checker('unit ids with score (and covered/partial/assessable when the peer has the columns) of every unit with a report');
  const rankingList: Single[] = districtYears.map(({ parent, year }) => ({
    key: `ranking ${parent} ${year}`,
    ours: body(OUR_RANKING, { parent: unitGlobalId(parent), year }),
    peer: body(PEER_RANKING(ctx.narrowTable), { parent, checklist, year }),
    compare: (o, p) => {
      const ours = (o.ranking as OurRankingEntry[])
        .filter((e) => e.hasReport)
        .map(
          (e) =>
            `${unitDbId(e.unit.id)}:${round6(e.score)}${ctx.narrowTable ? `:${e.coverage.covered}/${e.coverage.partial}/${e.coverage.assessable}` : ''}`,
        )
        .sort();
      const peer = peerChildren(p)
        .map((c) => [c, withReport(c)] as const)
        .filter(([, a]) => a !== undefined)
        .map(
          ([c, a]) =>
            `${c.rowId}:${round6(a!.scoreProposed)}${ctx.narrowTable ? `:${a!.coveredProposed}/${a!.partialProposed}/${a!.assessableItems}` : ''}`,
        )
        .sort();
      return [ours.join(' '), peer.join(' ')];
    },
  }));
  add(
    'ranking',
    `units of a district with score and coverage (${ctx.districts.length} districts × ${years.length} years)`,
    await singles(post, endpoints, spread(rankingList), checker),
    checker,
  );

  // flags: every code × year, page by page
  checker = new Checker('totalCount of each code × year');
  const flagWalks: Walk[] = years.flatMap((year) =>
    ctx.flagCodes.map((code) => ({
      key: `${code} ${year}`,
      ours: (after: string | null) => body(OUR_FLAGS, { year, code, after }),
      peer: (after: string | null) => body(PEER_FLAGS, { checklist, year, code, after }),
      field: { ours: 'flags', peer: 'assessmentFlags' },
    })),
  );
  const flags = await walkPages(post, endpoints, flagWalks, false, checker);
  add(
    'flags',
    `stored flags of one code and year, 50 a page (${ctx.flagCodes.length} codes × ${years.length} years, pages in turn)`,
    { ours: interleave(flags.ours), peer: interleave(flags.peer) },
    checker,
  );

  // assessment: every reporting unit × year
  checker = new Checker("every item's status / confirmed status (units with a report)");
  const assessmentList: Single[] = ctx.reportingUnits.flatMap((unit) =>
    years.map((year) => ({
      key: `assessment ${unit} ${year}`,
      ours: body(ASSESSMENT_QUERY, { unit: unitGlobalId(unit), year }),
      peer: body(PEER_ASSESSMENT, { unit, checklist, year }),
      compare: (o: Data, p: Data): [string, string] => {
        const items = (o.assessment as { items: Array<{ code: string; status: string; confirmedStatus: string }> }).items;
        const stored = ((p.unit as { assessments: { nodes: PeerAssessment[] } } | null)?.assessments.nodes ?? []).find(
          (a) => a.reportId !== null,
        );
        if (!stored) return ['(no report)', '(no report)'];
        const peer = peerStatuses(stored);
        return [
          items.map((i) => `${i.code}=${i.status}/${i.confirmedStatus}`).join(' '),
          items.map((i) => `${i.code}=${peer.get(i.code) ?? '?'}`).join(' '),
        ];
      },
    })),
  );
  add(
    'assessment',
    `one unit's page: items with explanation, targets, evidence (${ctx.reportingUnits.length} units × ${years.length} years)`,
    await singles(post, endpoints, spread(assessmentList), checker),
    checker,
  );

  // coverageMatrix: every district × year
  checker = new Checker('every row: unit id, has a report, every cell status / confirmed status');
  const matrixList: Single[] = districtYears.map(({ parent, year }) => ({
    key: `matrix ${parent} ${year}`,
    ours: body(MATRIX_QUERY, { parent: unitGlobalId(parent), year }),
    peer: body(PEER_MATRIX(ctx.narrowTable), { parent, checklist, year }),
    compare: (o, p) => {
      const m = o.coverageMatrix as {
        columns: Array<{ code: string }>;
        rows: Array<{ unit: { id: string }; hasReport: boolean; cells: Array<{ status: string; confirmedStatus: string }> }>;
      };
      const codes = m.columns.map((c) => c.code);
      const missing = codes.map(() => 'MISSING/MISSING').join(',');
      const ours = m.rows
        .map((r) => `${unitDbId(r.unit.id)}:${r.hasReport}:${r.cells.map((c) => `${c.status}/${c.confirmedStatus}`).join(',')}`)
        .sort();
      const peer = peerChildren(p)
        .map((c) => {
          const a = withReport(c);
          if (!a) return `${c.rowId}:false:${missing}`;
          const s = peerStatuses(a);
          return `${c.rowId}:true:${codes.map((code) => s.get(code) ?? '?').join(',')}`;
        })
        .sort();
      return [ours.join(' '), peer.join(' ')];
    },
  }));
  add(
    'coverageMatrix',
    `a district's units × assessable items (${ctx.districts.length} districts × ${years.length} years)`,
    await singles(post, endpoints, spread(matrixList), checker),
    checker,
  );
  return out;
}
