/** Query keys the entry needs without loading the pages that use them. */
export const TODO_KEY = ['todo'];
