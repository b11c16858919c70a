"use client";

import "highlight.js/styles/github.css";
import { isValidElement, useEffect, useRef, useState, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { CopyButton } from "./copy-button";

type MathPlugins = typeof import("./math").mathPlugins;
let math: MathPlugins | undefined;
const loadMath = () => import("./math").then((module) => (math = module.mathPlugins));
// `$x$`, `$$…$$`, `\(…\)`, `\[…\]`: worth fetching KaTeX for.
const MATH = /\$\$[\s\S]+?\$\$|(^|[^\\$\d])\$[^\s$](?:[^$\n]*[^\s$])?\$(?!\d)|\\\(|\\\[/;

/** A fenced code block: its language, a Copy button, highlighted, and scrollable by keyboard. */
function CodeBlock({ children }: { children?: ReactNode }) {
  const pre = useRef<HTMLPreElement>(null);
  const className = isValidElement<{ className?: string }>(children) ? (children.props.className ?? "") : "";
  const language = /language-([\w+#-]+)/.exec(className)?.[1];
  return (
    <div className="my-2 overflow-hidden rounded-md border border-neutral-200 dark:border-neutral-800">
      <div className="flex items-center justify-between bg-neutral-100 px-3 py-1 text-xs text-neutral-600 dark:bg-neutral-900 dark:text-neutral-400">
        <span>{language ?? "text"}</span>
        <CopyButton text={() => pre.current?.textContent ?? ""} label="Copy code" />
      </div>
      <pre
        ref={pre}
        tabIndex={0}
        aria-label={`${language ?? "text"} code`}
        className="overflow-x-auto bg-neutral-50 p-3 text-[13px] dark:bg-neutral-950"
      >
        {children}
      </pre>
    </div>
  );
}

const components: Components = {
  a: (props) => <a {...props} target="_blank" rel="noreferrer" />,
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
};

/**
 * Answers in Markdown: headings, lists and task lists, tables, quotes, highlighted code, links in a
 * new tab, and math once KaTeX has loaded (only for answers that have some). No raw HTML is rendered.
 */
export function Markdown({ text }: { text: string }) {
  const wantsMath = MATH.test(text);
  const [plugins, setPlugins] = useState(() => math);
  useEffect(() => {
    if (wantsMath && !plugins) void loadMath().then(setPlugins);
  }, [wantsMath, plugins]);
  const withMath = wantsMath && plugins;
  return (
    <div className="markdown text-[15px] leading-relaxed break-words">
      <ReactMarkdown
        remarkPlugins={withMath ? [remarkGfm, plugins.remark] : [remarkGfm]}
        rehypePlugins={withMath ? [[rehypeHighlight, { detect: false }], plugins.rehype] : [[rehypeHighlight, { detect: false }]]}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
