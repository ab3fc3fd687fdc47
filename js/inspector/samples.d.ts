// The samples module the inspector's build writes (scripts/build-inspector.mjs): each provider's
// documented delivery, unsigned, from tests/vectors/<provider>.json.
export declare const samples: Record<
  string,
  { headers: Record<string, string>; body: string; options?: { hmac?: import("hookgate").HmacScheme } }
>;
