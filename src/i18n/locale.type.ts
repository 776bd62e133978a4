import { registerEnumType } from 'type-graphql';
import { DEFAULT_LOCALE, type Locale } from './messages';

/** The language of texts in an answer; the default comes from `Accept-Language` (zh unless `en…`). */
export enum LocaleEnum {
  ZH = 'zh',
  EN = 'en',
}
registerEnumType(LocaleEnum, {
  name: 'Locale',
  description: 'Language of messages and explanations: ZH (简体中文, the default) or EN. Codes stay English.',
});

/** The locale of a field: its `locale` argument, else the request's (Accept-Language), else zh. */
export function chooseLocale(argument: LocaleEnum | null | undefined, ctx: { locale?: Locale }): Locale {
  return argument ?? ctx.locale ?? DEFAULT_LOCALE;
}
