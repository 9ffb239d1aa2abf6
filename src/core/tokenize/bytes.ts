/** True when every UTF-16 unit of `piece` is ASCII (then the string is its own UTF-8 bytes). */
export function isAscii(piece: string): boolean {
  for (let i = 0; i < piece.length; i++) if (piece.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** UTF-8 bytes as a binary string; lone surrogates become U+FFFD, as TextEncoder does in tiktoken. */
export function utf8Binary(piece: string): string {
  return Buffer.from(piece, 'utf8').toString('latin1');
}
