/**
 * The talks module's public surface: what modules building on talks (assessment, inspection) may use.
 * They import nothing else of talks, and read its tables only through these functions.
 */
export {};
