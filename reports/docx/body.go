package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/gomarkdown/markdown/ast"
)

// Style ids of styles.xml. Headings use Word's built-in ids so that the navigation pane and a table of
// contents find them.
const (
	styleTitle     = "Title"
	styleBody      = "BodyText"
	styleHeading1  = "Heading1" // 一、 黑体
	styleHeading2  = "Heading2" // （一） 楷体
	styleHeading3  = "Heading3" // 1. 仿宋 bold
	styleHeading4  = "Heading4" // （1） 仿宋 bold
	styleAnnex     = "AnnexNote"
	styleSignature = "Signature"
	styleTable     = "TableText"
	styleBlank     = "Blank"
	runInKai       = "RunInHeading2" // character style: a （一）…。 lead-in in 楷体
	runInBold      = "RunInHeading3" // character style: a 1．…。 or （1）…。 lead-in in bold
)

// body turns the parsed Markdown draft into the paragraphs and tables of document.xml, following
// the conventions the templates share with the HTML page:
//   - # is the title, ## 一、 headings, ### （一） headings, #### and deeper the 1. and （1） levels;
//   - a paragraph that starts with 附件： is the 附件说明 (hard breaks separate the annexes);
//   - the paragraph just before a thematic break (---) is the 落款: its lines are the issuing organ and
//     the date; what follows the break (the 数据核对 notes) starts on a new page;
//   - text between the placeholder's delimiters (【待补充：…】) is highlighted.
//
// Every piece of text is XML-escaped; characters XML cannot hold are replaced.
type body struct {
	buf         bytes.Buffer
	placeholder [2]string // the converted 【待补充： and 】
	breakBefore bool      // the next paragraph starts a new page
}

// seg is a piece of inline text with its emphasis, or a line break.
type seg struct {
	text         string
	bold, italic bool
	style        string // character style
	br           bool
}

func (b *body) document(doc ast.Node) {
	for _, n := range doc.GetChildren() {
		b.block(n)
	}
}

func (b *body) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		b.heading(n)
	case *ast.Paragraph:
		segs := inline(n, seg{})
		switch {
		case isSignature(n):
			b.signature(segs)
		case isAnnexNote(plain(segs)):
			b.annex(segs)
		default:
			b.paragraph(styleBody, pPr{}, runIn(segs))
		}
	case *ast.List, *ast.ListItem, *ast.BlockQuote, *ast.Aside:
		for _, c := range n.GetChildren() {
			b.block(c)
		}
	case *ast.Table:
		b.table(n)
	case *ast.HorizontalRule:
		b.breakBefore = true
	case *ast.CodeBlock, *ast.HTMLBlock, *ast.MathBlock:
		for _, line := range strings.Split(strings.TrimRight(literal(n), "\n"), "\n") {
			b.paragraph(styleBody, pPr{}, []seg{{text: line}})
		}
	default:
		if segs := inline(n, seg{}); len(segs) > 0 {
			b.paragraph(styleBody, pPr{}, segs)
		}
	}
}

func (b *body) heading(h *ast.Heading) {
	segs := inline(h, seg{})
	switch h.Level {
	case 1:
		b.paragraph(styleTitle, pPr{}, titleLines(segs))
		b.blankLine() // GB/T 9704 §7.3.2: one blank line below the title
	case 2:
		b.paragraph(styleHeading1, pPr{}, segs)
	case 3:
		b.paragraph(styleHeading2, pPr{}, segs)
	case 4:
		b.paragraph(styleHeading3, pPr{}, segs)
	default:
		b.paragraph(styleHeading4, pPr{}, segs)
	}
}

// isSignature says whether p is the 落款: the paragraph right before a thematic break, as the HTML
// page's CSS (p:has(+ hr)) treats it.
func isSignature(p *ast.Paragraph) bool {
	next := ast.GetNextNode(p)
	_, ok := next.(*ast.HorizontalRule)
	return ok
}

