/**
 * The controls form: plain HTML controls themed with --vscode-* variables (no component library:
 * @vscode-elements has no slider and would add ~25 KB gzip, see BENCHMARKS.md). Built once; a snapshot
 * updates values and options but never overwrites a field the user is editing or a change not yet posted.
 */
import type { ControlOptions, PanelControls, WebviewToHost } from '../../src/shared/protocol';
import { createControlBatcher, NUMBER_SPECS, parseNumberInput, type NumberControl } from '../model/controls';
import { providerLabel } from '../model/view';
import { h } from './h';

export interface ControlsView {
  element: HTMLElement;
  update(controls: PanelControls, options: ControlOptions): void;
}

type SelectControl = 'model' | 'provider' | 'gpu';

export function createControls(post: (m: WebviewToHost) => void): ControlsView {
  const batch = createControlBatcher(post);
  let last: PanelControls | null = null;

  const field = (label: string, forId: string, ...control: HTMLElement[]) => h('div', { class: 'field' }, h('label', { for: forId }, label), ...control);

  const selects: Record<SelectControl, HTMLSelectElement> = {
    model: h('select', { id: 'model', name: 'model' }),
    provider: h('select', { id: 'provider', name: 'provider' }),
    gpu: h('select', { id: 'gpu', name: 'gpu' }),
  };
  for (const [name, el] of Object.entries(selects) as [SelectControl, HTMLSelectElement][]) {
    el.addEventListener('change', () => batch.now({ [name]: el.value }));
  }

  const numberInput = (name: NumberControl, id: string) => {
    const s = NUMBER_SPECS[name];
    return h('input', { id, name, type: 'number', min: s.min, max: s.max, step: s.step, inputmode: s.integer ? 'numeric' : 'decimal', required: true });
  };
  const numbers: Record<NumberControl, HTMLInputElement> = {
    utilization: numberInput('utilization', 'utilization'),
    overhead: numberInput('overhead', 'overhead'),
    kMax: numberInput('kMax', 'kmax'),
  };
  const u = NUMBER_SPECS.utilization;
  const slider = h('input', { id: 'utilization-slider', type: 'range', min: u.min, max: u.max, step: u.step, 'aria-label': 'utilization (slider)' });

  const onNumber = (name: NumberControl, el: HTMLInputElement, immediate: boolean) => {
    const v = parseNumberInput(name, el.value);
    el.setAttribute('aria-invalid', String(v === null));
    if (v === null) return;
    if (name === 'utilization') slider.value = String(v);
    if (immediate) batch.now({ [name]: v });
    else batch.schedule({ [name]: v });
  };
  for (const [name, el] of Object.entries(numbers) as [NumberControl, HTMLInputElement][]) {
    el.addEventListener('input', () => onNumber(name, el, false));
    el.addEventListener('change', () => onNumber(name, el, true));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') onNumber(name, el, true);
    });
    el.addEventListener('blur', () => {
      // Back to the host's value when what was typed was never valid.
      if (el.getAttribute('aria-invalid') === 'true' && last) {
        el.value = String(last[name]);
        el.setAttribute('aria-invalid', 'false');
      }
    });
  }
  slider.addEventListener('input', () => {
    numbers.utilization.value = slider.value;
    numbers.utilization.setAttribute('aria-invalid', 'false');
    batch.schedule({ utilization: Number(slider.value) });
  });
  slider.addEventListener('change', () => batch.now({ utilization: Number(slider.value) }));

  const checkbox = (id: string, name: 'cache' | 'appendOutputs') => {
    const el = h('input', { id, name, type: 'checkbox' });
    el.addEventListener('change', () => batch.now({ [name]: el.checked }));
    return el;
  };
  const checks = { cache: checkbox('cache', 'cache'), appendOutputs: checkbox('append-outputs', 'appendOutputs') };

  // A group, not a <form>: the webview has forms disabled (no submission to intercept).
  const element = h(
    'div',
    { id: 'controls', role: 'group', 'aria-label': 'Scenario controls', class: 'controls' },
    field('Model', 'model', selects.model),
    field('API provider', 'provider', selects.provider),
    field('GPU', 'gpu', selects.gpu),
    h('div', { class: 'field utilization' }, h('label', { for: 'utilization' }, 'Utilization'), h('div', { class: 'pair' }, slider, numbers.utilization)),
    field('Overhead', 'overhead', numbers.overhead),
    field('k max', 'kmax', numbers.kMax),
    h('div', { class: 'field check' }, checks.cache, h('label', { for: 'cache' }, 'Cached input / prefix reuse')),
    h('div', { class: 'field check' }, checks.appendOutputs, h('label', { for: 'append-outputs' }, 'Append outputs to the context')),
  );

  const fillOptions = (el: HTMLSelectElement, items: { id: string; label: string }[], value: string) => {
    const list = items.some((i) => i.id === value) ? items : [...items, { id: value, label: value }];
    const sig = JSON.stringify(list);
    if (el.dataset.options !== sig) {
      el.replaceChildren(...list.map((i) => h('option', { value: i.id }, i.label)));
      el.dataset.options = sig;
    }
  };

  return {
    element,
    update(controls, options) {
      last = controls;
      const pending = batch.pending();
      const busy = (el: HTMLElement, name: keyof PanelControls) => name in pending || document.activeElement === el;
      fillOptions(selects.model, options.models, controls.model);
      fillOptions(selects.provider, options.providers.map((p) => ({ id: p, label: providerLabel(p) })), controls.provider);
      fillOptions(selects.gpu, options.gpus, controls.gpu);
      for (const name of ['model', 'provider', 'gpu'] as const) if (!(name in pending)) selects[name].value = controls[name];
      for (const name of ['utilization', 'overhead', 'kMax'] as const) {
        const el = numbers[name];
        if (!busy(el, name)) {
          el.value = String(controls[name]);
          el.setAttribute('aria-invalid', 'false');
        }
      }
      if (!busy(slider, 'utilization') && !busy(numbers.utilization, 'utilization')) slider.value = String(controls.utilization);
      if (!('cache' in pending)) checks.cache.checked = controls.cache;
      if (!('appendOutputs' in pending)) checks.appendOutputs.checked = controls.appendOutputs;
    },
  };
}
