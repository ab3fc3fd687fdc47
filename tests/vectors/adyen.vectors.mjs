// Adyen vectors. Standard (payments) webhooks carry the signature inside the body, in
// `notificationItems[0].NotificationRequestItem.additionalData.hmacSignature`: base64 HMAC-SHA256 of
// `pspReference:originalReference:merchantAccountCode:merchantReference:amount.value:amount.currency:eventCode:success`
// (a missing originalReference is empty), keyed with the HMAC key hex-decoded. Platform (Balance Platform /
// Management) webhooks carry a `HmacSignature` header: base64 HMAC-SHA256 of the raw body, same key decoding.
// Signed by Adyen's own library (`hmacValidator.calculateHmac`) and judged by it (`validateHMAC` for the
// standard items, `validateHMACSignature` for the platform bodies).
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install @adyen/api-library
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/adyen.vectors.mjs
// Payloads: Adyen/adyen-node-api-library@3b84a188 tools/hmac/payload.json (a captured AUTHORISATION, as sent,
// with `\/` escapes), src/__mocks__/notification/captureTrue.json and accountHolderCreated.json.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, ok, sample, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { hmacValidator: HmacValidator } = sdk("@adyen/api-library");
const validator = new HmacValidator();
const VERSION = `@adyen/api-library@${version("@adyen/api-library")}`;

// Made-up HMAC keys in Adyen's format (64 hex characters, 32 bytes).
const KEY = "9F1C3A5E7B2D4F6081A3C5E7092B4D6F8A1C3E5072B4D6F8091A3C5E7B2D4F60";
const OLD_KEY = "0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9";
const WRONG_KEY = "FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210";

