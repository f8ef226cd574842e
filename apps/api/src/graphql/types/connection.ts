import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../cursor.js';
import { PageInfo } from './pageInfo.type.js';

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** `<Name>Connection` and `<Name>Edge` Relay types for one node type. */
export function connectionOf<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} (Relay).` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many match the filter, over all pages.' })
    totalCount: number;
  }
  return Connection;
}

/** A service page → the GraphQL connection shape, mapping each node. */
export function toConnection<S, T>(page: Page<S>, map: (node: S) => T): ConnectionShape<T> {
  const edges = page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) }));
  return { edges, totalCount: page.totalCount, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
