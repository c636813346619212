/** Budgets by package folder: size/<folder>.js is the program. */
export const budgets: Record<string, { initial: string; withLazyChunks: string }>;
/** Published packages without a budget, with the reason. */
export const exempt: Record<string, string>;
declare const checks: object[];
export default checks;
