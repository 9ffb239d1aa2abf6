/**
 * The catalog for the current settings, built on first use (not at activation) and rebuilt when
 * settings change: the shipped catalog with catalog files, agentcost.catalog.overlay, imported vLLM
 * baselines and GPU prices laid over it. An unreadable catalog file is reported once and skipped.
 */
import type { Catalog, CatalogOverlay } from '../../core/catalog/schema';
import { settingKey } from '../../shared/config';
import type { ConfigSource } from './config-source';
import { settingsOverlays } from '../model/catalog-overlays';

export class CatalogStore {
  private cached: { generation: number; catalog: Promise<Catalog> } | null = null;

  constructor(private readonly config: ConfigSource) {}

  get(): Promise<Catalog> {
    const generation = this.config.generation;
    if (this.cached?.generation !== generation) this.cached = { generation, catalog: this.build() };
    return this.cached.catalog;
  }

  private async build(): Promise<Catalog> {
    const { buildCatalog, readOverlayFile } = await import('../../core/catalog/load');
    const config = this.config.config;
    const files: CatalogOverlay[] = [];
    for (const path of config.catalogFiles) {
      try {
        files.push(await readOverlayFile(path));
      } catch (e) {
        const message = `${settingKey('catalogFiles')}: ${e instanceof Error ? e.message : String(e)} (skipped)`;
        this.config.report([{ setting: settingKey('catalogFiles'), message, fingerprint: message }]);
      }
    }
    return buildCatalog(settingsOverlays(config, files));
  }
}
