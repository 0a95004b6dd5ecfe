// Yamato's tracking page for orders already known by number.
import { orderNumberTracker } from "./define-tracker";

export const yamatoTrackingOnly = orderNumberTracker("yamato_tracking_only", "yamato");
