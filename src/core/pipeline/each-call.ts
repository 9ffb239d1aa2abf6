/**
 * The one sentinel for "each traced call at its own model's price" (what the trace's author pays
 * today; with no trace, a prompt file, the article's provider). The `agentcost.defaultProvider`
 * setting, the panel's provider control, the webview's label and the pricing use it. No imports:
 * both bundles take it.
 */
export const EACH_CALL_PRICE = 'auto';
export const EACH_CALL_LABEL = "each call at its own model's price";
