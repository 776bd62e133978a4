import { Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';

/** Object types with global ids, fetchable with `node(id)`. */
const NODE_TYPES = [
  'Unit',
  'Checklist',
  'ChecklistItem',
  'Report',
  'ReportSection',
  'Claim',
  'MetricValue',
  'EvidenceLink',
  'Assessment',
  'Flag',
  'AuditEntry',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

/** Global id of an object: base64 of `Type:dbId`. */
export function toGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64');
}

/** Decodes a global id; null when it is not one of ours. */
export function fromGlobalId(globalId: string): { type: NodeTypeName; id: number } | null {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  // canonical only: `Unit:0001` or `Unit:1e3` is not an id of ours
  const match = /^([A-Za-z]+):([1-9]\d{0,14})$/.exec(decoded);
  const [, type, id] = match ?? [];
  if (type === undefined || !(NODE_TYPES as readonly string[]).includes(type)) return null;
  return { type: type as NodeTypeName, id: Number(id) };
}

/** Decodes a global id of one expected type; null otherwise. */
export function idOfType(globalId: string, type: NodeTypeName): number | null {
  const parsed = fromGlobalId(globalId);
  return parsed && parsed.type === type ? parsed.id : null;
}

@InterfaceType({ description: 'An object with a global id, refetchable with `node(id)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Global id (opaque).' })
  id: string;
}

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeClass {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects.` })
  class ConnectionClass {
    @Field(() => [EdgeClass])
    edges: EdgeClass[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of objects matching the filter, over all pages.' })
    totalCount: number;
  }
  return ConnectionClass;
}

export const MAX_PAGE_SIZE = 200;

/** Offset-based cursors: opaque to clients, stable for a fixed ordering. */
function offsetToCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

export function cursorToOffset(cursor: string | null | undefined): number | null {
  if (!cursor) return null;
  if (cursor.length > 64) return null;
  // offsets this server hands out: no leading zeros, at most 9 digits (a page never starts past 10^9)
  const match = /^offset:(0|[1-9]\d{0,8})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/** Validated window of a page request: offset and limit. Throws a coded error for a bad cursor. */
export function pageWindow(page: PageRequest, defaultSize = 50): { offset: number; limit: number } {
  const first = page.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadInputError(`first must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  let offset = 0;
  if (page.after) {
    const parsed = cursorToOffset(page.after);
    if (parsed === null) throw new BadInputError('after is not a valid cursor');
    offset = parsed + 1;
  }
  return { offset, limit: first };
}

/** Builds a connection from one page of nodes and the total count. */
export function toConnection<T>(nodes: T[], offset: number, totalCount: number): Connection<T> {
  const edges = nodes.map((node, i) => ({ cursor: offsetToCursor(offset + i), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + nodes.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

import { BadInputError } from '../common/bad-input-error';

export { BadInputError };
