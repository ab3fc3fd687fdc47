// The implementation against its published types: every name the .d.ts files publish is exported by
// the JavaScript, with a type assignable to the published one (the JS types come from its JSDoc, which
// `tsc -p tsconfig.json` checks). A renamed or retyped export fails here before a user sees it.

import type * as PublishedExplain from "../../pkg/explain.js";
import type * as PublishedCore from "../../pkg/index.js";
import * as explain from "../../pkg-template/src/explain-node.mjs";
import * as core from "../../pkg-template/src/node.mjs";

type Values<T> = { [K in keyof T as T[K] extends abstract new (...args: never) => unknown ? never : K]: T[K] };

// Functions and constants: the implementation's may be wider, never narrower or missing.
const coreMatches: Omit<Values<typeof PublishedCore>, never> = core;
const explainMatches: Values<typeof PublishedExplain> = explain;
// Classes: the same constructor.
const errorMatches: typeof PublishedCore.HookgateError = core.HookgateError;

export { coreMatches, errorMatches, explainMatches };
