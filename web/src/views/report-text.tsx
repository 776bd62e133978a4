// A report's raw text with each claim's span marked by polarity, and its evidence links beside it.
import type { UnitYearQuery } from '../gql/graphql';
import { LINK_STATE, POLARITY } from '../labels';

export type ReportData = NonNullable<UnitYearQuery['assessment']['report']>;
export type ClaimData = ReportData['claims'][number];

/**
 * Splits the raw text at the claims' offsets: `raw.slice(start, end)` is each claim's
 * exact original text (claims are in document order and do not overlap).
 */
function segments(raw: string, claims: readonly ClaimData[]): { text: string; claim?: ClaimData }[] {
  const out: { text: string; claim?: ClaimData }[] = [];
  let at = 0;
  for (const claim of [...claims].sort((a, b) => a.start - b.start)) {
    if (claim.start < at || claim.end > raw.length) continue;
    if (claim.start > at) out.push({ text: raw.slice(at, claim.start) });
    out.push({ text: raw.slice(claim.start, claim.end), claim });
    at = claim.end;
  }
  if (at < raw.length) out.push({ text: raw.slice(at) });
  return out;
}

export function ReportText(props: { report: ReportData; onSelectClaim?: (claimId: string) => void }) {
  const { report } = props;
  const onSelect = () => {
    if (!props.onSelectClaim) return;
    const selection = window.getSelection();
    const node = selection && !selection.isCollapsed ? selection.anchorNode : null;
    const element = node instanceof Element ? node : node?.parentElement;
    const mark = element?.closest('mark[data-claim-id]');
    if (mark instanceof HTMLElement && mark.dataset.claimId) props.onSelectClaim(mark.dataset.claimId);
  };
  return (
    <div class="report-text" data-report-text onMouseUp={onSelect} onKeyUp={onSelect} aria-label="报告原文">
      {segments(report.rawText, report.claims).map((seg, i) => {
        const claim = seg.claim;
        if (!claim) return <span key={i}>{seg.text}</span>;
        const links = claim.links.filter((l) => l.state !== 'REJECTED');
        const metrics = claim.metrics.map((m) => m.metric).filter(Boolean);
        return (
          <span key={i}>
            <mark
              id={`claim-${claim.localId}`}
              class={`pol pol-${claim.polarity}`}
              data-claim={claim.localId}
              data-claim-id={claim.id}
              data-polarity={claim.polarity}
              data-metrics={metrics.join(' ')}
              title={`${claim.localId} · ${POLARITY[claim.polarity]} · ${claim.sectionPath}`}
            >
              {seg.text}
            </mark>
            {links.length > 0 && (
              <span class="link-badges" aria-label={`${claim.localId} 的佐证关联`}>
                {links.map((l) => (
                  <a
                    key={l.id}
                    href={`#item-${l.item.code}`}
                    class={`link-badge st-${l.state}`}
                    title={`${l.item.code} ${l.item.title}：${LINK_STATE[l.state]}`}
                  >
                    {l.item.code}
                    {l.state === 'ACCEPTED' ? '✓' : '?'}
                  </a>
                ))}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}

export function PolarityLegend() {
  return (
    <ul class="legend" aria-label="表述图例">
      <li>
        <mark class="pol pol-POSITIVE">已做工作</mark>
      </li>
      <li>
        <mark class="pol pol-NEGATIVE">不足</mark>
      </li>
      <li>
        <mark class="pol pol-PLAN">计划</mark>
      </li>
      <li>
        <span class="link-badge st-ACCEPTED">7.4✓</span> 已接受佐证 · <span class="link-badge st-PROPOSED">7.4?</span> 待审核佐证
      </li>
    </ul>
  );
}
