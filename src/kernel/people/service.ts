/**
 * @deprecated Compatibility for callers not yet moved to `api.ts` or to the use-case files (bench,
 * tests): remove once nothing imports it.
 */
export { checkTargetBranch } from './branches';
export { createPerson, endPerson, revealField, updatePerson } from './persons';
export { branchOn, getPerson, listPeople, personHistory } from './queries';
export { authorizePerson, type PeopleFilter, peopleWhere } from './read';
export { validatePerson } from './rules';
export { sealSensitive } from './sensitive';
export { peopleStats } from './stats';
export { transferPerson } from './transfers';
