/** A budget in bytes (gzip): the initial load, and with every lazy chunk. */
export interface Budget {
  initial: number;
  all: number;
}
/** Budgets by package folder: size/<folder>.js is the program. */
export const budgets: Record<string, Budget>;
/** Published packages without a budget, with the reason. */
export const exempt: Record<string, string>;
/** The budgets of the packages that exist, by folder. */
export const presentBudgets: Record<string, Budget>;
