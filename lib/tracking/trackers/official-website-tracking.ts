// The Apple order page without a carrier assumption: the carrier comes from the page's shipping method.
import { orderNumberTracker } from "./define-tracker";

export const officialWebsiteTracking = orderNumberTracker("official_website_tracking", null);
