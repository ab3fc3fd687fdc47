// @ts-check
// An Express 5 app taking Shopify webhooks. Run: SHOPIFY_SECRET=… node express.mjs
import express from "express";
import { hookgate } from "hookgate/express";

const app = express();

// hookgate reads the raw body itself: mount it on the webhook route, before any JSON parser.
app.post("/webhooks/shopify", hookgate("shopify", { secret: process.env.SHOPIFY_SECRET }), (req, res) => {
  console.log("verified", req.hookgate?.type, req.hookgate?.id);
  res.sendStatus(204);
});

app.use(express.json()); // the rest of the app parses JSON as usual

export const server = app.listen(Number(process.env.PORT ?? 3000));
