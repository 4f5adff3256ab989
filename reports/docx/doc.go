// Package docx writes the draft summary as a Word document (.docx) in the layout of party and
// government documents, GB/T 9704-2012 《党政机关公文格式》, for the clerk who finishes it in Word or WPS.
//
// One wording: the document is the Markdown draft that reports.Renderer writes for the same View and
// script — the same templates, the same figures — parsed with the reports' Markdown dialect and laid
// out paragraph by paragraph. Nothing is phrased here. The layout follows the conventions the
// templates share with the HTML page (see body): # title, ## 一、, ### （一）, 附件： note, the 落款
// before the thematic break, the 数据核对 notes after it on a page of their own.
//
// Layout (clause numbers of GB/T 9704-2012, checked against the standard's text):
//
//	§4.1, §4.2.1  A4; top margin 37 mm, left 28 mm, text block 156 × 225 mm (right 26, bottom 35 mm)
//	§4.2.2        body 3号 (16 pt) 仿宋 (仿宋_GB2312, fallback 仿宋); digits and Latin in the same font
//	§4.2.3        22 lines a page (exact spacing 579 twips = 28.95 pt), 28 characters a line (each
//	              character condensed by 0.25 pt); first-line indent of two characters
//	§7.3.1        title 2号 小标宋 (方正小标宋简体, fallback 宋体), centred, broken into two balanced
//	              lines at the end of a phrase when longer than a line
//	§7.3.3        headings 一、 黑体, （一） 楷体 (楷体_GB2312), 1. and （1） 仿宋 bold; a numbered
//	              item's lead-in sentence takes its level's face
//	§7.3.4        附件说明 one blank line below the body, 附件：1．… with a hanging indent
//	§7.3.5.2      落款 without a seal: one blank line below, organ two characters from the right edge,
//	              the date on the next line, its first character two right of the organ's
//	§7.5          page numbers 4号 宋体 "— 1 —" below the text block, odd pages one character from the
//	              right edge, even pages one from the left (w:evenAndOddHeaders, two PAGE-field footers)
//	§8            tables 4号 仿宋 as wide as the text block, header rows repeated, rows not split
//
// Placeholders the author must fill (reports.Placeholder: 【待补充：主要做法】, the organ and the date when
// the config does not give them) are highlighted yellow; text from the config is not. Traditional
// script keeps the layout and names fonts that hold Traditional characters, with 新細明體, 標楷體 and
// 微軟正黑體 as fallbacks.
//
// Why a writer of its own: github.com/gomutex/godocx (MIT) models runs with w:eastAsia fonts, spacing
// and section margins, but has no API to add header or footer parts, their relationships or
// settings.xml's w:evenAndOddHeaders, so odd/even page-number footers would mean patching the package
// by hand anyway; github.com/fumiama/go-docx (AGPL-3.0, a licence this project cannot take) models only
// the page size of a section. The document needs a dozen fixed parts, so they live under reference/
// as the reference document (styles, settings, font table, footers, section properties) filled by
// text/template, and the body is a few hundred lines over the Markdown syntax tree.
package docx
