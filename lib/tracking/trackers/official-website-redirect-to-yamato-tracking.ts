// The Apple order page of an owryt job (seed 001): one row per shipment line;
// Yamato unless the page's shipping method names Japan Post.
import { orderNumberTracker } from "./define-tracker";

export const officialWebsiteRedirectToYamatoTracking = orderNumberTracker("official_website_redirect_to_yamato_tracking", "yamato");
