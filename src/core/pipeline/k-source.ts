/** Which rule gave k (src/core/pipeline/workload.ts `chooseK`). A leaf: the webview's types use it. */
export type KSource = 'traces' | 'user' | 'catalog';
