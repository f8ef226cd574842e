import type { InvalidationCause } from '../invalidation-cause.js';

/** The words shown to a person for one cause, in one language. */
export interface CauseCopy {
  /** A short headline, e.g. for a banner. */
  title: string;
  /** What happened, in plain words, for someone who runs ads (not an engineer). */
  explanation: string;
  /** What to do now. */
  action: string;
  /** How to keep it from happening again. */
  prevention: string;
}

/** One language's copy, keyed by cause: every cause must be present, so a gap is a type error. */
export type CauseCatalogue = Readonly<Record<InvalidationCause, CauseCopy>>;
