// Gaps of a district and year, most severe first, and the district workbook through exportDistrict.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import type { GapsQuery as GapsData } from '../gql/graphql';
import { FLAG, SEVERITY, SEVERITY_RANK } from '../labels';
import { ExportMutation, GapsQuery } from '../operations';
import { ErrorText, Loading, yearOf } from './common';

type FlagNode = GapsData['flags']['edges'][number]['node'];

/** Every page of the flags (Relay pagination), and the district's name. */
async function loadGaps(unitId: string, year: number): Promise<{ name: string; flags: FlagNode[] }> {
  const flags: FlagNode[] = [];
  let after: string | null = null;
  let name = '';
  do {
    const page: GapsData = await request(GapsQuery, { unitId, year, after });
    if (!page.unit) throw new ApiError('找不到该单位，或它不在您的范围内。', 'NOT_FOUND');
    name = page.unit.name;
    flags.push(...page.flags.edges.map((e) => e.node));
    after = page.flags.pageInfo.hasNextPage ? (page.flags.pageInfo.endCursor ?? null) : null;
  } while (after);
  // the server orders by severity already; a stable sort keeps its order within a severity
  flags.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return { name, flags };
}

export function GapsView(props: { unitId: string; year: string }) {
  const year = yearOf(props.year);
  const [data, setData] = useState<{ name: string; flags: FlagNode[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setData(null);
    loadGaps(props.unitId, year).then(setData, (e: ApiError) => setError(e));
  }, [props.unitId, year]);
  if (error) return <ErrorText error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <h1>
        {data.name} {year}年 缺口清单
      </h1>
      <p class="muted">
        <a href={`/app/district/${props.unitId}/${year}`}>覆盖热力图</a> · 共 {data.flags.length}{' '}
        条（无佐证、指标未达标、仅有计划、未报送报告），严重的在前
      </p>
      <ExportButton unitId={props.unitId} year={year} />
      <table class="gaps" data-testid="gaps">
        <thead>
          <tr>
            <th scope="col">严重度</th>
            <th scope="col">单位</th>
            <th scope="col">条目</th>
            <th scope="col">预警</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {data.flags.map((f) => {
            const href = f.unit
              ? `/app/unit/${f.unit.id}/${year}${f.itemCode ? `?item=${encodeURIComponent(f.itemCode)}` : ''}`
              : undefined;
            return (
              <tr
                key={f.id ?? `${f.unit?.id}-${f.code}-${f.itemCode}`}
                class={`sev-${f.severity}`}
                data-code={f.code}
                data-severity={f.severity}
              >
                <td>{SEVERITY[f.severity]}</td>
                <td>{href ? <a href={href}>{f.unit?.name}</a> : f.unit?.name}</td>
                <td>{f.itemCode ?? '—'}</td>
                <td>{FLAG[f.code]}</td>
                <td>{f.message}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function ExportButton(props: { unitId: string; year: number }) {
  const [state, setState] = useState<{ busy: boolean; message?: string; files?: { fileName: string; path: string; bytes: number }[] }>({
    busy: false,
  });
  async function run() {
    setState({ busy: true });
    try {
      const result = await request(ExportMutation, { input: { parentUnitId: props.unitId, year: props.year, format: 'XLSX' } });
      const problem = result.exportDistrict.userErrors[0];
      setState(problem ? { busy: false, message: problem.message } : { busy: false, files: result.exportDistrict.files });
    } catch (e) {
      setState({ busy: false, message: (e as ApiError).message });
    }
  }
  return (
    <div class="export">
      <button type="button" onClick={() => void run()} disabled={state.busy}>
        生成工作簿（XLSX）
      </button>
      {state.files?.map((f) => (
        <a key={f.path} href={f.path} download={f.fileName} data-testid="download">
          下载 {f.fileName}（{Math.ceil(f.bytes / 1024)} KB，10 分钟内有效）
        </a>
      ))}
      {state.message && (
        <p role="alert" class="error">
          {state.message}
        </p>
      )}
    </div>
  );
}
