/**
 * What the stores need of the settings: the validated Config, its generation (bumped on every
 * change) and the once-only problem report. ConfigStore (config.ts) is the implementation; this
 * interface keeps the stores free of the vscode import, so they can be tested in plain Node.
 */
import type { Config, SettingProblem } from '../../shared/config';

export interface ConfigSource {
  readonly config: Config;
  readonly generation: number;
  report(problems: readonly SettingProblem[]): void;
}
