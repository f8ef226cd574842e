import { DateTimeResolver } from 'graphql-scalars';

/** ISO-8601 date-time (graphql-scalars). Mapped to JS `Date` in buildSchema's scalarsMap too. */
export const DateTime = DateTimeResolver;
