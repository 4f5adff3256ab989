package reports

import (
	"github.com/gomarkdown/markdown"
	"github.com/gomarkdown/markdown/ast"
	"github.com/gomarkdown/markdown/parser"
)

// newMarkdownParser is the one Markdown dialect of the reports: tables, no intra-word emphasis,
// headings need a space, strikethrough; no Smartypants, no Mmark.
func newMarkdownParser() *parser.Parser {
	return parser.NewWithExtensions(parser.Tables | parser.NoIntraEmphasis | parser.SpaceHeadings | parser.Strikethrough)
}

// ParseMarkdown parses a rendered report (Renderer.Markdown) into the syntax tree that renderers of
// other formats (package reports/docx) lay out, with the same dialect as the HTML page.
func ParseMarkdown(md []byte) ast.Node {
	return markdown.Parse(md, newMarkdownParser())
}
