import { Arg, Ctx, Field, FieldResolver, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import { chooseLocale, LocaleEnum } from '../i18n/locale.type';
import { MESSAGES, render, type Locale } from '../i18n/messages';
import { USER_ERROR_CODE_LIST, USER_ERROR_CODES, type UserErrorCode } from '../common/error-codes';
import type { UserErrorData } from '../common/user-error';

/** GraphQL enum `UserErrorCode`: the catalogue's user error codes with their descriptions. */
const UserErrorCodeEnum = Object.fromEntries(USER_ERROR_CODE_LIST.map((code) => [code, code])) as { [K in UserErrorCode]: K };
registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: '用户错误（userErrors）的稳定代码。 Stable code of an expected failure returned in userErrors.',
  valuesConfig: Object.fromEntries(
    USER_ERROR_CODE_LIST.map((code) => [code, { description: `${USER_ERROR_CODES[code].zh}。 ${USER_ERROR_CODES[code].en}.` }]),
  ),
});

@ObjectType('UserError', { description: 'An expected failure caused by the input: which field, why, and a stable code.' })
export class UserErrorType {
  @Field(() => String, { nullable: true, description: 'e.g. input.unit' })
  field: string | null;

  /** the service's own (English) message; the `message` field renders the catalogue's text */
  message: string;

  @Field(() => UserErrorCodeEnum, { description: 'Stable code, e.g. UNIT_NOT_FOUND, YEAR_OUT_OF_RANGE, EMPTY_TEXT, STALE_VERSION.' })
  code: UserErrorCode;

  static from(e: UserErrorData): UserErrorType {
    return Object.assign(new UserErrorType(), e);
  }
}

/**
 * A userError's message in a locale: the catalogue's `userError.<code>` text with the
 * service's own message as `{detail}`; a service message already written in Chinese is
 * the Chinese text itself.
 */
function userErrorMessage(e: Pick<UserErrorData, 'code' | 'field' | 'message'>, locale: Locale): string {
  const key = `userError.${e.code}`;
  if (!MESSAGES[key] || (locale === 'zh' && /[\u4e00-\u9fff]/u.test(e.message))) return e.message;
  return render({ key, params: { field: e.field ?? 'input', detail: e.message } }, locale);
}

@Resolver(() => UserErrorType)
export class UserErrorResolver {
  @FieldResolver(() => String, { description: 'Why, in Chinese unless `locale` or Accept-Language says en.' })
  message(
    @Root() error: UserErrorType,
    @Ctx() ctx: { locale?: Locale },
    @Arg('locale', () => LocaleEnum, { nullable: true }) locale?: LocaleEnum | null,
  ): string {
    return userErrorMessage(error, chooseLocale(locale, ctx));
  }
}
