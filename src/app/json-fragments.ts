/**
 * A value of an answer that is already JSON text: written into the HTTP answer as it is by
 * {@link stringifyAnswer} (Apollo's `stringifyResult`), instead of being built as objects and
 * serialised. Node 20 has no `JSON.rawJSON`, so `JSON.stringify` writes a placeholder string
 * for each fragment (its `toJSON`) and the placeholders are replaced by the fragments' text
 * afterwards. A placeholder carries a random token of this process, which no string of the
 * data can guess; outside {@link stringifyAnswer} a fragment is written as the value its text
 * parses to, so any other `JSON.stringify` gives the same JSON.
 *
 * The answer's text is then the placeholders' surroundings and the fragments one after the
 * other: {@link stringifyAnswer} keeps those parts for the request ({@link WRITTEN_ANSWER} in its
 * `answerSources`), so the HTTP handler can write them as bytes without first joining them
 * into one string — the fragments are ASCII, the rest holds Chinese names, and encoding a
 * joined string of 436 KB with both kinds of characters costs milliseconds where encoding the
 * parts apart costs a tenth of one.
 */
import { randomUUID } from 'node:crypto';

const TOKEN = `fazhi-json-fragment-${randomUUID()}-`;

/** The key of a {@link WrittenAnswer} in a request's `answerSources`. */
export const WRITTEN_ANSWER = 'answer.parts';

/** An answer's text and the parts it is made of, in order. */
export interface WrittenAnswer {
  text: string;
  parts: string[];
}

/** The fragments met by the `JSON.stringify` that {@link stringifyAnswer} is running (it is synchronous), else null. */
let pending: JsonFragment[] | null = null;

export class JsonFragment {
  /**
   * `text`: one JSON value, valid JSON text, whole or in parts (written one after the other;
   * text with characters beyond ASCII kept in parts of its own keeps the rest cheap to
   * encode); `sources`: the request's `answerSources`, where the written answer's parts are kept
   */
  constructor(
    text: string | readonly string[],
    readonly sources: Map<string, unknown>,
  ) {
    this.parts = typeof text === 'string' ? [text] : text;
  }

  readonly parts: readonly string[];

  /** the fragment's text */
  get json(): string {
    return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
  }

  toJSON(): unknown {
    if (pending === null) return JSON.parse(this.json) as unknown;
    pending.push(this);
    return `${TOKEN}${pending.length - 1}`;
  }
}

/**
 * The answer's text as Apollo writes it (`JSON.stringify(value) + '\n'`), each
 * {@link JsonFragment} written as its text.
 */
export function stringifyAnswer(value: unknown): string {
  pending = [];
  let text: string;
  let fragments: JsonFragment[];
  try {
    text = JSON.stringify(value);
  } finally {
    fragments = pending;
    pending = null;
  }
  if (fragments.length === 0) return `${text}\n`;
  const quoted = `"${TOKEN}`;
  const parts: string[] = [];
  let from = 0;
  for (const [index, fragment] of fragments.entries()) {
    // the placeholders are met in the order JSON.stringify wrote them
    const at = text.indexOf(`${quoted}${index}"`, from);
    if (at < 0) throw new Error('a JSON fragment was not written');
    parts.push(text.slice(from, at), ...fragment.parts);
    from = at + quoted.length + String(index).length + 1;
  }
  parts.push(text.slice(from), '\n');
  // concatenated, not joined: a string made of the parts, copied only if somebody reads it whole
  let answer = '';
  for (const part of parts) answer += part;
  fragments[0]!.sources.set(WRITTEN_ANSWER, { text: answer, parts } satisfies WrittenAnswer);
  return answer;
}
