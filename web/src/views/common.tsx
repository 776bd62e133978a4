// Small pieces shared by the views.
import type { ApiError } from '../api';
import type { ItemStatus } from '../gql/graphql';
import { STATUS, STATUS_ORDER } from '../labels';

export function Loading() {
  return (
    <p aria-busy="true" class="muted">
      正在加载…
    </p>
  );
}

export function ErrorText(props: { error: ApiError | string }) {
  return (
    <p role="alert" class="error">
      {typeof props.error === 'string' ? props.error : props.error.message}
    </p>
  );
}

/** A status as colour, pattern and letter, with its Chinese name for screen readers and on hover. */
export function StatusBadge(props: { status: ItemStatus; prefix?: string }) {
  const s = STATUS[props.status];
  return (
    <span class={`badge s-${props.status}`} title={`${props.prefix ?? ''}${s.label}`}>
      {props.prefix}
      <span aria-hidden="true">{s.letter}</span> {s.label}
    </span>
  );
}

export function StatusLegend() {
  return (
    <ul class="legend" aria-label="图例">
      {STATUS_ORDER.map((status) => (
        <li key={status}>
          <span class={`cell-swatch s-${status}`} aria-hidden="true">
            {STATUS[status].letter}
          </span>
          {STATUS[status].label}
        </li>
      ))}
    </ul>
  );
}

export function yearOf(value: string): number {
  const year = Number(value);
  return Number.isInteger(year) ? year : 0;
}
