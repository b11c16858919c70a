import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** Answers in Markdown (tables, code, links), links opening in a new tab. No raw HTML is rendered. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose-chat text-[15px] leading-relaxed break-words [&_a]:underline [&_code]:rounded [&_code]:bg-neutral-100 [&_code]:px-1 dark:[&_code]:bg-neutral-800 [&_li]:ml-5 [&_ol]:list-decimal [&_p]:my-2 [&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-neutral-100 [&_pre]:p-3 dark:[&_pre]:bg-neutral-900 [&_table]:my-2 [&_table]:border-collapse [&_td]:border [&_td]:border-neutral-300 [&_td]:px-2 [&_th]:border [&_th]:border-neutral-300 [&_th]:px-2 [&_ul]:list-disc dark:[&_td]:border-neutral-700 dark:[&_th]:border-neutral-700">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={{ a: (props) => <a {...props} target="_blank" rel="noreferrer" /> }}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