// signature lays out the 落款 as GB/T 9704 §7.3.5.2 places it for a document without a seal: the
// organ two characters from the right edge, the date on the next line starting two characters right
// of the organ's first character; when the date is the longer, the date keeps two characters from
// the edge and the organ moves left.
func (b *body) signature(segs []seg) {
	lines := splitLines(segs)
	if len(lines) == 0 {
		return
	}
	organ := cells(plain(lines[0]))
	rightOrgan := 2.0
	rightDate := 0.0
	if len(lines) > 1 {
		date := cells(plain(lines[1]))
		rightDate = rightOrgan + organ - 2 - date
		if rightDate < 2 {
			rightDate = 2
			rightOrgan = rightDate + date + 2 - organ
		}
	}
	for i, line := range lines {
		right := rightOrgan
		if i == 1 {
			right = rightDate
		}
		// Every line but the last keeps with the next: the organ is never left without its date.
		b.paragraph(styleSignature, pPr{keepNext: i < len(lines)-1, lineBefore: i == 0, ind: fmt.Sprintf(`<w:ind w:right="%d"/>`, chars(right))}, line)
	}
}

// annex writes the 附件说明 as one paragraph (§7.3.4): 附件：1．… with later annexes on new lines
// aligned under the first annex's number by a hanging indent, so the spaces the Markdown uses for
// that alignment are dropped.
func (b *body) annex(segs []seg) {
	lines := splitLines(segs)
	var out []seg
	for i, line := range lines {
		if i > 0 {
			out = append(out, seg{br: true})
			line = trimLeadingSpace(line)
		}
		out = append(out, line...)
	}
	b.paragraph(styleAnnex, pPr{lineBefore: true}, out)
}

func trimLeadingSpace(line []seg) []seg {
	for len(line) > 0 {
		t := strings.TrimLeft(line[0].text, " \u3000\u00a0\t")
		if t != "" || line[0].br {
			line[0].text = t
			return line
		}
		line = line[1:]
	}
	return line
}

