// The default theme, plus the one component a page of docs/ uses: the HTTP API reference.
import type { Theme } from "vitepress";
import DefaultTheme from "vitepress/theme";
import HttpApiReference from "./HttpApiReference.vue";
import "./style.css";

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component("HttpApiReference", HttpApiReference);
  },
} satisfies Theme;
