/**
 * Line numbers of the items of a JSON array inside a whole document, so a diagnostic about
 * `messages[17]` can name the line where that record starts (re-indented task files, pretty-printed
 * exports). One pass over the text; strings and escapes are skipped, nothing is parsed.
 */

/**
 * The 1-based line where each item of the arrays found at `depth` starts, in document order:
 * depth 1 = the items of a top-level array, depth 2 = the items of an array that is a field of the
 * top-level object (e.g. an export's `messages`). Malformed text gives whatever was found so far.
 */
export function arrayItemLines(text: string, depth: number): number[] {
  const lines: number[] = [];
  const stack: string[] = []; // '[' or '{' per open container
  let line = 1;
  let inString = false;
  let expectValue = false; // just after '[' or ',' inside an array at the wanted depth
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped char (never a newline in valid JSON)
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) continue;
    if (expectValue && ch !== 93) {
      lines.push(line);
      expectValue = false;
    }
    switch (ch) {
      case 34:
        inString = true;
        break;
      case 91: // [
        stack.push('[');
        if (stack.length === depth) expectValue = true;
        break;
      case 123: // {
        stack.push('{');
        break;
      case 93: // ]
      case 125: // }
        stack.pop();
        expectValue = false;
        break;
      case 44: // ,
        if (stack.length === depth && stack[stack.length - 1] === '[') expectValue = true;
        break;
      default:
        break;
    }
  }
  return lines;
}
