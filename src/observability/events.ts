/**
 * Domain events worth a log line (and a metric): an ingest, a review. The services call
 * these once per operation; the request's id ties them to the request line.
 */
import type { Outcome } from '../common/user-error';
import { log } from '../common/log';
import { metrics } from './metrics';
import { currentRequest } from './request-context';

/** One ingest: its result (`ingested`, `replaced`, `already_in`, `dry_run`, `refused`, `error`), unit, year and time. */
export function observeIngest(
  outcome: Outcome<{
    created: boolean;
    replaced: unknown;
    unit: { name: string };
    year: number;
    analysis: { claims: unknown[] };
    linkCount: number;
    report: unknown;
  }> | null,
  started: bigint,
  input: { source: string; actor: string; dryRun?: boolean },
  error?: unknown,
): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = !outcome
    ? 'error'
    : !outcome.ok
      ? 'refused'
      : input.dryRun
        ? 'dry_run'
        : outcome.value.created
          ? outcome.value.replaced
            ? 'replaced'
            : 'ingested'
          : 'already_in';
  metrics.recordIngest(result, seconds);
  const request = currentRequest();
  const fields = {
    event: 'ingest',
    result,
    source: input.source,
    actor: input.actor,
    ms: Math.round(seconds * 1000),
    ...(request ? { reqId: request.id } : {}),
    ...(outcome?.ok
      ? {
          unit: outcome.value.unit.name,
          year: outcome.value.year,
          claims: outcome.value.analysis.claims.length,
          links: outcome.value.linkCount,
        }
      : {}),
    ...(outcome && !outcome.ok ? { codes: outcome.errors.map((e) => e.code) } : {}),
  };
  if (error) log.error({ ...fields, err: error }, `ingest ${input.source}: error`);
  else log.info(fields, `ingest ${input.source}: ${result}`);
}

/** One review action on a link: accepted, rejected, reopened, or refused with a code. */
export function observeReview(
  outcome: Outcome<{ id: number; state: string; version: number }>,
  input: { linkId: number; action: string; actor: string },
): void {
  const request = currentRequest();
  const fields = {
    event: 'review',
    linkId: input.linkId,
    action: input.action,
    actor: input.actor,
    ...(request ? { reqId: request.id } : {}),
    ...(outcome.ok ? { state: outcome.value.state, version: outcome.value.version } : { codes: outcome.errors.map((e) => e.code) }),
  };
  log.info(fields, `review link ${input.linkId} ${input.action}: ${outcome.ok ? outcome.value.state : outcome.errors[0]?.code}`);
}
