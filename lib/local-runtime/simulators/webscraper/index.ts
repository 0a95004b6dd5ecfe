export { startWebScraperSimulator, type WebScraperSimulator } from "./simulator";
export { DEFAULT_BEHAVIOUR as DEFAULT_WEBSCRAPER_BEHAVIOUR, type WebScraperBehaviour, type WebScraperSimulatorOptions } from "./options";
export {
  renderExportCsv,
  exportRows,
  exportColumnsFor,
  ORDER_EXPORT_COLUMNS,
  JAPAN_POST_EXPORT_COLUMNS,
  DEFAULT_JAPAN_POST_SHARE,
  type ExportSource,
  type RenderExportOptions,
} from "./render-export";
export { DEFAULT_SITEMAP_NAMES } from "./sitemaps";
export { notificationFor } from "./job-runner";
export type { SimulatedJob } from "./job-store";
export type { WebhookAttempt } from "./webhook";
export * from "./demo-data";