func splitLines(segs []seg) [][]seg {
	var lines [][]seg
	var cur []seg
	for _, s := range segs {
		if s.br {
			lines = append(lines, cur)
			cur = nil
			continue
		}
		cur = append(cur, s)
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// titleLines breaks a title too long for one line (20 characters of 2号 in the 156 mm text block) at
// the most even point where a phrase ends — after a closing bracket or quotation mark, or after the
// character that follows a year — so that neither line is left with a character or two (§7.3.1: 回行时
// 要做到词意完整，排列对称). A title with no such point is left to the word processor.
func titleLines(segs []seg) []seg {
	text := plain(segs)
	capacity := float64(textWidth) / (sizeTitle / 2 * twipsPerPt)
	total := cells(text)
	if total <= capacity || len(segs) != 1 {
		return segs
	}
	runes := []rune(text)
	best, bestDiff := -1, total
	left := 0.0
	for i, r := range runes[:len(runes)-1] {
		left += runeCells(r)
		breakAfter := strings.ContainsRune("）)”’」』》〉", r) ||
			(i > 0 && runes[i-1] >= '0' && runes[i-1] <= '9' && !(r >= '0' && r <= '9'))
		if !breakAfter {
			continue
		}
		right := total - left
		if left > capacity || right > capacity || left < 3 || right < 3 {
			continue
		}
		if d := math.Abs(left - right); d < bestDiff {
			best, bestDiff = i+1, d
		}
	}
	if best < 0 {
		return segs
	}
	first, second := segs[0], segs[0]
	first.text, second.text = string(runes[:best]), string(runes[best:])
	return []seg{first, {br: true}, second}
}

// Lead-in headings of numbered items (（一）班子性别结构情况。…): GB/T 9704 §7.3.3 sets the second level
// in 楷体 and the third and fourth in 仿宋; the lead-in up to its full stop takes that level's face.
var (
	leadInKai  = regexp.MustCompile(`^（[一二三四五六七八九十百零〇]+）[^。！？]{1,40}。`)
	leadInBold = regexp.MustCompile(`^(?:[0-9]+[．.]|（[0-9]+）)[^。！？]{1,40}。`)
)

func runIn(segs []seg) []seg {
	if len(segs) == 0 || segs[0].br {
		return segs
	}
	first := segs[0]
	style := runInKai
	m := leadInKai.FindString(first.text)
	if m == "" {
		style = runInBold
		m = leadInBold.FindString(first.text)
	}
	if m == "" {
		return segs
	}
	lead, rest := first, first
	lead.text, lead.style = m, style
	rest.text = first.text[len(m):]
	out := []seg{lead}
	if rest.text != "" {
		out = append(out, rest)
	}
	return append(out, segs[1:]...)
}

// inline flattens the inline children of n into text segments carrying emphasis.
func inline(n ast.Node, props seg) []seg {
	var out []seg
	for _, c := range n.GetChildren() {
		switch c := c.(type) {
		case *ast.Hardbreak:
			out = append(out, seg{br: true})
		case *ast.Softbreak:
			// Chinese lines join without a space.
		case *ast.NonBlockingSpace:
			s := props
			s.text = "\u00a0"
			out = append(out, s)
		case *ast.Strong:
			p := props
			p.bold = true
			out = append(out, inline(c, p)...)
		case *ast.Emph:
			p := props
			p.italic = true
			out = append(out, inline(c, p)...)
		default:
			if c.AsLeaf() != nil {
				s := props
				s.text = string(c.AsLeaf().Literal)
				if s.text != "" {
					out = append(out, s)
				}
				continue
			}
			out = append(out, inline(c, props)...)
		}
	}
	return out
}

func literal(n ast.Node) string {
	if l := n.AsLeaf(); l != nil {
		return string(l.Literal)
	}
	return string(n.AsContainer().Literal)
}

func plain(segs []seg) string {
	var sb strings.Builder
	for _, s := range segs {
		sb.WriteString(s.text)
	}
	return sb.String()
}

// blankLine is an empty line of the body's height: the 空一行 below the title.
func (b *body) blankLine() {
	b.paragraph(styleBlank, pPr{}, nil)
}

// pPr is what a paragraph sets beyond its style.
type pPr struct {
	keepNext bool
	// lineBefore is the 空一行 (one blank line) the standard asks for above the 附件说明 and the 落款, as
	// space before the paragraph rather than an empty one: Word and LibreOffice drop it at the top of a
	// page, where a blank line would only push the text down.
	lineBefore bool
	ind        string // a w:ind element
}

// paragraph writes one w:p, its properties in the schema's order.
func (b *body) paragraph(style string, props pPr, segs []seg) {
	b.buf.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
	if props.keepNext {
		b.buf.WriteString(`<w:keepNext/>`)
	}
	if b.breakBefore {
		b.buf.WriteString(`<w:pageBreakBefore/>`)
		b.breakBefore = false
	}
	if props.lineBefore {
		fmt.Fprintf(&b.buf, `<w:spacing w:before="%d" w:line="%d" w:lineRule="exact"/>`, linePitch, linePitch)
	}
	b.buf.WriteString(props.ind)
	b.buf.WriteString(`</w:pPr>`)
	for _, s := range segs {
		b.run(s)
	}
	b.buf.WriteString("</w:p>\n")
}

// run writes a segment as runs, highlighting the placeholders in it.
func (b *body) run(s seg) {
	if s.br {
		b.buf.WriteString(`<w:r><w:br/></w:r>`)
		return
	}
	open, close := b.placeholder[0], b.placeholder[1]
	text := s.text
	for text != "" {
		i := strings.Index(text, open)
		if i < 0 || open == "" {
			b.textRun(s, text, false)
			return
		}
		j := strings.Index(text[i+len(open):], close)
		if j < 0 {
			b.textRun(s, text, false)
			return
		}
		end := i + len(open) + j + len(close)
		b.textRun(s, text[:i], false)
		b.textRun(s, text[i:end], true)
		text = text[end:]
	}
}

func (b *body) textRun(s seg, text string, highlight bool) {
	if text == "" {
		return
	}
	b.buf.WriteString(`<w:r>`)
	if s.style != "" || s.bold || s.italic || highlight {
		b.buf.WriteString(`<w:rPr>`)
		if s.style != "" {
			b.buf.WriteString(`<w:rStyle w:val="` + s.style + `"/>`)
		}
		if s.bold {
			b.buf.WriteString(`<w:b/><w:bCs/>`)
		}
		if s.italic {
			b.buf.WriteString(`<w:i/><w:iCs/>`)
		}
		if highlight {
			b.buf.WriteString(`<w:highlight w:val="yellow"/>`)
		}
		b.buf.WriteString(`</w:rPr>`)
	}
	b.buf.WriteString(`<w:t xml:space="preserve">`)
	b.buf.WriteString(escape(text))
	b.buf.WriteString(`</w:t></w:r>`)
}

// escape escapes text for XML character data; characters XML 1.0 cannot hold (control characters)
// become U+FFFD.
func escape(s string) string {
	var buf bytes.Buffer
	_ = xml.EscapeText(&buf, []byte(s)) // writes to a bytes.Buffer cannot fail
	return buf.String()
}

// table writes a Markdown table as a table as wide as the text block (GB/T 9704 §8 and the issue):
// 4号 仿宋, the header rows repeated on every page, no row split across pages.
func (b *body) table(t *ast.Table) {
	var rows []*ast.TableRow
	header := map[*ast.TableRow]bool{}
	cols := 0
	ast.WalkFunc(t, func(n ast.Node, entering bool) ast.WalkStatus {
		if r, ok := n.(*ast.TableRow); ok && entering {
			rows = append(rows, r)
			_, header[r] = r.Parent.(*ast.TableHeader)
			span := 0
			for _, c := range r.Children {
				if cell, ok := c.(*ast.TableCell); ok {
					span += max(1, cell.ColSpan)
				}
			}
			cols = max(cols, span)
		}
		return ast.GoToNext
	})
	if cols == 0 {
		return
	}
	if b.breakBefore {
		b.paragraph(styleBlank, pPr{}, nil)
	}
	colWidth := tableWidth / cols
	b.buf.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(colWidth*cols) + `" w:type="dxa"/><w:jc w:val="center"/>`)
	b.buf.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.buf.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.buf.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for range cols {
		b.buf.WriteString(`<w:gridCol w:w="` + fmt.Sprint(colWidth) + `"/>`)
	}
	b.buf.WriteString(`</w:tblGrid>`)
	for _, r := range rows {
		b.buf.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header[r] {
			b.buf.WriteString(`<w:tblHeader/>`)
		}
		b.buf.WriteString(`</w:trPr>`)
		used := 0
		for _, c := range r.Children {
			cell, ok := c.(*ast.TableCell)
			if !ok {
				continue
			}
			span := max(1, cell.ColSpan)
			used += span
			b.cell(cell, span, colWidth, header[r])
		}
		for ; used < cols; used++ {
			b.cell(&ast.TableCell{}, 1, colWidth, header[r])
		}
		b.buf.WriteString("</w:tr>\n")
	}
	b.buf.WriteString("</w:tbl>\n")
}

func (b *body) cell(c *ast.TableCell, span, colWidth int, header bool) {
	b.buf.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + fmt.Sprint(colWidth*span) + `" w:type="dxa"/>`)
	if span > 1 {
		b.buf.WriteString(`<w:gridSpan w:val="` + fmt.Sprint(span) + `"/>`)
	}
	b.buf.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	jc := ""
	switch {
	case header || c.Align == ast.TableAlignmentCenter:
		jc = `<w:jc w:val="center"/>`
	case c.Align == ast.TableAlignmentRight:
		jc = `<w:jc w:val="right"/>`
	}
	segs := inline(c, seg{bold: header})
	b.buf.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + styleTable + `"/>` + jc + `</w:pPr>`)
	for _, s := range segs {
		b.run(s)
	}
	b.buf.WriteString(`</w:p></w:tc>`)
}

// isAnnexNote says whether a paragraph is the 附件说明: it starts with 附件 and a colon.
func isAnnexNote(text string) bool {
	return strings.HasPrefix(text, "附件：") || strings.HasPrefix(text, "附件:")
}
