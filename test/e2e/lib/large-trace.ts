/**
 * Generates a large Claude Code session (JSONL) at test time, so megabytes are never committed: many
 * user tasks of a coding agent, each a chain of tool calls whose cached context grows, with realistic
 * usage records. Deterministic for a given size and session number; sessions differ only in their ids.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export async function writeLargeClaudeSession(file: string, targetBytes: number, session = 1): Promise<{ bytes: number; tasks: number; calls: number }> {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const sessionId = `9d3e2b7c-large-4e2f-8a1b-e2e${String(session).padStart(9, '0')}`;
  const base = { isSidechain: false, userType: 'external', cwd: '/home/dev/monorepo', sessionId, version: '2.0.46', gitBranch: 'main' };
  const filler = 'const total = items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0); // line of the file under edit\n'.repeat(4);
  let bytes = 0;
  let n = 0;
  let tasks = 0;
  let calls = 0;
  let prev: string | null = null;
  let t = Date.parse('2025-11-10T08:00:00Z');
  const write = async (o: object): Promise<void> => {
    const line = JSON.stringify(o) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  while (bytes < targetBytes) {
    tasks++;
    let ctx = 0;
    const u = `u${++n}`;
    await write({ parentUuid: prev, ...base, type: 'user', uuid: u, timestamp: new Date((t += 5000)).toISOString(), message: { role: 'user', content: `Task ${tasks}: fix the failing build in package ${tasks % 37}` } });
    prev = u;
    const k = 6 + (tasks % 9);
    for (let i = 0; i < k; i++) {
      calls++;
      const a = `a${++n}`;
      const last = i === k - 1;
      const write5m = i === 0 ? 8000 + (tasks % 5) * 400 : 300 + ((tasks * 7 + i * 13) % 900);
      const usage = { input_tokens: 3 + (i % 3), cache_creation_input_tokens: write5m, cache_read_input_tokens: ctx, output_tokens: 80 + ((tasks * 11 + i * 17) % 400), service_tier: 'standard' };
      ctx += write5m + usage.input_tokens;
      await write({
        parentUuid: prev, ...base, type: 'assistant', uuid: a, timestamp: new Date((t += 4000)).toISOString(), requestId: `req_large_${session}_${n}`,
        message: {
          id: `msg_large_${session}_${n}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929',
          content: last ? [{ type: 'text', text: `Fixed task ${tasks}.` }] : [{ type: 'tool_use', id: `toolu_large_${n}`, name: 'Read', input: { file_path: `/home/dev/monorepo/pkg${tasks % 37}/src/f${i}.ts` } }],
          stop_reason: last ? 'end_turn' : 'tool_use', stop_sequence: null, usage,
        },
      });
      prev = a;
      if (!last) {
        const r = `r${++n}`;
        await write({ parentUuid: prev, ...base, type: 'user', uuid: r, timestamp: new Date((t += 3000)).toISOString(), message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_large_${n - 1}`, content: filler }] } });
        prev = r;
      }
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { bytes, tasks, calls };
}
