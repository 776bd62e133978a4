import type { FlagResult, ItemResult } from '../../src/assessment/types';
import { render } from '../../src/i18n/messages';

/** Flags as an English reader gets them (the `en` rendering of each message), without the stored key. */
export function inEnglish(flags: readonly FlagResult[] | undefined): Array<Omit<FlagResult, 'text'>> | undefined {
  return flags?.map(({ text, ...flag }) => ({ ...flag, message: text ? render(text, 'en') : flag.message }));
}

/** An item's explanation in English. */
export function explanationInEnglish(item: ItemResult | undefined): string | undefined {
  return item?.explanationText ? render(item.explanationText, 'en') : item?.explanation;
}
