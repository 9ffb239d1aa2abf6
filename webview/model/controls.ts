/**
 * The panel's controls: their ranges (mirroring the protocol's PanelControls limits), reading what
 * the user typed, and the message a change posts. Pure, unit-tested.
 */
import type { PanelControls, WebviewToHost } from '../../src/shared/protocol';

export interface NumberSpec {
  min: number;
  max: number;
  step: number;
  integer: boolean;
}

/** Numeric controls. Utilization's lower bound 0.05 (the protocol only requires > 0). */
export const NUMBER_SPECS = {
  utilization: { min: 0.05, max: 1, step: 0.01, integer: false },
  overhead: { min: 0, max: 10, step: 0.05, integer: false },
  kMax: { min: 1, max: 500, step: 1, integer: true },
} as const satisfies Record<string, NumberSpec>;
export type NumberControl = keyof typeof NUMBER_SPECS;

/** Debounce of slider and typing changes, in ms. */
export const CONTROL_DEBOUNCE_MS = 150;

/** A typed value, or null when it is not a number in range (the field is then marked invalid, nothing is posted). */
export function parseNumberInput(name: NumberControl, raw: string): number | null {
  const spec: NumberSpec = NUMBER_SPECS[name];
  const text = raw.trim().replace(',', '.');
  if (text === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v) || v < spec.min || v > spec.max) return null;
  if (spec.integer && !Number.isInteger(v)) return null;
  return v;
}

export const setControls = (controls: Partial<PanelControls>): WebviewToHost => ({ type: 'setControls', controls });

/**
 * Collects changes while the user drags or types and posts one message with all of them after a
 * pause: `schedule` merges, `flush` posts now. The timer functions are injectable for tests.
 */
export function createControlBatcher(
  post: (m: WebviewToHost) => void,
  delayMs = CONTROL_DEBOUNCE_MS,
  timers: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } = { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
) {
  let pending: Partial<PanelControls> = {};
  let handle: unknown = null;
  const flush = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    if (Object.keys(pending).length === 0) return;
    const controls = pending;
    pending = {};
    post(setControls(controls));
  };
  return {
    /** Merge a change and post it after `delayMs` without further changes. */
    schedule(change: Partial<PanelControls>) {
      pending = { ...pending, ...change };
      if (handle !== null) timers.clear(handle);
      handle = timers.set(flush, delayMs);
    },
    /** Merge a change and post everything pending now (selects, checkboxes, Enter). */
    now(change: Partial<PanelControls> = {}) {
      pending = { ...pending, ...change };
      flush();
    },
    flush,
    /** Controls changed but not yet posted (their fields keep what the user typed over a snapshot). */
    pending: () => ({ ...pending }),
  };
}
