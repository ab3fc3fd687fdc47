// ClickUp vectors: `X-Signature` = hex HMAC-SHA256 of the raw body, keyed with the webhook's `secret` (returned when
// the webhook is created) as UTF-8 (ClickUp's "Webhook signature" page: "Signatures are always digested in
// hexadecimal format"). No timestamp. ClickUp publishes no verifier or signing SDK, so node:crypto signs and no vector
// carries `checkedBy`.
// Rerun: node tests/vectors/clickup.vectors.mjs
import { readFileSync } from "node:fs";
import { digestId, fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "O7GDW0ULM9A8IJCT1Z5HYXK3B6RENQ4F2SVP"; // made up, shaped like a ClickUp webhook secret
// ClickUp's documented taskCreated payload (Task webhook payloads page), compacted as sent: the page's first history
// item; its `after` status and the trailing task_id/webhook_id come from the page's taskStatusUpdated example.
const body = readFileSync(new URL("./documented/clickup.json", import.meta.url), "utf8").trim();
const sign = (b, secret) => ({ "X-Signature": hmac("sha256", secret, b, "hex") });
const unsigned = { "Content-Type": "application/json" };
const event = {
  provider: "clickup",
  id: digestId(body),
  type: "task.created",
  sourceType: "taskCreated",
  occurredAt: "2022-01-21T03:10:31.523Z",
  subject: { type: "task", id: "1vj37mc", reference: null },
  status: { previous: null, current: "to do" },
  test: false,
};
const user = { id: 183, username: "John", email: "john@company.com", color: "#7b68ee", initials: "J", profilePicture: null };
const statusUpdated = JSON.stringify({ event: "taskStatusUpdated", history_items: [{ id: "2800787326392784931", type: 1, date: "1642736652800",
  field: "status", parent_id: "162641062", data: { status_type: "custom" }, source: null, user,
  before: { status: "to do", color: "#f9d900", orderindex: 0, type: "open" }, after: { status: "in progress", color: "#7C4DFF", orderindex: 1, type: "custom" } }],
  task_id: "1vj37mc", webhook_id: "7fa3ec74-69a8-4530-a251-8a13730bd204" });
const listCreated = JSON.stringify({ event: "listCreated", history_items: [{ id: "8a2da79a-d5b8-4bbf-9d5d-5a5ce33bef62", type: 6, date: "1642740510345",
  field: "list_created", parent_id: "40015208", data: {}, source: null, user, before: null, after: null }], list_id: "162641285",
  webhook_id: "7fa3ec74-69a8-4530-a251-8a13730bd204" });

write("clickup", [
  ...signatureCases("clickup", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "sha256=not-hex", header: "X-Signature" }),
  vector("clickup", "a task status change", { ...unsigned, ...sign(statusUpdated, SECRET) }, statusUpdated, { secret: SECRET },
    ok({ id: digestId(statusUpdated), type: "task.status_updated", sourceType: "taskStatusUpdated", occurredAt: "2022-01-21T03:44:12.800Z",
      subject: { type: "task", id: "1vj37mc" }, status: { previous: "to do", current: "in progress" } })),
  vector("clickup", "a list created", { ...unsigned, ...sign(listCreated, SECRET) }, listCreated, { secret: SECRET },
    ok({ id: digestId(listCreated), type: "list.created", sourceType: "listCreated", subject: { type: "list", id: "162641285" }, status: { previous: null, current: null } })),
  vector("clickup", "the body re-serialized with spaces after signing", { ...unsigned, ...sign(body, SECRET) }, JSON.stringify(JSON.parse(body), null, 1),
    { secret: SECRET }, fail("signature_mismatch")),
], sample(body, unsigned), "node:crypto (HMAC-SHA256, hex)");
