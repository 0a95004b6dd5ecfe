// GET /api/purchasings/export – the filtered, sorted orders list as CSV or XLSX (?format=csv|xlsx&q=&delivery_status=&sort=&dir=), streamed
import { exportFormat, exportResponse, exportTimeZone, withoutFormat } from "@/lib/api/export-response";
import { searchParamsObject } from "@/lib/api/query-params";
import { withStaff } from "@/lib/api/with-session";
import { exportPurchasings } from "@/lib/purchasing/export-purchasings";
import { searchPurchasingsQuery } from "@/lib/purchasing/search-purchasings";

export const GET = withStaff(async ({ req, session }) => {
  const params = searchParamsObject(req.nextUrl.searchParams);
  const format = exportFormat.parse(params.format);
  const query = searchPurchasingsQuery.parse(withoutFormat(params));
  return exportResponse(format, exportPurchasings(query, await exportTimeZone(session.user.id)), "purchasing-orders");
});
