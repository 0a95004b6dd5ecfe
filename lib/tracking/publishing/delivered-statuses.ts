// Seed 001 §1.2: an order whose carrier status says it arrived is never queried again.
// latestDeliveryStatus holds the carrier's words (cut to 10 characters); the
// normalized deliveryStatus says the same for every carrier.
export const DELIVERED_CARRIER_STATUSES = ["配達完了", "お届け先にお届け済み"];
