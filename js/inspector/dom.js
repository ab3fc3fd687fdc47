// @ts-check
// The few DOM helpers the inspector's modules share: typed lookups by id, element building, copy buttons.

/** The element with `id` (the page's markup has every id the scripts use). @param {string} id */
export const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** A form field by id. @param {string} id */
export const field = (id) => /** @type {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} */ (document.getElementById(id));

/**
 * An element with a class and children (text or nodes).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {string} [className] @param {...(string | Node)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** A button that copies `text()` to the clipboard and says so. @param {string} label @param {() => string} text */
export function copyButton(label, text) {
  const button = el("button", "copy", "Copy");
  button.type = "button";
  button.setAttribute("aria-label", `Copy ${label}`);
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(text());
    button.textContent = "Copied";
    setTimeout(() => {
      button.textContent = "Copy";
    }, 1500);
  });
  return button;
}

/** Text whose `backticked` parts (as the core writes names and formats) become <code>. @param {string} text */
export function prose(text) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? el("code", "", part) : document.createTextNode(part)));
}
