// Route side of the Temu shop lookup: an unknown {shop_id} is a 404.
import type { Db } from "../db/client";
import { findShopOrThrow, ShopNotFoundError } from "../temu/shops";
import { badRequest, notFound } from "./errors";

export async function shopFromParams(db: Db, params: Record<string, string | string[]>) {
  const raw = params.shop_id;
  if (typeof raw !== "string" || raw.trim() === "" || raw.length > 64) throw badRequest("shop_id is required");
  try {
    return await findShopOrThrow(db, decodeURIComponent(raw));
  } catch (error) {
    if (error instanceof ShopNotFoundError) throw notFound(error.message);
    throw error;
  }
}
