// One unit and year: the report with its claims lit up, each item's status and why, year over year.
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useQuery } from '../api';
import type { UnitYearQuery } from '../gql/graphql';
import { CHANGE, FLAG, LINK_STATE, SEVERITY, STATUS, coverageText } from '../labels';
import { UnitYearQuery as UnitYearDocument } from '../operations';
import { mayReview, useViewer } from '../viewer';
import { ErrorText, Loading, StatusBadge, StatusLegend, yearOf } from './common';
import { PolarityLegend, ReportText } from './report-text';

export type AssessmentData = UnitYearQuery['assessment'];
type ItemData = AssessmentData['items'][number];

export function UnitYearView(props: { unitId: string; year: string }) {
  const year = yearOf(props.year);
  const { query } = useLocation();
  const { data, error, loading } = useQuery(UnitYearDocument, { unitId: props.unitId, year, fromYear: year - 1 });
  const viewer = useViewer();

  useEffect(() => {
    if (!data || !query.item) return;
    const target = document.getElementById(`item-${query.item}`);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  }, [data, query.item]);

  if (error) return <ErrorText error={error} />;
  if (loading || !data) return <Loading />;
  const a = data.assessment;
  const changes = data.compare.items.filter((i) => i.change !== 'UNCHANGED');
  return (
    <>
      <h1>
        {a.unit.name} {a.year}年
      </h1>
      <nav class="muted" aria-label="相关页面">
        {a.unit.parent && (
          <>
            <a href={`/app/district/${a.unit.parent.id}/${a.year}`}>{a.unit.parent.name} 覆盖热力图</a> ·{' '}
          </>
        )}
        {mayReview(viewer) && a.report && <a href={`/app/review/${a.unit.id}/${a.year}`}>审核队列</a>}
      </nav>
      <Summary assessment={a} />
      {a.flags.some((f) => !f.itemCode) && (
        <ul class="flags">
          {a.flags
            .filter((f) => !f.itemCode)
            .map((f) => (
              <li key={f.code} class={`sev-${f.severity}`}>
                {SEVERITY[f.severity]} · {FLAG[f.code]}：{f.message}
              </li>
            ))}
        </ul>
      )}
      <section aria-labelledby="yoy">
        <h2 id="yoy">与{data.compare.fromYear}年相比</h2>
        <p data-testid="yoy-score">
          拟定得分 {data.compare.proposedScore.from.toFixed(1)} → {data.compare.proposedScore.to.toFixed(1)}（
          {data.compare.proposedScore.delta >= 0 ? '+' : ''}
          {data.compare.proposedScore.delta.toFixed(1)}）
        </p>
        {changes.length > 0 ? (
          <ul class="plain">
            {changes.map((c) => (
              <li key={c.code}>
                <a href={`#item-${c.code}`}>{c.code}</a> {c.title}：{CHANGE[c.change]}
                {c.fromStatus && c.toStatus && ` （${STATUS[c.fromStatus].label} → ${STATUS[c.toStatus].label}）`}
                {c.metrics.map((m) => (
                  <span key={m.metric}>
                    {' '}
                    · {m.metric} {m.from ?? '—'} → {m.to ?? '—'}
                    {m.unit}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        ) : (
          <p>没有变化的条目。</p>
        )}
      </section>
      {a.report ? (
        <div class="split">
          <section aria-labelledby="report-h" class="pane">
            <h2 id="report-h">报告原文</h2>
            <p class="muted">来源：{a.report.source}</p>
            <PolarityLegend />
            <ReportText report={a.report} />
          </section>
          <section aria-labelledby="items-h" class="pane">
            <h2 id="items-h">条目</h2>
            <StatusLegend />
            {a.items.map((item) => (
              <ItemCard key={item.code} item={item} />
            ))}
          </section>
        </div>
      ) : (
        <p data-testid="no-report">本年度未报送报告：每个条目都是“无佐证”。</p>
      )}
    </>
  );
}

export function Summary(props: { assessment: AssessmentData }) {
  const a = props.assessment;
  return (
    <dl class="summary">
      <dt>拟定覆盖</dt>
      <dd data-testid="proposed-coverage">
        {coverageText(a.coverage.proposed)}，部分 {a.coverage.proposed.partial}
      </dd>
      <dt>已确认覆盖</dt>
      <dd data-testid="confirmed-coverage" data-covered={a.coverage.confirmed.covered} data-partial={a.coverage.confirmed.partial}>
        {coverageText(a.coverage.confirmed)}，部分 {a.coverage.confirmed.partial}
      </dd>
      <dt>得分</dt>
      <dd>
        拟定 {a.score.proposed.normalised.toFixed(1)} · 已确认 {a.score.confirmed.normalised.toFixed(1)}
      </dd>
      <dt>清单</dt>
      <dd>
        {a.checklist.name} 第{a.checklist.version}版{a.locked ? ' · 已锁定' : ''}
      </dd>
    </dl>
  );
}

function ItemCard(props: { item: ItemData }) {
  const { item } = props;
  const claimList = (label: string, list: { claim: { localId: string }; link?: { state: keyof typeof LINK_STATE } | null }[]) =>
    list.length > 0 && (
      <p>
        {label}：
        {list.map((e, i) => (
          <span key={e.claim.localId}>
            {i > 0 && '、'}
            <a href={`#claim-${e.claim.localId}`}>{e.claim.localId}</a>
            {e.link && `（${LINK_STATE[e.link.state]}）`}
          </span>
        ))}
      </p>
    );
  return (
    <article id={`item-${item.code}`} tabIndex={-1} class="item" data-code={item.code} data-status={item.status}>
      <h3>
        {item.code} {item.title} <StatusBadge status={item.status} prefix="拟定：" />{' '}
        {item.confirmedStatus !== item.status && <StatusBadge status={item.confirmedStatus} prefix="已确认：" />}
      </h3>
      <p class="explanation">{item.explanation}</p>
      {item.targets.length > 0 && (
        <table class="targets">
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">报告值</th>
              <th scope="col">要求</th>
              <th scope="col">结果</th>
            </tr>
          </thead>
          <tbody>
            {item.targets.map((t) => (
              <tr key={t.metric}>
                <td>{t.metric}</td>
                <td>
                  {t.value === null || t.value === undefined ? '未报告' : `${t.value}${t.unit}${t.qualifier === 'APPROX' ? '（约）' : ''}`}
                </td>
                <td>{t.op ? `${t.op} ${t.threshold}${t.unit}` : '仅采集'}</td>
                <td>{t.met === true ? '✓ 达标' : t.met === false ? '✗ 未达标' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {claimList('佐证', item.evidence)}
      {claimList('计划', item.plans)}
      {claimList('不足', item.shortcomings)}
      {item.flags.length > 0 && (
        <ul class="flags">
          {item.flags.map((f) => (
            <li key={f.code} class={`sev-${f.severity}`}>
              {SEVERITY[f.severity]} · {FLAG[f.code]}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
