/**
 * UI state kept by VS Code across a hide or a window reload (`getState`/`setState`): what the user
 * looked at, never data (the host re-sends a snapshot after `ready`). Versioned: a state written by
 * another version is dropped rather than misread. Pure, unit-tested.
 */
export const UI_STATE_VERSION = 1;

export interface UiState {
  version: typeof UI_STATE_VERSION;
  /** The task whose timeline is shown. */
  selectedTask: string | null;
  /** Open / closed collapsible sections by id (absent = its default). */
  open: Record<string, boolean>;
  /** Figure 4 on a logarithmic cost axis. */
  logScale: boolean;
  /** Every task in the table, not only the first ones. */
  showAllTasks: boolean;
  scrollY: number;
}

export const defaultUiState = (): UiState => ({ version: UI_STATE_VERSION, selectedTask: null, open: {}, logScale: false, showAllTasks: false, scrollY: 0 });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads what `getState()` returned: anything malformed or of another version gives the defaults. */
export function parseUiState(raw: unknown): UiState {
  const d = defaultUiState();
  if (!isRecord(raw) || raw.version !== UI_STATE_VERSION) return d;
  const open: Record<string, boolean> = {};
  if (isRecord(raw.open)) for (const [k, v] of Object.entries(raw.open)) if (typeof v === 'boolean' && k.length <= 100) open[k] = v;
  return {
    version: UI_STATE_VERSION,
    selectedTask: typeof raw.selectedTask === 'string' && raw.selectedTask.length <= 2000 ? raw.selectedTask : null,
    open,
    logScale: raw.logScale === true,
    showAllTasks: raw.showAllTasks === true,
    scrollY: typeof raw.scrollY === 'number' && Number.isFinite(raw.scrollY) && raw.scrollY >= 0 ? raw.scrollY : 0,
  };
}
