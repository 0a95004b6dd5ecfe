export { mod7CheckDigit, hasValidCheckDigit, makeTrackingNumber } from "./check-digit";
export { appleOrderUrl, parseAppleOrderUrl, APPLE_SHIPPING_METHODS, type AppleOrderRef } from "./apple-order";
export { YAMATO_STATUSES, YAMATO_SCENARIOS, yamatoTrackingNumber, yamatoTrackingUrl } from "./yamato";
export {
  JAPAN_POST_STATUSES,
  JAPAN_POST_SCENARIOS,
  JAPAN_POST_NOT_FOUND,
  JAPAN_POST_MAX_NUMBERS_PER_URL,
  japanPostTrackingNumber,
  japanPostTrackingUrl,
  parseJapanPostTrackingUrl,
} from "./japan-post";
export { randomFor } from "./progress";
export { isoJst, dateJst } from "./time";
