/** What a person types for a utilization: 0.7, 70 or 70 %; null when it is not in (0, 1]. Pure. */
export function parseUtilization(text: string): number | null {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const t = trimmed.replace(/%$/, '').trim();
  if (t === '' || !/^[0-9]*\.?[0-9]+$/.test(t)) return null;
  let v = Number(t);
  if (percent || v > 1) v = v / 100;
  return v > 0 && v <= 1 ? v : null;
}
