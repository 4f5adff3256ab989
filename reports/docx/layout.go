package docx

import (
	"math"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"electsum/reports"
)

// Lengths in WordprocessingML are twips (1/20 pt); font sizes are half-points.
const (
	twipsPerMM = 1440 / 25.4
	twipsPerPt = 20
)

func mm(x float64) int { return int(math.Round(x * twipsPerMM)) }

// The page of GB/T 9704-2012 §4: A4 (210 × 297 mm, §4.1); 天头 (top margin) 37 mm and 订口 (left
// margin) 28 mm; a text block (版心) of 156 × 225 mm (§4.2.1), so right 26 mm and bottom 35 mm.
var (
	pageWidth   = mm(210)
	pageHeight  = mm(297)
	marginTop   = mm(37)
	marginLeft  = mm(28)
	textWidth   = mm(156)
	textHeight  = mm(225)
	marginRight = pageWidth - marginLeft - textWidth
	// marginBottom keeps the 225 mm text block whatever rounding did to the others.
	marginBottom = pageHeight - marginTop - textHeight
)

// Font sizes in half-points: 2号 22 pt (title, §7.3.1), 3号 16 pt (body and headings, §4.2.2), 4号
// 14 pt (page numbers §7.5, tables §8).
const (
	sizeTitle  = 44
	sizeBody   = 32
	sizeSmall  = 28
	bodyPoints = sizeBody / 2
)

// GB/T 9704-2012 §4.2.3: 22 lines a page and 28 characters a line, filling the text block.
const (
	linesPerPage = 22
	charsPerLine = 28
)

// linePitch is the exact line spacing: the text block's height over 22 lines, rounded down so that 22
// lines fit (579 twips = 28.95 pt). Every body paragraph uses it, so a page holds 22 lines.
var linePitch = textHeight / linesPerPage

// titleLine is the exact spacing of the title's lines, off the grid: 2号 characters with about half a
// character between lines, so that a two-line title reads as one block.
const titleLine = 35 * twipsPerPt

// charPitch is the width of one character cell: the text block's width over 28 characters (315.9
// twips, a little under the 16 pt of a 3号 character).
var charPitch = float64(textWidth) / charsPerLine

// condense is the character spacing (w:spacing in twips, negative: condensed) that makes 28 body
// characters fit the 156 mm line: 16 pt less 0.25 pt each (441 pt for 28, the line is 442.2 pt).
// Word's own way, a character grid (w:docGrid linesAndChars with a negative charSpace), is not used:
// LibreOffice sets each 16 pt character in two 15.8 pt grid cells, 14 characters a line.
var condense = -int(math.Ceil(bodyPoints*twipsPerPt - charPitch))

// chars is n character cells in twips, for indents.
func chars(n float64) int { return int(math.Round(n * charPitch)) }

// Footer geometry (§7.5): page numbers sit below the text block, the top of the 一字线 7 mm below its
// bottom edge, odd pages one character from the right edge, even pages from the left. The footer
// paragraph is one exact 14 pt line (4.9 mm) whose dashes sit at mid-height, so the footer's bottom
// edge is 35 − 7 − 2.5 mm from the page's bottom edge.
var (
	footerLine     = sizeSmall / 2 * twipsPerPt
	footerDistance = marginBottom - mm(7) - footerLine/2
	footerIndent   = sizeSmall / 2 * twipsPerPt // one 4号 character
	headerDistance = mm(15)
)

// Table geometry (§8 and the issue): 4号 text, table as wide as the text block.
var tableWidth = textWidth

// fontSet names the typeface of each element. The names are what Word, WPS and LibreOffice look up;
// Alt is the font table's w:altName, the substitute an application uses when the first is missing.
type fontSet struct {
	Title, Body, Heading1, Heading2, PageNumber font
	Lang                                        string // w:lang w:eastAsia
	Charset                                     string // font table w:charset, hexadecimal: 86 GB2312, 88 Big5
}

type font struct{ Name, Alt string }

// Fonts of GB/T 9704-2012: title 2号 方正小标宋简体 (§7.3.1 小标宋体), body 3号 仿宋_GB2312 (§4.2.2),
// the first heading level 黑体 and the second 楷体 (§7.3.3), page numbers 宋体 (§7.5). The GB2312
// fonts have no Traditional characters, so Traditional output names GBK fonts that have them and, as
// fallbacks, the fonts a Traditional-script system has (新細明體, 標楷體, 微軟正黑體).
var (
	simplifiedFonts = fontSet{
		Title:      font{"方正小标宋简体", "宋体"},
		Body:       font{"仿宋_GB2312", "仿宋"},
		Heading1:   font{"黑体", "SimHei"},
		Heading2:   font{"楷体_GB2312", "楷体"},
		PageNumber: font{"宋体", "SimSun"},
		Lang:       "zh-CN",
		Charset:    "86",
	}
	traditionalFonts = fontSet{
		Title:      font{"方正小标宋繁体", "新細明體"},
		Body:       font{"仿宋", "標楷體"},
		Heading1:   font{"黑体", "微軟正黑體"},
		Heading2:   font{"楷体", "標楷體"},
		PageNumber: font{"宋体", "新細明體"},
		Lang:       "zh-TW",
		Charset:    "88",
	}
)

func fontsFor(script reports.Script) fontSet {
	if script == reports.Hant {
		return traditionalFonts
	}
	return simplifiedFonts
}

// all lists the distinct fonts of the set for the font table.
func (f fontSet) all() []font {
	var out []font
	seen := map[string]bool{}
	for _, x := range []font{f.Title, f.Body, f.Heading1, f.Heading2, f.PageNumber} {
		if !seen[x.Name] {
			seen[x.Name] = true
			out = append(out, x)
		}
	}
	return out
}

// cells is the width of s in character cells: one for a Chinese character or full-width sign
// (including “” and 、), half for Latin letters and digits, which the body font sets half-width.
func cells(s string) float64 {
	n := 0.0
	for _, r := range s {
		n += runeCells(r)
	}
	return n
}

func runeCells(r rune) float64 {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		if r < 0x2000 && r >= 0x80 && !unicode.Is(unicode.Han, r) {
			return 0.5 // ambiguous Latin-1 and Greek letters are set half-width
		}
		return 1
	}
	if r >= utf8.RuneSelf && unicode.IsPunct(r) {
		return 1
	}
	return 0.5
}
