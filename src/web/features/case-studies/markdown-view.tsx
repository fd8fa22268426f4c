import { Blockquote, List, Text, Title } from "@mantine/core";
import { type Block, parseMarkdown, type Span } from "../../../domain/markdown.ts";

function Spans({ spans }: { spans: Span[] }) {
  return (
    <>
      {spans.map((s, i) => {
        const key = `${i}-${s.text.slice(0, 8)}`;
        if (s.bold && s.italic)
          return (
            <strong key={key}>
              <em>{s.text}</em>
            </strong>
          );
        if (s.bold) return <strong key={key}>{s.text}</strong>;
        if (s.italic) return <em key={key}>{s.text}</em>;
        return <span key={key}>{s.text}</span>;
      })}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case "heading":
      return (
        <Title order={block.level + 2 > 6 ? 6 : ((block.level + 2) as 3 | 4 | 5)} size="h5">
          <Spans spans={block.spans} />
        </Title>
      );
    case "quote":
      return (
        <Blockquote p="sm">
          <Spans spans={block.spans} />
        </Blockquote>
      );
    case "list":
      return (
        <List type={block.ordered ? "ordered" : "unordered"} size="sm">
          {block.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a rendered text's items never move; its place is its identity
            <List.Item key={`${i}-${item[0]?.text.slice(0, 8) ?? ""}`}>
              <Spans spans={item} />
            </List.Item>
          ))}
        </List>
      );
    default:
      return (
        <Text size="sm">
          <Spans spans={block.spans} />
        </Text>
      );
  }
}

/**
 * The team's Markdown as React elements: paragraphs, headings, lists, quotes,
 * bold and italic. No raw HTML is ever rendered: everything else is text.
 */
export function MarkdownView({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  return (
    <>
      {blocks.map((b, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a rendered text's blocks never move; its place is its identity
        <BlockView key={`${i}-${b.kind}`} block={b} />
      ))}
    </>
  );
}
