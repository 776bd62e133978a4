// Home: the caller's scope, and a link to every district-year and unit-year it may see.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import type { HomeReportsQuery as HomeData } from '../gql/graphql';
import { HomeReportsQuery } from '../operations';
import { mayReview, useViewer } from '../viewer';
import { ErrorText, Loading } from './common';

type ReportNode = HomeData['reports']['edges'][number]['node'];

/** Reads every page of the caller's reports (Relay pagination). */
async function allReports(): Promise<ReportNode[]> {
  const out: ReportNode[] = [];
  let after: string | null | undefined = null;
  do {
    const page: HomeData = await request(HomeReportsQuery, { after });
    out.push(...page.reports.edges.map((e) => e.node));
    after = page.reports.pageInfo.hasNextPage ? page.reports.pageInfo.endCursor : null;
  } while (after);
  return out;
}

export function HomeView() {
  const viewer = useViewer();
  const [reports, setReports] = useState<ReportNode[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    allReports().then(setReports, (e: ApiError) => setError(e));
  }, []);
  if (error) return <ErrorText error={error} />;
  if (!reports) return <Loading />;

  const districts = new Map<string, { id: string; name: string; years: Set<number> }>();
  for (const r of reports) {
    const parent = r.unit.parent;
    if (!parent) continue; // outside the caller's scope: not shown
    const d = districts.get(parent.id) ?? { id: parent.id, name: parent.name, years: new Set<number>() };
    d.years.add(r.year);
    districts.set(parent.id, d);
  }
  const review = mayReview(viewer);
  return (
    <>
      <h1>首页</h1>
      {districts.size > 0 && (
        <section>
          <h2>辖区</h2>
          <ul class="plain">
            {[...districts.values()].map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong>
                {[...d.years]
                  .sort((a, b) => b - a)
                  .map((year) => (
                    <span key={year} class="year-links">
                      {' '}
                      {year}年：<a href={`/app/district/${d.id}/${year}`}>覆盖热力图</a> ·{' '}
                      <a href={`/app/gaps/${d.id}/${year}`}>缺口清单</a>
                    </span>
                  ))}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>年度报告</h2>
        {reports.length === 0 ? (
          <p>您的范围内还没有报告。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col">年度</th>
                <th scope="col">查看</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>{r.unit.name}</td>
                  <td>{r.year}</td>
                  <td>
                    <a href={`/app/unit/${r.unit.id}/${r.year}`}>报告与考核</a>
                    {review && (
                      <>
                        {' · '}
                        <a href={`/app/review/${r.unit.id}/${r.year}`}>审核队列</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
