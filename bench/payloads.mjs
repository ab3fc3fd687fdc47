// Realistic payloads at about 300 B, 3 KB, 30 KB and 300 KB, shaped like the providers' documented
// events (ReReady's device return; a Standard Webhooks return event), grown with line items as a large
// return would be.
const item = (i) => ({
  id: `item-${i}`,
  sku: `SKU-${1000 + i}`,
  title: `Returned product ${i}`,
  quantity: 1 + (i % 3),
  reason: i % 2 ? "Too big" : "Damaged",
  price: { amount: `${(19.99 + i).toFixed(2)}`, currency: "USD" },
  image: `https://cdn.example.com/products/${i}/image.jpg`,
});

/** `base` with line items added while they fit under `target` bytes, then a note to reach it. */
function grow(base, target) {
  const items = [];
  let payload = base;
  while (JSON.stringify({ ...base, items: [...items, item(items.length)] }).length <= target) {
    items.push(item(items.length));
    payload = { ...base, items };
  }
  const short = target - JSON.stringify({ ...payload, note: "" }).length;
  return JSON.stringify(short > 0 ? { ...payload, note: "x".repeat(short) } : payload);
}

export const SIZES = [
  ["300 B", 300],
  ["3 KB", 3_000],
  ["30 KB", 30_000],
  ["300 KB", 300_000],
];

/** A ReReady body of about `size` bytes. */
export const rereadyBody = (size) =>
  grow(
    {
      device_return_id: "e025d043-c41d-4167-8bd3-24cc66345696",
      serial_number: "C02XK1JHJGH5",
      state: "pending_return_shipment",
      test: false,
      ticket_url: null,
      url: "https://www.reready.co/device_returns/e025d043-c41d-4167-8bd3-24cc66345696",
    },
    size,
  );

/** A Standard Webhooks body of about `size` bytes. */
export const standardWebhooksBody = (size) => {
  const data = JSON.parse(grow({ id: "ret_123", order_id: "ord_456", status: "requested" }, size - 70));
  return JSON.stringify({ type: "return.created", timestamp: "2026-01-01T00:00:00Z", data });
};

/** A Redo `created` event of about 3 KB (its return grown with a ReReady-sized body's fields). */
export const redoBody = () =>
  JSON.stringify({
    type: "created",
    at: "2026-01-01T00:00:00Z",
    return: { id: "64df65d4c5a4ca3eff4b4e43", status: "pending", ...JSON.parse(rereadyBody(2_850)) },
  });
