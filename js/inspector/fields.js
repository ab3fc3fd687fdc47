// @ts-check
// Which field takes what, per provider, from the registry: the `secret` and `token` options are labelled
// by the credential schemes that read them, with where each is checked, and a field no credential of
// the chosen provider reads is hidden (a Redo bearer token goes in the field that Redo reads).
import { byId, prose } from "./dom.js";

/** @typedef {import("hookgate/explain").ProviderDescription} ProviderDescription */

const SCHEME_LABELS = /** @type {Record<string, string>} */ ({
  hmac: "Signing secret",
  bearer: "Bearer token",
  "url-token": "URL token",
  "body-secret": "Secret in the body",
});

/**
 * Labels, help and visibility of the Secret and Token fields for `provider` (null: detect, both shown).
 * @param {ProviderDescription | undefined} provider
 */
export function labelKeyFields(provider) {
  for (const option of /** @type {const} */ (["secret", "token"])) {
    const row = byId(`${option}-row`);
    const label = byId(`${option}-label`);
    const help = byId(`${option}-help`);
    if (!provider) {
      row.hidden = false;
      label.textContent = option === "secret" ? "Secret" : "Token";
      help.textContent =
        option === "secret"
          ? "a signing secret, or the key a provider's bearer or body credential carries"
          : "a URL or bearer token, for providers that use one";
      help.replaceChildren(...prose(help.textContent));
      continue;
    }
    const readers = provider.credentials.filter((credential) => credential.option === option);
    row.hidden = readers.length === 0;
    const kinds = [...new Set(readers.map((credential) => SCHEME_LABELS[credential.scheme] ?? "Key"))];
    label.textContent = kinds.join(" or ");
    const places = readers.map((credential) =>
      credential.signature ? `the ${credential.place} (${credential.signature})` : `the ${credential.place}`,
    );
    const others = provider.credentials.length > readers.length;
    help.replaceChildren(...prose(`${provider.name} checks ${places.join(", or ")}.${others ? "" : ` Format: ${provider.secretFormat}.`}`));
  }
}
