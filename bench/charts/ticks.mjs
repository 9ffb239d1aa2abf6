// Tick and value text shared by the benchmark's drivers (the webview's own formatters).
import { formatPercent, formatTokens, formatUsdTick } from '../../webview/format.ts';

export const tick = (kind, v) => (kind === 'fraction' ? formatPercent(v) : kind === 'tokens' ? formatTokens(v) : formatUsdTick(v));
