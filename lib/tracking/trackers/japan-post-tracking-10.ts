// Japan Post's search page with up to 10 tracking numbers per page: one row each.
import { trackingNumberTracker } from "./define-tracker";

export const japanPostTracking10 = trackingNumberTracker("japan_post_tracking_10");