// Adyen's JSON escapes forward slashes (`03\/2030`), as in the captured payload.
const adyenJson = (value) => JSON.stringify(value).replace(/\//g, "\\/");
const sha256Id = (text) => `sha256:${createHash("sha256").update(text).digest("hex")}`;
const clone = (value) => JSON.parse(JSON.stringify(value));

const authorisation = {
  additionalData: {
    cardSummary: "0010", expiryDate: "03/2030", "recurring.contractTypes": "ONECLICK,RECURRING", cardBin: "222241",
    "recurring.recurringDetailReference": "DQWW2BQ9FX2R7475", recurringProcessingModel: "Subscription",
    "metadata.orderTransactionId": "63", alias: "F758505419855455", paymentMethodVariant: "m1", acquirerReference: "JQBMF3P3FJM",
    issuerBin: "22224107", cardIssuingCountry: "NL", authCode: "060494", cardHolderName: "Checkout Test",
    PaymentAccountReference: "Jj3gVfMpPcpKzmHrHmpxqgfsvGaVa", "checkout.cardAddedBrand": "mc", store: "None",
    "tokenization.shopperReference": "4d74f0727a318b13f85aee28ae556a08d7d9cf9e6d67b70a62e60e334aa7090d",
    "recurring.firstPspReference": "P9M9CTGJKKKKP275", "tokenization.storedPaymentMethodId": "DQWW2BQ9FX2R7475", issuerCountry: "NL",
    aliasType: "Default", paymentMethod: "mc",
    "recurring.shopperReference": "4d74f0727a318b13f85aee28ae556a08d7d9cf9e6d67b70a62e60e334aa7090d", cardPaymentMethod: "mc2",
  },
  amount: { currency: "EUR", value: 32500 },
  eventCode: "AUTHORISATION",
  eventDate: "2025-02-24T15:20:56+01:00",
  merchantAccountCode: "Merchant 1",
  merchantReference: "1143-R2",
  operations: ["CANCEL", "CAPTURE", "REFUND"],
  paymentMethod: "mc",
  pspReference: "AB1234567890",
  reason: "060494:0010:03/2030",
  success: "true",
};
const capture = {
  additionalData: {}, amount: { currency: "USD", value: 23623 }, eventCode: "CAPTURE", eventDate: "2017-01-25T18:08:19+01:00",
  merchantAccountCode: "MagentoMerchantTest2", merchantReference: "00000001", originalReference: "ORIGINAL_PSP", paymentMethod: "visa",
  pspReference: "PSP_REFERENCE", reason: "", success: "true",
};

/** The item signed with `key` by Adyen's library, the signature placed where Adyen puts it. */
function signed(item, key) {
  const copy = clone(item);
  delete copy.additionalData.hmacSignature;
  const hmacSignature = validator.calculateHmac(copy, key);
  return { ...copy, additionalData: { ...copy.additionalData, hmacSignature } };
}
const delivery = (item, live = "false", more = []) =>
  adyenJson({ live, notificationItems: [item, ...more].map((each) => ({ NotificationRequestItem: each })) });
const signedString = (item) => validator.getDataToSign(item);

const headers = { "Content-Type": "application/json" };
const good = signed(authorisation, KEY);
const body = delivery(good);
const event = {
  provider: "adyen",
  id: sha256Id(signedString(good)),
  type: "payment.authorized",
  sourceType: "AUTHORISATION",
  occurredAt: "2025-02-24T14:20:56Z",
  subject: { type: "payment", id: "AB1234567890", reference: "1143-R2" },
  test: true,
};

const platformBody = JSON.stringify({
  data: {
    balancePlatform: "YOUR_BALANCE_PLATFORM",
    accountHolder: {
      contactDetails: {
        email: "test@adyen.com", phone: { number: "0612345678", type: "mobile" },
        address: { houseNumberOrName: "23", city: "Amsterdam", country: "NL", postalCode: "12345", street: "Main Street 1" },
      },
      description: "Shelly Eller", legalEntityId: "LE00000000000000000001", reference: "YOUR_REFERENCE-2412C",
      capabilities: { issueCard: { enabled: true, requested: true, allowed: false, verificationStatus: "pending" } },
      id: "AH00000000000000000001", status: "active",
    },
  },
  environment: "test",
  timestamp: "2024-12-15T15:42:03+01:00",
  type: "balancePlatform.accountHolder.created",
});
const platformHeaders = (b, key) => ({ ...headers, HmacSignature: validator.calculateHmac(b, key) });

const v = (name, h, b, options, expect) => vector("adyen", name, h, b, options, expect);
const changedAmount = { ...good, amount: { ...good.amount, value: 32501 } };
const unsignedChanged = { ...good, eventDate: "2025-02-24T16:20:56+01:00", reason: "changed", paymentMethod: "visa" };
const noSignature = clone(good);
delete noSignature.additionalData.hmacSignature;
const refused = { ...good, success: "false" };
const refusedSigned = signed(refused, KEY);
const captureSigned = signed(capture, KEY);

const vectors = [
  v("valid signature", headers, body, { secret: KEY }, ok(event)),
  // A rotation: the first configured key is hex too (hookgate decodes every key as hex).
  v("second of two rotated keys", headers, body, { secret: [OLD_KEY, KEY] }, ok(event)),
  v("a signed field changed (amount.value)", headers, delivery(changedAmount), { secret: KEY }, fail("signature_mismatch")),
  v("wrong key", headers, delivery(signed(authorisation, WRONG_KEY)), { secret: KEY }, fail("signature_mismatch")),
  v("no hmacSignature in additionalData", headers, delivery(noSignature), { secret: KEY }, fail("missing_signature")),
  v("malformed hmacSignature", headers, delivery({ ...good, additionalData: { ...good.additionalData, hmacSignature: "not base64!" } }),
    { secret: KEY }, fail("malformed_signature")),
  v("no key configured", headers, body, { secret: null }, fail("missing_secret")),
  // Only the eight fields are signed: eventDate, reason, paymentMethod and additionalData are not.
  v("unsigned fields changed after signing", headers, delivery(unsignedChanged), { secret: KEY },
    ok({ id: event.id, occurredAt: "2025-02-24T15:20:56Z" })),
  v("a refused authorisation (success false)", headers, delivery(refusedSigned), { secret: KEY },
    ok({ id: sha256Id(signedString(refusedSigned)), type: "payment.authorization_failed", sourceType: "AUTHORISATION" })),
  v("a capture with its originalReference", headers, delivery(captureSigned), { secret: KEY },
    ok({
      id: sha256Id(signedString(captureSigned)), type: "payment.captured", sourceType: "CAPTURE", occurredAt: "2017-01-25T17:08:19Z",
      subject: { type: "payment", id: "ORIGINAL_PSP", reference: "00000001" },
    })),
  v("a live delivery is not a test", headers, delivery(good, "true"), { secret: KEY }, ok({ id: event.id, test: false })),
  v("platform webhook: HmacSignature header over the body", platformHeaders(platformBody, KEY), platformBody, { secret: KEY },
    ok({
      id: sha256Id(platformBody), type: "balancePlatform.accountHolder.created", sourceType: "balancePlatform.accountHolder.created",
      occurredAt: "2024-12-15T14:42:03Z", subject: { type: "accountHolder", id: "AH00000000000000000001" }, test: true,
    })),
  v("platform webhook: one byte changed", platformHeaders(platformBody, KEY), platformBody.replace("Shelly", "Shelle"), { secret: KEY },
    fail("signature_mismatch")),
  v("platform webhook: wrong key", platformHeaders(platformBody, WRONG_KEY), platformBody, { secret: KEY }, fail("signature_mismatch")),
  // Each item is signed on its own and hookgate verifies and reads one (`singleItem`): an item appended to a
  // captured delivery would otherwise be forwarded unsigned.
  v("an unsigned item appended to a signed delivery", headers, delivery(good, "false", [{ ...capture, pspReference: "FORGED" }]),
    { secret: KEY }, fail("invalid_payload")),
  v("two items, each signed (a batch)", headers, delivery(good, "false", [captureSigned]), { secret: KEY }, fail("invalid_payload")),
];
/** Refused by hookgate's choice although Adyen's validator accepts each item: a batch is not one event. */
const BATCH = "two items, each signed (a batch)";

// Adyen's validator must agree with every vector a configured key can judge.
for (const each of vectors) {
  if (each.options.secret == null) continue;
  const isPlatform = "HmacSignature" in each.request.headers;
  const by = `${VERSION} ${isPlatform ? "hmacValidator.validateHMACSignature" : "hmacValidator.validateHMAC"}`;
  const verdict = [].concat(each.options.secret).some((key) => {
    try {
      if (isPlatform) return validator.validateHMACSignature(key, each.request.headers.HmacSignature, each.request.body);
      // Every item must verify (throws when an hmacSignature is missing).
      const items = JSON.parse(each.request.body).notificationItems;
      return items.every(({ NotificationRequestItem: item }) => validator.validateHMAC(item, key));
    } catch {
      return false;
    }
  });
  if (each.name === BATCH) {
    if (!verdict) throw new Error(`${by} refuses "${each.name}": each item should verify`);
    each.checkedBy = `${by} accepts each item; hookgate refuses a batch (singleItem)`;
    continue;
  }
  if (verdict !== each.expect.ok) throw new Error(`${by} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
  each.checkedBy = by;
}

const unsignedDelivery = delivery(noSignature);
write("adyen", vectors, sample(unsignedDelivery, headers), `${VERSION} (hmacValidator.calculateHmac); judged by hmacValidator.validateHMAC / validateHMACSignature`);
