import type { Call, Message, Task } from '../traces/model';
import { PrefixCache } from './prefix-cache';
import { scaleToRecordedTotals } from './scale-totals';

/** Counts tokens of a text (memoized by the caller's counter). */
export type CountTokens = (text: string) => number;
/** Token ids of a text, for prefix hashing; optional (without it, reuse is inferred from usage). */
export type EncodeTokens = (text: string) => ArrayLike<number>;

export type NumberSource = 'recorded' | 'tokenizer' | 'scaled';

/** One call's token shape, as the cost model needs it. null = unknown. */
export interface CallMeasure {
  callId: string;
  lineage: string;
  model: string | null;
  provider: string | null;
  isSubagent: boolean;
  input: number | null;
  output: number | null;
  /** Input tokens already seen earlier in the same lineage (prefix reuse). */
  repeated: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  /** Of cacheWrite, the 1-hour cache writes (priced above 5-minute ones); null: none recorded apart. */
  cacheWrite1h: number | null;
  inputSource: NumberSource | null;
  outputSource: NumberSource | null;
  repeatedMethod: 'prefix-blocks' | 'usage' | 'first-in-lineage' | null;
  line: number | null;
  /** The call's time (ISO) where the trace records it: prices are looked up as of that date. */
  timestamp?: string | null;
}

/** A stand-in token id for a message boundary, so "ab" + "c" and "a" + "bc" do not share blocks. */
const ROLE_IDS: Record<Message['role'], number> = { system: -1, developer: -2, user: -3, assistant: -4, tool: -5 };
const ROLE_MARKS = Object.fromEntries(Object.entries(ROLE_IDS).map(([k, v]) => [k, Int32Array.of(v)])) as Record<Message['role'], Int32Array>;

interface LineageState {
  cache: PrefixCache;
  prevInput: number | null;
  prevOutput: number | null;
  /** The previous call's input came from its usage record. */
  prevRecorded: boolean;
  /** The lineage's model and provider so far, for a call that records none. */
  model: string | null;
  provider: string | null;
  calls: number;
}

/**
 * Measures every call of a file in order. Lineages carry across tasks (a chat session's main
 * conversation continues from one human turn to the next), so measuring is done file-wide.
 * Each distinct message is counted / encoded once (interned Message objects are memoized by identity).
 */
export class CallMeasurer {
  private readonly lineages = new Map<string, LineageState>();
  private readonly messageTokens = new WeakMap<Message, ArrayLike<number>>();
  private readonly messageCounts = new WeakMap<Message, number>();

  constructor(
    private readonly count: CountTokens,
    private readonly encode?: EncodeTokens,
  ) {}

  private tokensOf(m: Message): ArrayLike<number> {
    let t = this.messageTokens.get(m);
    if (!t) {
      // kept for the whole file: 4 bytes per id, not an array's 8
      t = Int32Array.from(this.encode!(m.text));
      this.messageTokens.set(m, t);
    }
    return t;
  }

  private countOf(m: Message): number {
    let n = this.messageCounts.get(m);
    if (n === undefined) {
      n = this.count(m.text);
      this.messageCounts.set(m, n);
    }
    return n;
  }

  /** The call's prompt and completion as segments (a role marker, then the message's ids), never concatenated. */
  private segments(messages: readonly Message[], completion: string | null): { segments: ArrayLike<number>[]; promptTokens: number } {
    const segments: ArrayLike<number>[] = [];
    let promptTokens = 0;
    for (const m of messages) {
      const t = this.tokensOf(m);
      segments.push(ROLE_MARKS[m.role], t);
      promptTokens += 1 + t.length;
    }
    if (completion !== null) segments.push(ROLE_MARKS.assistant, this.encode!(completion));
    return { segments, promptTokens };
  }

  measure(call: Call): CallMeasure {
    let state = this.lineages.get(call.lineage);
    if (!state) {
      state = { cache: new PrefixCache(), prevInput: null, prevOutput: null, prevRecorded: false, model: null, provider: null, calls: 0 };
      this.lineages.set(call.lineage, state);
    }
    const u = call.usage;
    const recordedIn = u.source === 'recorded' ? u.inTotal : null;
    const recordedOut = u.source === 'recorded' ? u.output : null;
    let input = recordedIn;
    let inputSource: NumberSource | null = input !== null ? 'recorded' : null;
    if (input === null && call.prompt) {
      input = call.prompt.reduce((s, m) => s + this.countOf(m), 0);
      inputSource = 'tokenizer';
    }
    // A call without usage beside calls with usage (OpenHands' final message): its prompt holds at
    // least the previous call's prompt and answer, whatever our tokenizer counts of what was recorded.
    if (inputSource !== 'recorded' && state.prevRecorded && state.prevInput !== null && state.prevOutput !== null) {
      const floor = state.prevInput + state.prevOutput;
      if (input === null || input < floor) {
        input = floor;
        inputSource = 'tokenizer';
      }
    }
    let output = recordedOut;
    let outputSource: NumberSource | null = output !== null ? 'recorded' : null;
    if (output === null && call.completion !== null) {
      output = this.count(call.completion);
      outputSource = 'tokenizer';
    }

    let repeated: number | null = null;
    let repeatedMethod: CallMeasure['repeatedMethod'] = null;
    if (call.prompt && call.promptComplete && this.encode) {
      const { segments, promptTokens } = this.segments(call.prompt, call.completion);
      const hit = state.cache.reuse(segments, promptTokens);
      // our tokenizer's count of the prompt may differ from the provider's: keep the reused share
      repeated = input === null ? null : promptTokens > 0 ? Math.min(input, Math.round((input * hit) / promptTokens)) : 0;
      repeatedMethod = 'prefix-blocks';
    } else if (state.calls === 0) {
      repeated = input === null ? null : 0;
      repeatedMethod = 'first-in-lineage';
    } else if (input !== null && state.prevInput !== null && state.prevOutput !== null) {
      repeated = Math.min(input, state.prevInput + state.prevOutput);
      repeatedMethod = 'usage';
    }
    if (state.calls === 0 && repeated !== null) {
      repeated = 0;
      repeatedMethod = 'first-in-lineage';
    }
    state.calls++;
    state.prevInput = input;
    state.prevOutput = output;
    state.prevRecorded = inputSource === 'recorded';
    // a call with no model recorded ran in its lineage's context: the lineage's model answered it
    const model = call.model ?? state.model;
    const provider = call.model ? call.provider : (call.provider ?? state.provider);
    if (call.model) {
      state.model = call.model;
      state.provider = call.provider;
    }
    return {
      callId: call.id,
      lineage: call.lineage,
      model,
      provider,
      isSubagent: call.isSubagent,
      input,
      output,
      repeated,
      cacheRead: u.source === 'recorded' ? u.cacheRead : null,
      cacheWrite: u.source === 'recorded' ? u.cacheWrite : null,
      cacheWrite1h: u.source === 'recorded' ? (u.cacheWrite1h ?? null) : null,
      inputSource,
      outputSource,
      repeatedMethod,
      line: call.line,
      timestamp: call.timestamp,
    };
  }
}

/** Measures all calls of the file's tasks, in order; estimates are scaled to totals a task records. */
export function measureTasks(tasks: readonly Task[], count: CountTokens, encode?: EncodeTokens): CallMeasure[][] {
  const m = new CallMeasurer(count, encode);
  return tasks.map((t) => {
    const calls = t.calls.map((c) => m.measure(c));
    return t.recordedTotals ? scaleToRecordedTotals(calls, t.recordedTotals) : calls;
  });
}
