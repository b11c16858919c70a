// KaTeX and its styles, fetched only for an answer that has math in it.
import "katex/dist/katex.min.css";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";

export const mathPlugins = { remark: remarkMath, rehype: rehypeKatex };
