// Japan Post's tracking page for one tracking number.
import { trackingNumberTracker } from "./define-tracker";

export const japanPostTrackingOnly = trackingNumberTracker("japan_post_tracking_only");
