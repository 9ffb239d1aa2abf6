/** Attribute values of OpenTelemetry spans, as plain JSON: OTLP's AnyValue trees, or JSON already plain. */
import { parseJson } from '../io';

/** AnyValue trees are walked this deep at most. */
const MAX_DEPTH = 32;

export type Attrs = Map<string, unknown>;

export function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** OTLP AnyValue → plain JSON value (intValue is a string in canonical OTLP/JSON). */
export function anyValue(v: unknown, depth = 0): unknown {
  const o = rec(v);
  if (!o || depth > MAX_DEPTH) return undefined;
  if ('stringValue' in o) return o.stringValue;
  if ('intValue' in o) {
    const n = typeof o.intValue === 'string' ? Number(o.intValue) : o.intValue;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }
  if ('doubleValue' in o) return o.doubleValue;
  if ('boolValue' in o) return o.boolValue;
  if ('bytesValue' in o) return o.bytesValue;
  if ('arrayValue' in o) {
    const values = rec(o.arrayValue)?.values;
    return Array.isArray(values) ? values.map((x) => anyValue(x, depth + 1)) : [];
  }
  if ('kvlistValue' in o) {
    const out: Record<string, unknown> = {};
    const values = rec(o.kvlistValue)?.values;
    if (Array.isArray(values)) {
      for (const kv of values) {
        const k = rec(kv);
        if (k && typeof k.key === 'string') out[k.key] = anyValue(k.value, depth + 1);
      }
    }
    return out;
  }
  return undefined;
}

/** OTLP's `[{key, value: AnyValue}]` attribute list. */
export function otlpAttrs(list: unknown): Attrs {
  const out: Attrs = new Map();
  if (!Array.isArray(list)) return out;
  for (const kv of list) {
    const k = rec(kv);
    if (k && typeof k.key === 'string') out.set(k.key, anyValue(k.value));
  }
  return out;
}

/** A plain `{key: value}` attribute object (the Python SDK's console output). */
export function plainAttrs(obj: unknown): Attrs {
  return new Map(Object.entries(rec(obj) ?? {}));
}

/** A structured attribute, or the JSON string form the conventions also allow on spans. */
export function structured(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (!t.startsWith('[') && !t.startsWith('{')) return v;
  const p = parseJson(v);
  return p.ok ? p.value : v;
}

export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '[unrenderable value]';
  }
}
