// Review queue: proposed links, those whose decision would change an item's status first.
import { useState } from 'preact/hooks';
import { ApiError, request, useQuery } from '../api';
import type { ItemStatus, Polarity } from '../gql/graphql';
import { LINK_STATE, POLARITY, STATUS } from '../labels';
import { AddLinkMutation, ReviewLinkMutation, UnitYearQuery as UnitYearDocument } from '../operations';
import { mayReview, useViewer } from '../viewer';
import { ErrorText, Loading, yearOf } from './common';
import { PolarityLegend, ReportText, type ClaimData } from './report-text';
import { Summary, type AssessmentData } from './unit-year';

const STALE = '其他人已处理此项：请刷新';

interface QueueEntry {
  link: ClaimData['links'][number];
  claim: ClaimData;
  item: AssessmentData['items'][number] | undefined;
  /** accepting it would change the item's confirmed status */
  acceptChanges: boolean;
  /** rejecting it would change the item's proposed status (it is the item's only such claim) */
  rejectChanges: boolean;
}

/** How far a status goes: positive evidence (COVERED, PARTIAL) over plans over shortcomings over nothing. */
const LEVEL: Record<ItemStatus, number> = { COVERED: 3, PARTIAL: 3, PLANNED_ONLY: 2, NEGATIVE_ONLY: 1, MISSING: 0, NOT_APPLICABLE: -1 };
const POLARITY_LEVEL: Record<Polarity, number> = { POSITIVE: 3, PLAN: 2, NEGATIVE: 1 };

/**
 * Orders the proposed links by impact, computed from the assessment alone (statuses go
 * COVERED/PARTIAL → PLANNED_ONLY → NEGATIVE_ONLY → MISSING, by the best evidence an item has):
 * accepting a link changes the item's confirmed status when the link is better evidence
 * than the accepted links so far (or, for positive evidence, when the confirmed status
 * still differs from the proposed one); rejecting it changes the proposed status when it is
 * the only non-rejected link of the kind that gives the item its status.
 */
function reviewQueue(a: AssessmentData): QueueEntry[] {
  const items = new Map(a.items.map((i) => [i.code, i]));
  const claims = a.report?.claims ?? [];
  const support = new Map<string, number>();
  const key = (code: string, polarity: Polarity) => `${code}|${polarity}`;
  for (const claim of claims)
    for (const link of claim.links)
      if (link.state !== 'REJECTED')
        support.set(key(link.item.code, claim.polarity), (support.get(key(link.item.code, claim.polarity)) ?? 0) + 1);
  const entries: QueueEntry[] = [];
  for (const claim of claims)
    for (const link of claim.links) {
      if (link.state !== 'PROPOSED' && link.state !== 'SUSPECT') continue; // SUSPECT: accepted before the item's wording changed
      const item = items.get(link.item.code);
      const level = POLARITY_LEVEL[claim.polarity];
      const acceptChanges =
        !!item &&
        item.status !== 'NOT_APPLICABLE' &&
        (LEVEL[item.confirmedStatus] < level || (level === 3 && item.confirmedStatus !== item.status && LEVEL[item.status] === 3));
      const rejectChanges = !!item && LEVEL[item.status] === level && support.get(key(link.item.code, claim.polarity)) === 1;
      entries.push({ link, claim, item, acceptChanges, rejectChanges });
    }
  const impact = (e: QueueEntry) => Number(e.acceptChanges) + Number(e.rejectChanges);
  return entries.sort(
    (x, y) =>
      impact(y) - impact(x) ||
      POLARITY_LEVEL[y.claim.polarity] - POLARITY_LEVEL[x.claim.polarity] ||
      y.link.confidence - x.link.confidence ||
      x.claim.start - y.claim.start,
  );
}

