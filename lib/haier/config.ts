// Seed 003 configuration (HAIER_* variables). Secrets are read here and only
// sent to Haier's token endpoint; nothing prints them.
export interface HaierConfig {
  clientId: string;
  clientSecret: string;
  /** OAuth2 host; the token is requested at {tokenUrl}/oauth2/auth. */
  tokenUrl: string;
  baseUrl: string;
  customerCode: string;
  sendToCode: string;
  supplierCode: string;
  /** Stock calls send it as salesCode; defaults to the customer code. */
  salesCode: string;
  /** Logistics calls send it as sellerCode; defaults to the customer code. */
  sellerCode: string;
  password: string;
  sellerPassword: string;
}

export class HaierConfigError extends Error {
  readonly kind = "config" as const;
}

const REQUIRED = [
  "HAIER_CLIENT_ID",
  "HAIER_CLIENT_SECRET",
  "HAIER_TOKEN_URL",
  "HAIER_BASE_URL",
  "HAIER_CUSTOMER_CODE",
  "HAIER_SUPPLIER_CODE",
] as const;

export function haierConfigFromEnv(env: Record<string, string | undefined> = process.env): HaierConfig {
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new HaierConfigError(
      `Haier is not configured: set ${missing.join(", ")} (the platform sets them for its simulator in embedded mode)`,
    );
  }
  const trimUrl = (value: string) => value.trim().replace(/\/+$/, "");
  const customerCode = env.HAIER_CUSTOMER_CODE!.trim();
  return {
    clientId: env.HAIER_CLIENT_ID!.trim(),
    clientSecret: env.HAIER_CLIENT_SECRET!,
    tokenUrl: trimUrl(env.HAIER_TOKEN_URL!),
    baseUrl: trimUrl(env.HAIER_BASE_URL!),
    customerCode,
    sendToCode: env.HAIER_SEND_TO_CODE?.trim() ?? "",
    supplierCode: env.HAIER_SUPPLIER_CODE!.trim(),
    salesCode: env.HAIER_SALES_CODE?.trim() || customerCode,
    sellerCode: env.HAIER_SELLER_CODE?.trim() || customerCode,
    password: env.HAIER_PASSWORD ?? "",
    sellerPassword: env.HAIER_SELLER_PASSWORD ?? "",
  };
}

/** Embedded-mode values: the simulator's URLs plus codes and the generated client secret. */
export function embeddedHaierEnv(simulatorUrl: string, clientSecret: string): Record<string, string> {
  return {
    HAIER_CLIENT_ID: "resale-ops-embedded",
    HAIER_CLIENT_SECRET: clientSecret,
    HAIER_TOKEN_URL: simulatorUrl,
    HAIER_BASE_URL: simulatorUrl,
    HAIER_CUSTOMER_CODE: "8800012345",
    HAIER_SEND_TO_CODE: "8800012345",
    HAIER_SUPPLIER_CODE: "1001",
  };
}
