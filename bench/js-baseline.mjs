// The idiomatic JS way of doing what hookgate's verify does for ReReady: parse the header, check the
// timestamp, HMAC-SHA512 over "t.body", compare in constant time, JSON.parse, build the same normalized
// event. `hmacSha512` is node:crypto or @noble/hashes (where no native crypto exists). Headers come as a
// plain object or a Fetch `Headers`, as an application hands them over.
import { createHmac, timingSafeEqual } from "node:crypto";
import { hmac } from "@noble/hashes/hmac.js";
import { sha512 } from "@noble/hashes/sha2.js";

const encoder = new TextEncoder();
export const nodeHmac = (key, data) => createHmac("sha512", key).update(data).digest();
export const nobleHmac = (key, data) => hmac(sha512, encoder.encode(key), typeof data === "string" ? encoder.encode(data) : data);

export function makeVerifier(hmacSha512) {
  return function verifyReReady(headers, body, secret, now) {
    const header = typeof headers.get === "function" ? headers.get("x-reready-signature-512") : headers["x-reready-signature-512"];
    if (!header) throw new Error("missing_signature");
    let t;
    const signatures = [];
    for (const pair of header.split(",")) {
      const [key, value] = pair.split("=", 2).map((s) => s.trim());
      if (key === "t") t = value;
      else if (key === "v") signatures.push(value);
    }
    if (!t || !/^\d{1,15}$/.test(t) || signatures.length === 0) throw new Error("malformed_signature");
    const expected = Buffer.from(hmacSha512(secret, `${t}.${body}`));
    const ok = signatures.some((s) => {
      const given = Buffer.from(s, "hex");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!ok) throw new Error("signature_mismatch");
    if (Math.abs(now - Number(t)) > 300) throw new Error("timestamp_out_of_tolerance");
    const data = JSON.parse(body);
    if (typeof data.device_return_id !== "string" || typeof data.state !== "string") throw new Error("invalid_payload");
    return {
      provider: "reready",
      id: `${data.device_return_id}:${data.state}`,
      type: "device_return.status_changed",
      sourceType: data.state,
      occurredAt: new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z"),
      subject: { type: "device_return", id: data.device_return_id, reference: null },
      status: { previous: null, current: data.state },
      test: data.test === true,
      data,
    };
  };
}
