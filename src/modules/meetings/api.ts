/**
 * The meetings module's public surface: what modules building on organization life (training,
 * assessment, tasks, inspection) may use. They import nothing else of meetings, and read its tables only
 * through these functions.
 */
export {};
