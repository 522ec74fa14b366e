/** Rows per statement for the bulk paths that build their own multi-row statements. */
export const BATCH = 1000;
