/**
 * What the cost panel is about and how it is set, persisted so the panel comes back the same after
 * a window reload: the subject (a trace file, a set of trace files, a prompt file, or a hand-made
 * scenario), the controls and the selected task. Stored by the host (workspace state) and merged
 * with what the webview saved in its own state, if it saved any of these fields. Pure.
 */
import { z } from 'zod';
import { PanelControls } from '../panel/messages';

export const PANEL_STATE_VERSION = 1;
/** More files than this are not restored (the panel shows the scenario instead): state stays small. */
export const MAX_RESTORED_PATHS = 5000;

export const PanelSubject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trace'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('folder'), paths: z.array(z.string().min(1).max(4096)).min(1).max(MAX_RESTORED_PATHS), label: z.string().max(500) }).strict(),
  /** A prompt file by URI (it may be unsaved, or in a virtual workspace). */
  z.object({ kind: z.literal('prompt'), uri: z.string().min(1).max(8192) }).strict(),
  z.object({ kind: z.literal('scenario') }).strict(),
]);
export type PanelSubject = z.infer<typeof PanelSubject>;

export const PanelState = z
  .object({
    version: z.literal(PANEL_STATE_VERSION),
    subject: PanelSubject,
    controls: PanelControls.partial(),
    selectedTask: z.string().max(2000).nullable(),
  })
  .strict();
export type PanelState = z.infer<typeof PanelState>;

/** The fields a webview may have kept in its setState (any other field is its own business). */
const WebviewSaved = z.looseObject({
  controls: PanelControls.partial().optional().catch(undefined),
  selectedTask: z.string().max(2000).nullable().optional().catch(undefined),
});

/**
 * The state to restore: the host's (written to workspaceState on every change) wins; the webview's
 * saved state only fills what the host lacks. VS Code web persists a webview's setState only every
 * ~60 s, so after a quick reload it can be older than the host's (seen in the real-editor tests).
 * Anything malformed is ignored, never thrown.
 */
export function restoredState(hostSaved: unknown, webviewSaved: unknown): PanelState {
  const host = PanelState.safeParse(hostSaved);
  const base: PanelState = host.success ? host.data : { version: PANEL_STATE_VERSION, subject: { kind: 'scenario' }, controls: {}, selectedTask: null };
  const web = WebviewSaved.safeParse(webviewSaved);
  if (!web.success) return base;
  return {
    ...base,
    controls: { ...(web.data.controls ?? {}), ...base.controls },
    selectedTask: base.selectedTask ?? web.data.selectedTask ?? null,
  };
}

/** A short label for the subject (the panel's title and the snapshot's subject label). */
export function subjectLabel(s: PanelSubject, baseName: (p: string) => string): string {
  switch (s.kind) {
    case 'trace':
      return baseName(s.path);
    case 'folder':
      return s.label;
    case 'prompt':
      return baseName(decodeURIComponent(s.uri.replace(/[?#].*$/, '')));
    case 'scenario':
      return 'your scenario';
  }
}
