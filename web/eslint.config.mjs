// eslint.config.mjs — lint rules for the page (web/src, web/build.mjs) and
// its browser tests (web/test); `make test` runs `eslint` over them.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["src/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
    rules: {
      "no-unused-vars": ["error", { args: "none" }],
      eqeqeq: ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
      // text from the store is inserted with textContent only
      "no-restricted-properties": [
        "error",
        { property: "innerHTML", message: "use textContent or DOM calls (dom.js)" },
        { property: "outerHTML", message: "use textContent or DOM calls (dom.js)" },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: "use textContent or DOM calls (dom.js)",
        },
      ],
    },
  },
  {
    // the tests' page.evaluate() callbacks run in the page: browser globals too
    files: ["build.mjs", "eslint.config.mjs", "test/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: { "no-unused-vars": ["error", { args: "none" }], "prefer-const": "error" },
  },
];
