/**
 * The talks module's public surface: what modules building on talks (assessment, inspection) may use.
 * They import nothing else of talks, and read its tables only through these functions.
 */
/** Counts and briefs of talks (never their contents) for tasks and inspection. */

/** Talks with given people in a period, without contents (assessment's talk coverage). */
export { type TalkOfPerson, talksOfPeople } from './for-assessment';
export { branchTalks, type TalkBrief, talkCounts } from './for-supervision';
