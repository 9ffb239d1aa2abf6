/** Which task a plain API log line continues (api-logs.ts): the one whose prompt (or prompt + reply) its own prompt extends. */
import type { Message, Task } from '../model';

/** Finds the conversation a prompt extends: the longest earlier prompt (or prompt + reply) it starts with. */
export class Conversations {
  private readonly ids = new Map<Message, number>();
  private readonly byPrefix = new Map<string, Task>();

  private keys(seq: readonly Message[]): string[] {
    // Two 32-bit rolling hashes of the message identities, plus the length: collisions are negligible.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    return seq.map((m, i) => {
      let id = this.ids.get(m);
      if (id === undefined) {
        id = this.ids.size + 1;
        this.ids.set(m, id);
      }
      h1 = Math.imul(h1 ^ id, 0x01000193) >>> 0;
      h2 = (Math.imul(h2, 31) + id * 0x9e3779b1) >>> 0;
      return `${i + 1}:${h1}:${h2}`;
    });
  }

  find(prompt: readonly Message[]): Task | null {
    const keys = this.keys(prompt);
    for (let k = keys.length - 2; k >= 0; k--) {
      const t = this.byPrefix.get(keys[k] ?? '');
      if (t) return t;
    }
    return null;
  }

  remember(prompt: readonly Message[], reply: Message | null, task: Task): void {
    const keys = this.keys(reply ? [...prompt, reply] : prompt);
    const last = keys.length - 1;
    if (reply && last >= 1) this.byPrefix.set(keys[last - 1] ?? '', task);
    if (last >= 0) this.byPrefix.set(keys[last] ?? '', task);
  }
}
