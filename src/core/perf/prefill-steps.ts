/**
 * Prefill as vLLM runs it: in scheduler steps of at most max_num_batched_tokens tokens (chunked prefill,
 * the V1 default). A step is one forward pass, so besides its FLOPs it reads the weights at least once
 * (a memory floor) and, on a tensor-parallel replica, pays the same per-layer synchronisation a decode
 * step pays. A GPU with a smaller step budget (vLLM gives the A100 2048 tokens, vllm-defaults.ts) needs
 * more steps for the same prompts.
 */
export interface PrefillStepShape {
  promptTokens: number;
  /** Requests whose prompts are prefilled together (the benchmark's, or the serving target's). */
  concurrency: number;
  /** Token budget of one scheduler step (max_num_batched_tokens). */
  stepBudget: number;
}

/**
 * Tokens one prefill step holds, and the steps one request's prompt accounts for: c requests of P tokens
 * need ceil(c·P / T) steps in all when packed (a single request of P > T tokens needs ceil(P/T)).
 */
export function prefillSteps(shape: PrefillStepShape): { tokensPerStep: number; stepsPerRequest: number } {
  const P = Math.max(1, shape.promptTokens);
  const c = Math.max(1, shape.concurrency);
  const T = Math.max(1, shape.stepBudget);
  return { tokensPerStep: Math.min(T, P * c), stepsPerRequest: Math.ceil((P * c) / T) / c };
}

export interface PrefillCost {
  /** FLOPs the request's prompt needs, and the achieved FLOP/s at this step size. */
  flops: number;
  achievedFlops: number;
  /** Seconds to read the weights one step touches at the achieved bandwidth. */
  weightReadSeconds: number;
  /** Per-step synchronisation of a tensor-parallel replica (0 on one GPU). */
  syncPerStepSeconds: number;
}

/** Replica-seconds of one request's prefill: each step takes max(its FLOPs, one weight read) plus its sync. */
export function prefillSeconds(stepsPerRequest: number, cost: PrefillCost): number {
  const compute = cost.flops / cost.achievedFlops;
  const floor = stepsPerRequest * cost.weightReadSeconds;
  return Math.max(compute, floor) + stepsPerRequest * cost.syncPerStepSeconds;
}
