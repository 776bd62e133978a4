/**
 * Writes a value as the JSON text GraphQL execution would give for a selection — for plain
 * selections only, so that a large list (the coverage matrix's rows) can be written in one pass
 * without completing each leaf field and serialising the result objects again. A selection is
 * plain when every field in it is read from its parent's property (no resolver, no argument,
 * no directive), each response key is asked once, there are no fragments, and every type on the
 * way is a built-in scalar, an enum, a list or an object type without `isTypeOf`; `__typename`
 * is written as the type's name. A field of another kind may be written by `special` (the
 * matrix's `cells`). Otherwise there is no writer, and the caller executes as usual.
 *
 * At run time a writer gives up (returns false, the caller executes as usual and gets the same
 * answer and errors as without it) wherever execution would not just copy a value: null for a
 * non-null type, a value that is not an array for a list, a function or a promise where a
 * property is read, a scalar its type refuses to serialise.
 */
import {
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type SelectionSetNode,
} from 'graphql';

/**
 * An answer's text written in parts: ASCII text is gathered in one part, any string a field
 * gives (names) goes in a part of its own — encoding many one-byte parts and a few short
 * two-byte ones costs a fraction of encoding one string in which a single Chinese character
 * makes every character two bytes wide.
 */
export class JsonParts {
  readonly parts: string[] = [];
  private current = '';

  /** text known to be ASCII (punctuation, keys, numbers, enum names) */
  text(text: string): void {
    this.current += text;
  }

  /** text that may hold any character */
  separate(text: string): void {
    if (this.current !== '') this.parts.push(this.current);
    this.current = '';
    this.parts.push(text);
  }

  /** the parts written, in order */
  finish(): string[] {
    if (this.current !== '') this.parts.push(this.current);
    this.current = '';
    return this.parts;
  }
}

/** Writes `value` into `out`; false when execution would not simply copy it. */
export type ValueWriter = (value: unknown, out: JsonParts) => boolean;

/** A writer for a field that is not plain (its parent's type, the field), or null: no writer. */
export type SpecialField = (parent: GraphQLObjectType, field: FieldNode) => ValueWriter | null;

const keyOf = (field: FieldNode): string => field.alias?.value ?? field.name.value;

const isThenable = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** A writer for values of `type` with the selection `selectionSet` (for object types), or null. */
export function selectionWriter(
  type: GraphQLOutputType,
  selectionSet: SelectionSetNode | undefined,
  special: SpecialField = () => null,
): ValueWriter | null {
  if (isNonNullType(type)) {
    const inner = selectionWriter(type.ofType, selectionSet, special);
    return inner && ((value, out) => value != null && inner(value, out));
  }
  const nullable = (write: ValueWriter): ValueWriter => {
    return (value, out) => {
      if (value != null) return write(value, out);
      out.text('null');
      return true;
    };
  };
  if (isListType(type)) {
    const item = selectionWriter(type.ofType, selectionSet, special);
    if (!item) return null;
    return nullable((value, out) => {
      if (!Array.isArray(value)) return false;
      out.text('[');
      for (let i = 0; i < value.length; i += 1) {
        if (i > 0) out.text(',');
        if (!item(value[i], out)) return false;
      }
      out.text(']');
      return true;
    });
  }
  if (isScalarType(type) || isEnumType(type)) {
    if (selectionSet || (isScalarType(type) && !isSpecifiedScalarType(type))) return null;
    const anyText = getNamedType(type).name === 'String' || getNamedType(type).name === 'ID';
    return nullable((value, out) => {
      let serialised: unknown;
      try {
        serialised = type.serialize(value);
      } catch {
        return false;
      }
      if (serialised == null) return false;
      const json = JSON.stringify(serialised);
      if (anyText) out.separate(json);
      else out.text(json);
      return true;
    });
  }
  if (!isObjectType(type) || type.isTypeOf || !selectionSet) return null;
  const fields = type.getFields();
  const writers: Array<{ key: string; name: string; write: ValueWriter | null }> = [];
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    const key = keyOf(selection);
    if (keys.has(key)) return null;
    keys.add(key);
    const prefix = `${writers.length ? ',' : '{'}${JSON.stringify(key)}:`;
    const name = selection.name.value;
    if (name === '__typename' && !selection.arguments?.length && !selection.directives?.length) {
      writers.push({ key: `${prefix}${JSON.stringify(type.name)}`, name, write: null });
      continue;
    }
    const definition = fields[name];
    if (!definition) return null;
    const plain = !definition.resolve && !definition.args.length && !selection.arguments?.length && !selection.directives?.length;
    const write = plain ? selectionWriter(definition.type, selection.selectionSet, special) : special(type, selection);
    if (!write) return null;
    writers.push({ key: prefix, name, write: plain ? readProperty(name, write) : write });
  }
  if (writers.length === 0) return null;
  return nullable((value, out) => {
    if (typeof value !== 'object') return false;
    for (const { key, write } of writers) {
      out.text(key);
      if (write && !write(value, out)) return false;
    }
    out.text('}');
    return true;
  });
}

/** Reads the property `name` of the parent, as the default resolver does, and writes it (not a function or a promise). */
function readProperty(name: string, write: ValueWriter): ValueWriter {
  return (parent, out) => {
    const value = (parent as Record<string, unknown>)[name];
    if (typeof value === 'function' || isThenable(value)) return false;
    return write(value, out);
  };
}
