// Shapes of the Temu Open API answers this platform reads (partner documentation).
export interface TemuEnvelope<T> {
  success: boolean;
  errorCode?: number;
  errorMsg?: string;
  result?: T;
}

export interface TemuParentOrderMap {
  parentOrderSn: string;
  parentOrderStatus: number;
  parentOrderTime: number;
  updateTime: number;
  expectShipLatestTime?: number;
  parentShippingTime?: number;
}

export interface TemuChildOrder {
  orderSn: string;
  goodsId: number | string;
  goodsName: string;
  skuId: number | string;
  orderStatus: number;
  quantity: number;
  fulfillmentType?: string;
  orderCreateTime?: number;
  orderShippingTime?: number;
  packageSnInfo?: { packageSn: string; packageDeliveryType?: number; callSuccess?: boolean }[];
}

export interface TemuOrderListItem {
  parentOrderMap: TemuParentOrderMap;
  orderList: TemuChildOrder[];
}

export interface TemuOrderListResult {
  totalItemNum: number;
  pageItems: TemuOrderListItem[];
}

export interface TemuOrderDetailResult {
  parentOrderMap: TemuParentOrderMap;
  orderList: TemuChildOrder[];
}

export interface TemuGoods {
  goodsId: number | string;
  goodsName: string;
  outGoodsSn?: string;
  catId?: number;
  price?: string;
  currency?: string;
  quantity?: number;
  thumbUrl?: string;
  skuInfoList?: unknown[];
}

export interface TemuGoodsListResult {
  goodsList: TemuGoods[];
  pageNo: number;
  total: number;
}

export const TEMU_TYPES = {
  orderList: "bg.order.list.v2.get",
  orderDetail: "bg.order.detail.v2.get",
  goodsList: "bg.local.goods.list.query",
} as const;

/** Credentials of one shop's app; never logged nor returned by an API. */
export interface TemuCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  /** Region host, e.g. https://openapi-b-us.temu.com; /openapi/router is appended. */
  baseUrl: string;
}
