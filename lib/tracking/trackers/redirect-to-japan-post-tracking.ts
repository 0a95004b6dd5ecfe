// The Japan Post job published when an owryt job redirects (seed 000 §5.4.1);
// an unknown tracking number reaches its order through the redirect chain.
import { trackingNumberTracker } from "./define-tracker";

export const redirectToJapanPostTracking = trackingNumberTracker("redirect_to_japan_post_tracking");
