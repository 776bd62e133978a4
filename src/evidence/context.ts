import type { ChecklistItemDefinition } from '../checklist/types';
import { matchClaims, SKIPPED_SECTION_KINDS, type MatchableClaim } from './matcher';
import type { ProposedLink } from './types';

/**
 * A claim's context: what a sentence is about is often said once, above it, and not repeated.
 * Chinese reports write a topic as a heading (`（一）强化组织领导`) or as the lead clause of an
 * enumeration (`一是坚持党的集中统一领导，凝聚法治建设强大合力。`) and then list the work
 * under it in sentences that name only the work (`成立以镇党委书记为主任的依法治理委员会`).
 *
 * {@link withContext}: a claim that NO signal linked (no rule, no similarity) inherits the
 * rule links of its context, in this order, the first that links anything:
 * 1. the lead clause it follows: the nearest earlier claim of the same section that opens with
 *    an enumeration marker (一是/二是…, 第一，/第二、…), unless the claim is a lead itself;
 * 2. its nearest non-empty section heading (`AnalysedClaim.headings[0]`).
 * The context is read by the same rules as a claim (document names blanked, excludes,
 * learnt term weights); inherited links keep the method `RULE`, their `rule` says where they
 * came from (`lead`, `heading`), `matched` the context's words, and their confidence is the
 * context link's times {@link CONTEXT_FACTOR}: a sentence under a heading is weaker evidence
 * than one naming the work. A claim with links of its own never inherits (its own words win).
 * When neither context links anything by rule and a `similarity` is given (the combined signal),
 * the claim's text followed by its lead clause and heading is scored by the similarity instead,
 * with the model's own threshold; its best link is kept (`rule: similarity+context`).
 * Claims read back from storage get their headings again from the stored sections (matcher-input.store.ts).
 */

/** Confidence of an inherited link relative to the context's own link. */
export const CONTEXT_FACTOR = 0.8;

/** A claim that opens an enumeration: 一是 … 十是, 第一，/第二、… */
const LEAD_CLAUSE = /^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、：:])/u;

/** Whether a claim opens an enumeration (its topic carries over to the sentences after it). */
export function isLeadClause(text: string): boolean {
  return LEAD_CLAUSE.test(text.trim());
}

/**
 * The rule links of a claim read with a context's text, remembered per checklist (`items`
 * array), claim object and text: fitting a model re-reads the same contexts at every threshold.
 */
const contextMemo = new WeakMap<readonly ChecklistItemDefinition[], WeakMap<MatchableClaim, Map<string, ProposedLink[]>>>();

function contextRuleLinks(
  claim: MatchableClaim,
  text: string,
  items: readonly ChecklistItemDefinition[],
  sameText: Map<string, ProposedLink[]>,
): ProposedLink[] {
  let byClaim = contextMemo.get(items);
  if (!byClaim) {
    byClaim = new WeakMap();
    contextMemo.set(items, byClaim);
  }
  let byText = byClaim.get(claim);
  if (!byText) {
    byText = new Map();
    byClaim.set(claim, byText);
  }
  const known = byText.get(text);
  if (known) return known;
  // a report's claims share their headings: a text's rule links depend on it alone (the claims read are never skipped,
  // no metric is given), so another claim with the same context text takes them with its own id
  const other = sameText.get(text);
  const found = other ? other.map((l) => ({ ...l, claimId: claim.id })) : matchClaims([{ ...claim, text }], [], items);
  if (!other) sameText.set(text, found);
  byText.set(text, found);
  return found;
}

/**
 * Adds inherited links for claims without links (see the module comment). `weigh` applies the
 * learnt term weights to rule links (identity when none); `similarity` proposes at most one
 * similarity link for a claim (with its context) or none. Output: the claims in input order,
 * each claim's own links first.
 */
export function withContext(
  claims: readonly MatchableClaim[],
  items: readonly ChecklistItemDefinition[],
  links: readonly ProposedLink[],
  weigh: (links: ProposedLink[]) => ProposedLink[] = (l) => l,
  similarity?: (claim: MatchableClaim) => ProposedLink[],
): ProposedLink[] {
  const linked = new Set(links.map((l) => l.claimId));
  const inherited: ProposedLink[] = [];
  const sameText = new Map<string, ProposedLink[]>();
  let lead: MatchableClaim | null = null;
  for (const claim of claims) {
    if (isLeadClause(claim.text)) lead = claim;
    else if (lead && lead.sectionPath !== claim.sectionPath) lead = null;
    if (linked.has(claim.id) || SKIPPED_SECTION_KINDS.includes(claim.sectionKind)) continue;
    const contexts: { rule: string; text: string }[] = [];
    if (lead && lead !== claim) contexts.push({ rule: 'lead', text: lead.text });
    const heading = claim.headings?.[0];
    if (heading) contexts.push({ rule: 'heading', text: heading });
    let found = false;
    for (const context of contexts) {
      const own = weigh(contextRuleLinks(claim, context.text, items, sameText));
      if (own.length === 0) continue;
      for (const l of own) {
        inherited.push({ ...l, rule: context.rule, confidence: Math.round(l.confidence * CONTEXT_FACTOR * 100) / 100 });
      }
      found = true;
      break;
    }
    if (!found && similarity && contexts.length > 0) {
      // no rule in the context either: the similarity reads the claim together with its context
      const text = [claim.text, ...contexts.map((c) => c.text)].join('\n');
      for (const l of similarity({ ...claim, text })) inherited.push({ ...l, claimId: claim.id, rule: 'similarity+context' });
    }
  }
  if (inherited.length === 0) return [...links];
  const order = new Map(claims.map((c, i) => [c.id, i]));
  return [...links, ...inherited].sort((a, b) => (order.get(a.claimId) ?? 0) - (order.get(b.claimId) ?? 0));
}
