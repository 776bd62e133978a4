// District heat-map: units × items coloured by status, from one coverageMatrix request.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useQuery } from '../api';
import type { ItemStatus } from '../gql/graphql';
import { STATUS, coverageText, percent } from '../labels';
import { DistrictMatrixQuery } from '../operations';
import { ErrorText, Loading, StatusLegend, yearOf } from './common';

/** What the flag filter keeps: a REPORT_MISSING unit, or cells whose status raises that flag. */
const FLAG_FILTERS: { value: string; label: string; status?: ItemStatus }[] = [
  { value: '', label: '全部' },
  { value: 'REPORT_MISSING', label: '未报送报告（REPORT_MISSING）' },
  { value: 'NO_EVIDENCE', label: '无佐证（NO_EVIDENCE）', status: 'MISSING' },
  { value: 'ONLY_PLANNED', label: '仅有计划（ONLY_PLANNED）', status: 'PLANNED_ONLY' },
  { value: 'SHORTCOMING_REPORTED', label: '仅有不足（SHORTCOMING_REPORTED）', status: 'NEGATIVE_ONLY' },
  { value: 'TARGET', label: '部分覆盖：指标未达标或未报告', status: 'PARTIAL' },
];

const FIXED_COLUMNS_REM = 3 + 8 + 3.5 + 8.5 + 3 + 3;
const CELL_REM = 1.8;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function DistrictView(props: { unitId: string; year: string }) {
  const year = yearOf(props.year);
  const { data, error, loading } = useQuery(DistrictMatrixQuery, { parentUnitId: props.unitId, year });
  const [part, setPart] = useState('');
  const [flag, setFlag] = useState('');
  const [view, setView] = useState<'proposed' | 'confirmed'>('proposed');
  const table = useRef<HTMLTableElement>(null);

  const matrix = data?.coverageMatrix;
  const rows = useMemo(
    () => (matrix ? [...matrix.rows].sort((a, b) => a.rank - b.rank || a.unit.name.localeCompare(b.unit.name, 'zh')) : []),
    [matrix],
  );
  useLayoutEffect(() => {
    if (matrix && table.current && !table.current.dataset.committed) {
      table.current.dataset.committed = '1';
      performance.mark('fazhi:district-committed'); // in the DOM, not yet laid out
      void table.current.offsetHeight; // lay it out now, to tell layout from paint in the bench
      performance.mark('fazhi:district-laid-out');
    }
  }, [matrix]);
  useEffect(() => {
    if (matrix && table.current && !table.current.dataset.rendered) {
      table.current.dataset.rendered = '1';
      performance.mark('fazhi:district-rendered');
    }
  }, [matrix]);

  if (error) return <ErrorText error={error} />;
  if (loading || !matrix) return <Loading />;

  const filter = FLAG_FILTERS.find((f) => f.value === flag) ?? FLAG_FILTERS[0]!; // the list is a non-empty constant
  const columns = matrix.columns.map((c, index) => ({ ...c, index })).filter((c) => !part || c.partCode === part);
  const statusOf = (cell: { status: ItemStatus; confirmedStatus: ItemStatus }) =>
    view === 'proposed' ? cell.status : cell.confirmedStatus;
  const visible = rows.filter((row) => {
    if (filter.value === 'REPORT_MISSING') return !row.hasReport;
    if (!filter.status) return true;
    return row.hasReport && columns.some((c) => statusOf(row.cells[c.index]!) === filter.status); // a cell per column
  });

  return (
    <>
      <h1>
        {matrix.parent.name} {matrix.year}年 覆盖热力图
      </h1>
      <p class="muted">
        {matrix.checklist.name} 第{matrix.checklist.version}版 · {rows.length}个报送单位 · {matrix.columns.length}个条目 ·{' '}
        <a href={`/app/gaps/${matrix.parent.id}/${matrix.year}`}>缺口清单与工作簿下载</a>
      </p>
      <div class="filters" role="group" aria-label="筛选">
        <label>
          部分{' '}
          <select value={part} onChange={(e) => setPart(e.currentTarget.value)} data-testid="part-filter">
            <option value="">全部</option>
            {matrix.checklist.parts.map((p) => (
              <option key={p.code} value={p.code}>
                {p.code}. {p.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          预警{' '}
          <select value={flag} onChange={(e) => setFlag(e.currentTarget.value)} data-testid="flag-filter">
            {FLAG_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          口径{' '}
          <select value={view} onChange={(e) => setView(e.currentTarget.value as 'proposed' | 'confirmed')}>
            <option value="proposed">拟定（已接受 + 待审核佐证）</option>
            <option value="confirmed">已确认（仅已接受佐证）</option>
          </select>
        </label>
      </div>
      <StatusLegend />
      <div class="matrix-wrap">
        {/* fixed layout with set column widths: the browser need not measure 6 200 cells */}
        <table
          class="matrix"
          ref={table}
          aria-label={`${matrix.parent.name} ${matrix.year}年 单位 × 条目 状态`}
          style={{ width: `${FIXED_COLUMNS_REM + columns.length * CELL_REM}rem` }}
        >
          <colgroup>
            <col style={{ width: '3rem' }} />
            <col style={{ width: '8rem' }} />
            <col style={{ width: '3.5rem' }} />
            <col style={{ width: '8.5rem' }} />
            <col style={{ width: '3rem' }} />
            <col style={{ width: '3rem' }} />
            {columns.map((c) => (
              <col key={c.code} style={{ width: `${CELL_REM}rem` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col">排名</th>
              <th scope="col">单位</th>
              <th scope="col">得分</th>
              <th scope="col">覆盖</th>
              <th scope="col">部分</th>
              <th scope="col">预警</th>
              {columns.map((c) => (
                <th scope="col" key={c.code} title={`${c.code} ${c.title}（${c.points}分）`} class="code">
                  {c.code}
                </th>
              ))}
            </tr>
          </thead>
          {/* 6 200 cells for 200 units: written as one HTML string (escaped), far faster than a
              virtual-DOM element per cell; the links are ordinary <a> the router intercepts */}
          <tbody
            dangerouslySetInnerHTML={{
              __html: visible
                .map((row) => {
                  const counts = view === 'proposed' ? row.proposed : row.confirmed;
                  const score = view === 'proposed' ? row.score.proposed : row.score.confirmed;
                  const unitLink = `/app/unit/${encodeURIComponent(row.unit.id)}/${matrix.year}`;
                  const name = escapeHtml(row.unit.name);
                  const cells = columns
                    .map((c) => {
                      const status = statusOf(row.cells[c.index]!); // a row has a cell per column
                      const dim = filter.status && status !== filter.status ? ' dim' : '';
                      const title = escapeHtml(`${row.unit.name} · ${c.code} ${c.title}：${STATUS[status].label}`);
                      const code = escapeHtml(c.code);
                      return `<td class="cell s-${status}${dim}" data-code="${code}" data-status="${status}"><a href="${unitLink}?item=${encodeURIComponent(c.code)}" title="${title}">${STATUS[status].letter}</a></td>`;
                    })
                    .join('');
                  const missing = row.hasReport ? '' : '<span class="tag" data-testid="report-missing">未报送</span>';
                  return (
                    `<tr class="${row.hasReport ? '' : 'no-report'}" data-unit="${name}"><td>${row.rank}</td>` +
                    `<th scope="row"><a href="${unitLink}">${name}</a>${missing}</th>` +
                    `<td class="num">${score.normalised.toFixed(1)}</td>` +
                    `<td class="num" title="覆盖率 ${percent(counts.ratio)}">${escapeHtml(coverageText(counts))}</td>` +
                    `<td class="num">${counts.partial}</td><td class="num">${row.flagCount}</td>${cells}</tr>`
                  );
                })
                .join(''),
            }}
          />
        </table>
      </div>
      {visible.length === 0 && <p>没有符合筛选条件的单位。</p>}
    </>
  );
}
