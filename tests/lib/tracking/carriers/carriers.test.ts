import { describe, expect, it } from "vitest";
import { carrierFromShippingMethod } from "@/lib/tracking/carriers/carrier";
import {
  checkTrackingNumber,
  isValidDomesticCheckDigit,
  isValidS10,
  normalizeTrackingNumber,
  s10CheckDigit,
} from "@/lib/tracking/carriers/check-tracking-number";
import { normalizeDeliveryStatus } from "@/lib/tracking/carriers/normalize-delivery-status";

describe("tracking number check digits", () => {
  it("domestic 12-digit numbers: first 11 digits mod 7 is the 12th", () => {
    expect(isValidDomesticCheckDigit("123456789013")).toBe(true); // 12345678901 % 7 = 3
    expect(isValidDomesticCheckDigit("123456789012")).toBe(false);
    expect(isValidDomesticCheckDigit("000000000000")).toBe(true);
    expect(isValidDomesticCheckDigit("12345678901")).toBe(false);
  });

  it("S10 international numbers: weights 8,6,4,2,3,5,9,7, mod 11 (10→0, 11→5)", () => {
    expect(s10CheckDigit("12345678")).toBe(5);
    expect(isValidS10("EJ123456785JP")).toBe(true);
    expect(isValidS10("EJ123456784JP")).toBe(false);
    expect(isValidS10("RR473124829GB")).toBe(true);
  });

  it("normalizes spacing, hyphens and full-width digits before checking, and flags bad numbers", () => {
    expect(normalizeTrackingNumber(" １２３４-５６７８-９０１３ ")).toBe("123456789013");
    expect(checkTrackingNumber("1234-5678-9013", "yamato")).toEqual({ normalized: "123456789013", format: "domestic_12", issue: null });
    expect(checkTrackingNumber("123456789012", "yamato").issue).toBe("check_digit_mismatch");
    expect(checkTrackingNumber("ej123456785jp", "japan_post")).toEqual({ normalized: "EJ123456785JP", format: "s10", issue: null });
    expect(checkTrackingNumber("EJ123456784JP", "japan_post").issue).toBe("check_digit_mismatch");
    expect(checkTrackingNumber("ABC", "japan_post").issue).toBe("unrecognized_format");
  });
});

describe("normalizeDeliveryStatus", () => {
  const cases: [string, string | null][] = [
    // Yamato
    ["荷物受付", "info_received"],
    ["発送済み", "in_transit"],
    ["作業店通過", "in_transit"],
    ["輸送中", "in_transit"],
    ["配達中", "out_for_delivery"],
    ["配達完了", "delivered"],
    ["配達完了（宅配ボックス）", "delivered"],
    ["ご不在のため持ち帰り", "failed_attempt"],
    ["保管中", "available_for_pickup"],
    ["調査中", "exception"],
    ["返品", "exception"],
    // Japan Post
    ["引受", "in_transit"],
    ["通過", "in_transit"],
    ["到着", "in_transit"],
    ["お届け先にお届け済み", "delivered"],
    ["窓口でお渡し", "delivered"],
    ["ご不在のため持ち戻り", "failed_attempt"],
    ["保管", "available_for_pickup"],
    ["差出人に返送済み", "exception"],
    // Apple order page
    ["ご注文受付", "pending"],
    ["出荷完了", "in_transit"],
    ["Delivered", "delivered"],
    ["", null],
    ["謎の状態", null],
  ];
  it.each(cases)("%s → %s", (text, expected) => {
    expect(normalizeDeliveryStatus(text)).toBe(expected);
  });
});

describe("carrierFromShippingMethod", () => {
  it("reads the carrier from the Apple page's shipping method", () => {
    expect(carrierFromShippingMethod("ヤマト運輸")).toBe("yamato");
    expect(carrierFromShippingMethod("日本郵便 ゆうパック")).toBe("japan_post");
    expect(carrierFromShippingMethod("Standard")).toBeNull();
  });
});
