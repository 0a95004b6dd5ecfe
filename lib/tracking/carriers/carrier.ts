// The carriers the trackers read: the Prisma enum Carrier of Purchasing.carrier
// (the generated enums file imports nothing, so client components may use it).
import { Carrier } from "@/lib/db/generated/enums";

export { Carrier };
export const CARRIERS = Object.values(Carrier);

/** Guesses the carrier from the Apple order page's shipping method text (ヤマト運輸 / 日本郵便 ...). */
export function carrierFromShippingMethod(text: string | null | undefined): Carrier | null {
  if (!text) return null;
  const t = text.normalize("NFKC").toLowerCase();
  if (/ヤマト|クロネコ|宅急便|yamato|kuroneko/.test(t)) return "yamato";
  if (/日本郵便|郵便|ゆうパック|ゆうパケット|japan ?post|jp ?post/.test(t)) return "japan_post";
  return null;
}