export function ReviewView(props: { unitId: string; year: string }) {
  const year = yearOf(props.year);
  const viewer = useViewer();
  const { data, error, loading, reload } = useQuery(UnitYearDocument, { unitId: props.unitId, year, fromYear: year - 1 });
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [selectedClaim, setSelectedClaim] = useState('');

  if (!mayReview(viewer)) return <ErrorText error="只有审核员或管理员可以审核佐证。" />;
  if (error) return <ErrorText error={error} />;
  if (!data) return <Loading />;
  const a = data.assessment;
  const report = a.report;
  if (!report) return <p>本年度未报送报告，没有可审核的佐证。</p>;
  const queue = reviewQueue(a);

  async function decide(entry: QueueEntry, action: 'ACCEPT' | 'REJECT', reason?: string) {
    const id = entry.link.id;
    const apiAction = action === 'ACCEPT' && entry.link.state === 'SUSPECT' ? 'CONFIRM' : action;
    if (action === 'REJECT' && !reason?.trim()) {
      setMessages((m) => ({ ...m, [id]: '驳回需要填写理由。' }));
      return;
    }
    setBusy(id);
    try {
      const result = await request(ReviewLinkMutation, {
        input: { linkId: id, action: apiAction, expectedVersion: entry.link.version, reason: reason?.trim() || null },
      });
      const problem = result.reviewEvidenceLink.userErrors[0];
      if (problem) {
        setMessages((m) => ({ ...m, [id]: problem.code === 'STALE_VERSION' ? STALE : problem.message }));
      } else {
        setMessages((m) => ({ ...m, [id]: '' }));
        await reload();
      }
    } catch (e) {
      setMessages((m) => ({ ...m, [id]: (e as ApiError).message }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <h1>
        审核队列：{a.unit.name} {a.year}年
      </h1>
      <nav class="muted" aria-label="相关页面">
        <a href={`/app/unit/${a.unit.id}/${a.year}`}>报告与考核</a>
      </nav>
      <Summary assessment={a} />
      {loading && (
        <p aria-busy="true" class="muted">
          正在刷新…
        </p>
      )}
      <section aria-labelledby="queue-h">
        <h2 id="queue-h">待审核佐证（{queue.length}）</h2>
        <p class="muted">会改变条目状态的在前。接受计入“已确认覆盖”；驳回需要理由。</p>
        <ol class="queue" data-testid="queue">
          {queue.map((entry) => (
            <QueueRow
              key={entry.link.id}
              entry={entry}
              raw={report.rawText}
              busy={busy === entry.link.id}
              message={messages[entry.link.id]}
              onDecide={decide}
              onReload={() => void reload()}
            />
          ))}
        </ol>
      </section>
      <AddLink assessment={a} selectedClaim={selectedClaim} setSelectedClaim={setSelectedClaim} onAdded={reload} />
      <section aria-labelledby="text-h">
        <h2 id="text-h">报告原文（选中一段文字即可为其添加佐证）</h2>
        <PolarityLegend />
        <ReportText report={report} onSelectClaim={setSelectedClaim} />
      </section>
    </>
  );
}

function QueueRow(props: {
  entry: QueueEntry;
  raw: string;
  busy: boolean;
  message: string | undefined;
  onDecide: (entry: QueueEntry, action: 'ACCEPT' | 'REJECT', reason?: string) => Promise<void>;
  onReload: () => void;
}) {
  const { entry } = props;
  const [reason, setReason] = useState('');
  const { link, claim, item } = entry;
  const reasonId = `reason-${link.id}`;
  return (
    <li
      class="queue-row"
      data-link-id={link.id}
      data-item={link.item.code}
      data-polarity={claim.polarity}
      data-accept-changes={String(entry.acceptChanges)}
      data-reject-changes={String(entry.rejectChanges)}
    >
      <p>
        <strong>
          {link.item.code} {link.item.title}
        </strong>{' '}
        {item && `（拟定 ${STATUS[item.status].label}，已确认 ${STATUS[item.confirmedStatus].label}）`}
        {(entry.acceptChanges || entry.rejectChanges) && <span class="tag">决定将改变状态</span>}
      </p>
      <blockquote>
        <a href={`#claim-${claim.localId}`}>{claim.localId}</a> {POLARITY[claim.polarity]}：{props.raw.slice(claim.start, claim.end)}
      </blockquote>
      <p class="muted">
        {LINK_STATE[link.state]} · 置信度 {link.confidence.toFixed(2)} · 规则 {link.rule}
        {link.matched.length > 0 && ` · 命中 ${link.matched.join('、')}`}
      </p>
      <div class="actions">
        <button type="button" disabled={props.busy} onClick={() => void props.onDecide(entry, 'ACCEPT')}>
          接受
        </button>
        <label for={reasonId}>驳回理由</label>
        <input id={reasonId} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        <button type="button" disabled={props.busy} onClick={() => void props.onDecide(entry, 'REJECT', reason)}>
          驳回
        </button>
      </div>
      {props.message && (
        <p role="alert" class="error">
          {props.message}{' '}
          {props.message === STALE && (
            <button type="button" onClick={props.onReload}>
              刷新
            </button>
          )}
        </p>
      )}
    </li>
  );
}

function AddLink(props: {
  assessment: AssessmentData;
  selectedClaim: string;
  setSelectedClaim: (id: string) => void;
  onAdded: () => Promise<void>;
}) {
  const claims = props.assessment.report?.claims ?? [];
  const [itemId, setItemId] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const raw = props.assessment.report?.rawText ?? '';
  async function add(e: Event) {
    e.preventDefault();
    if (!props.selectedClaim || !itemId) return setMessage('请选择表述和条目。');
    try {
      const result = await request(AddLinkMutation, { input: { claimId: props.selectedClaim, itemId, reason: reason.trim() || null } });
      const problem = result.addEvidenceLink.userErrors[0];
      if (!problem) await props.onAdded(); // the coverage and the queue first, then the message
      setMessage(problem ? problem.message : '已添加佐证。');
    } catch (error) {
      setMessage((error as ApiError).message);
    }
  }
  return (
    <section aria-labelledby="add-h">
      <h2 id="add-h">添加佐证</h2>
      {/* add catches its own errors and shows them in the message line: nothing to wait for here */}
      <form onSubmit={(e) => void add(e)} class="add-link">
        <label>
          表述{' '}
          <select value={props.selectedClaim} onChange={(e) => props.setSelectedClaim(e.currentTarget.value)} data-testid="add-claim">
            <option value="">（在原文中选中文字，或在此选择）</option>
            {claims.map((c) => (
              <option key={c.id} value={c.id}>
                {c.localId} {raw.slice(c.start, Math.min(c.end, c.start + 40))}
              </option>
            ))}
          </select>
        </label>
        <label>
          条目{' '}
          <select value={itemId} onChange={(e) => setItemId(e.currentTarget.value)} data-testid="add-item">
            <option value="">（选择条目）</option>
            {props.assessment.items.map((i) => (
              <option key={i.code} value={i.item.id}>
                {i.code} {i.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          理由 <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit">添加佐证</button>
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
