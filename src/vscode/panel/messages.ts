/**
 * The zod schema of what the webview sends (host only: the webview is an untrusted channel, and zod
 * stays out of its bundle). The types it parses to are the protocol's (src/core/panel/view.ts); the
 * checks at the bottom fail to compile when the two drift apart.
 */
import { z } from 'zod';
import { CHART_IDS, K_MAX_LIMIT, type PanelControls as PanelControlsType, type WebviewToHost as WebviewToHostType } from '../../core/panel/view';

export const PanelControls = z
  .object({
    model: z.string().min(1).max(200),
    provider: z.string().min(1).max(200),
    gpu: z.string().min(1).max(100),
    utilization: z.number().finite().gt(0).max(1),
    overhead: z.number().finite().min(0).max(10),
    kMax: z.number().int().min(1).max(K_MAX_LIMIT),
    cache: z.boolean(),
    appendOutputs: z.boolean(),
  })
  .strict();

export const WebviewToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), protocol: z.number().int() }).strict(),
  z.object({ type: z.literal('setControls'), controls: PanelControls.partial() }).strict(),
  z.object({ type: z.literal('selectTask'), taskKey: z.string().max(2000) }).strict(),
  z.object({ type: z.literal('exportReport'), kind: z.enum(['markdown', 'csv']) }).strict(),
  z.object({ type: z.literal('exportChart'), chart: z.enum(CHART_IDS), kind: z.literal('png'), data: z.string().max(20 * 1024 * 1024) }).strict(),
]);

export type PanelControls = PanelControlsType;
export type WebviewToHost = WebviewToHostType;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const controlsMatch: Same<z.infer<typeof PanelControls>, PanelControlsType> = true;
const messagesMatch: Same<z.infer<typeof WebviewToHost>, WebviewToHostType> = true;
void controlsMatch;
void messagesMatch;
