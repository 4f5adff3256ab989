package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Many offices' systems "export to Excel" by writing a web page — an HTML table — or an Excel 2003 XML
// spreadsheet (SpreadsheetML), named .xls; Excel and WPS open both as a workbook with at most a warning,
// so a township sends them on as they came. Both are read here into the seam of workbook.go, with their
// merged cells (colspan/rowspan, MergeAcross/MergeDown), and every layout rule comes after, as for any
// workbook.

// parseMarkup reads a web page or an XML spreadsheet (markupFormat) as a workbook.
func parseMarkup(fp *fileParser, data []byte) error {
	book, err := readMarkup(fp.path, data)
	if err != nil {
		return err
	}
	return readWorkbook(fp, book)
}

// readMarkup reads a web page's tables or an XML spreadsheet's worksheets.
func readMarkup(path string, data []byte) (markupBook, error) {
	if markupFormat(data) == formatSpreadsheetML {
		return readSpreadsheetML(path, data)
	}
	return readHTMLBook(path, data)
}

// markupFormat tells a web page or an XML spreadsheet from its first bytes; formatUnknown for
// anything else.
func markupFormat(data []byte) format {
	head := data[:min(len(data), 64<<10)]
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '<' {
		return formatUnknown
	}
	lower := bytes.ToLower(head)
	switch {
	case bytes.Contains(lower, []byte("urn:schemas-microsoft-com:office:spreadsheet")) && bytes.Contains(lower, []byte("<worksheet")):
		return formatSpreadsheetML
	case bytes.Contains(lower, []byte("<table")), bytes.Contains(lower, []byte("<html")):
		return formatHTML
	}
	return formatUnknown
}

// markupSheet is one table of a web page or one worksheet of an XML spreadsheet, held whole (such files
// are small: a township's export, bounded by ParseOptions.MaxFileSize).
type markupSheet struct {
	name   string
	hidden bool
	rows   []markupRow
	merges []mergeRange
}

type markupRow struct {
	n     int // 1-based
	cells []string
}

// markupBook is a workbook of markupSheets.
type markupBook []markupSheet

func (b markupBook) sheets() []sheetInfo {
	out := make([]sheetInfo, len(b))
	for i, s := range b {
		merges := append([]mergeRange(nil), s.merges...)
		sortMerges(merges)
		last := 0
		if len(s.rows) > 0 {
			last = s.rows[len(s.rows)-1].n
		}
		out[i] = sheetInfo{name: s.name, hidden: s.hidden, merges: merges, rows: last}
	}
	return out
}

func (b markupBook) rows(i int, fn func(row int, cells []string)) error {
	for _, r := range b[i].rows {
		fn(r.n, append([]string(nil), r.cells...))
	}
	return nil
}

// setCell puts v at 1-based (row, col) of s, whose rows are kept in order.
func (s *markupSheet) setCell(row, col int, v string) {
	if v == "" || col < 1 || col > maxMarkupCols {
		return
	}
	if n := len(s.rows); n == 0 || s.rows[n-1].n < row {
		s.rows = append(s.rows, markupRow{n: row})
	}
	r := &s.rows[len(s.rows)-1]
	for len(r.cells) < col {
		r.cells = append(r.cells, "")
	}
	r.cells[col-1] = v
}

// maxMarkupCols and maxMarkupSpan bound a hostile file's columns and spans.
const (
	maxMarkupCols = 16384
	maxMarkupSpan = 1000
)

// readHTMLBook reads every <table> of a web page that holds no other table as a sheet, Sheet1, Sheet2 …
// in page order (a page gives its sheets no names a township chose).
func readHTMLBook(path string, data []byte) (markupBook, error) {
	text, err := htmlText(path, data)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, &FileError{Path: path, Kind: ErrCorrupt, Err: err}
	}
	var book markupBook
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		// A table that holds tables lays out the page (a title above, the data table in a cell): the
		// tables inside it are the sheets.
		if n.Type == html.ElementNode && n.DataAtom == atom.Table && !holdsTable(n) {
			book = append(book, htmlTable(n, fmt.Sprintf("Sheet%d", len(book)+1)))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(book) == 0 {
		return nil, &FileError{Path: path, Kind: ErrNotWorkbook, Err: errors.New("a web page without a table")}
	}
	return book, nil
}

// holdsTable tells whether a table has another table inside it.
func holdsTable(table *html.Node) bool {
	var found func(n *html.Node) bool
	found = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if (c.Type == html.ElementNode && c.DataAtom == atom.Table) || found(c) {
				return true
			}
		}
		return false
	}
	return found(table)
}

// htmlText is a web page's text as UTF-8: as its BOM says; else UTF-8 when it is valid UTF-8 (pages that
// declare gb2312 and are UTF-8 are common); else as its <meta charset> says; else GB18030 or Big5, as
// for a CSV file.
func htmlText(path string, data []byte) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, "text/html")
	if !certain {
		if text := bytes.TrimPrefix(data, utf8BOM); utf8.Valid(text) {
			return text, nil
		}
		// windows-1252 is what DetermineEncoding falls back to when the page names no encoding.
		if name == "utf-8" || name == "windows-1252" {
			return decodeLegacy(path, data)
		}
	}
	text, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &FileError{Path: path, Kind: ErrEncoding, Line: 1, Err: err}
	}
	return text, nil
}

// htmlTable lays a table's cells out on a grid as a browser does: a cell takes the first column its row
// has free of the rowspans above, and a cell spanning rows or columns is a merged range.
func htmlTable(table *html.Node, name string) markupSheet {
	s := markupSheet{name: name}
	taken := map[[2]int]bool{} // cells covered by a span from an earlier row
	row := 0
	var rows func(n *html.Node)
	rows = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				rows(c)
			case atom.Tr:
				row++
				col := 1
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type != html.ElementNode || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) {
						continue
					}
					for taken[[2]int{row, col}] {
						col++
					}
					across, down := spanAttr(cell, "colspan"), spanAttr(cell, "rowspan")
					s.setCell(row, col, cellText(cell))
					if across > 1 || down > 1 {
						s.merges = append(s.merges, mergeRange{r0: row, c0: col, r1: row + down - 1, c1: col + across - 1})
					}
					for r := row; r < row+down; r++ {
						for k := col; k < col+across; k++ {
							if r > row {
								taken[[2]int{r, k}] = true
							}
						}
					}
					col += across
				}
			}
		}
	}
	rows(table)
	return s
}

// spanAttr is a cell's colspan or rowspan, 1 when absent or not a number.
func spanAttr(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v > 1 {
				return min(v, maxMarkupSpan)
			}
		}
	}
	return 1
}

// cellText is the text a browser shows in a cell: white space collapsed, a line break for <br> and
// between paragraphs.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteString("\n")
		case n.Type == html.ElementNode && (n.DataAtom == atom.Style || n.DataAtom == atom.Script):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Div) {
			b.WriteString("\n")
		}
	}
	walk(n)
	var lines []string
	for _, line := range strings.Split(b.String(), "\n") {
		if line = strings.Join(strings.Fields(strings.ReplaceAll(line, "\u00a0", " ")), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// readSpreadsheetML reads an Excel 2003 XML spreadsheet: each Worksheet with its name, cells placed by
// ss:Index, merged by ss:MergeAcross and ss:MergeDown, hidden by its options' Visible.
func readSpreadsheetML(path string, data []byte) (markupBook, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charset.NewReaderLabel
	var book markupBook
	var s *markupSheet
	row, col, pendingAcross := 0, 0, 0
	var text *strings.Builder // the text of the cell's Data, while inside it
	var depth, dataDepth int
	var inComment, inVisible bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &FileError{Path: path, Kind: ErrCorrupt, Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "Worksheet":
				book = append(book, markupSheet{name: ssAttr(t, "Name")})
				s, row = &book[len(book)-1], 0
			case "Row":
				if s == nil {
					continue
				}
				row = ssIndex(t, row+1)
				col = 0
				if down := ssInt(t, "Span"); down > 0 { // ss:Span repeats an empty row
					row += min(down, maxMarkupSpan)
				}
			case "Cell":
				if s == nil {
					continue
				}
				col = ssIndex(t, col+1)
				across, down := min(ssInt(t, "MergeAcross"), maxMarkupSpan), min(ssInt(t, "MergeDown"), maxMarkupSpan)
				if across > 0 || down > 0 {
					s.merges = append(s.merges, mergeRange{r0: row, c0: col, r1: row + down, c1: col + across})
				}
				text, pendingAcross = nil, across
			case "Data":
				if s != nil && !inComment && text == nil {
					text, dataDepth = &strings.Builder{}, depth
				}
			case "Comment":
				inComment = true
			case "Visible":
				inVisible = true
			}
		case xml.CharData:
			switch {
			case text != nil:
				text.Write(t)
			case inVisible && s != nil:
				v := strings.TrimSpace(string(t))
				s.hidden = v == "SheetHidden" || v == "SheetVeryHidden"
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "Data":
				if text != nil && depth == dataDepth {
					s.setCell(row, col, strings.TrimSpace(text.String()))
					text = nil
				}
			case "Cell":
				// The next cell without an index stands after the merged ones.
				col += pendingAcross
				pendingAcross = 0
			case "Comment":
				inComment = false
			case "Visible":
				inVisible = false
			case "Worksheet":
				s = nil
			}
			depth--
		}
	}
	if len(book) == 0 {
		return nil, &FileError{Path: path, Kind: ErrNotWorkbook, Err: errors.New("an XML spreadsheet without a worksheet")}
	}
	return book, nil
}

// asXLSX copies the workbook into a new excelize workbook, for a marked copy (errorsdir.go): every sheet
// with its cells as text, its merged ranges and its visibility.
func (b markupBook) asXLSX() (*excelize.File, error) {
	f := excelize.NewFile()
	for i, s := range b {
		name := s.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		for _, r := range s.rows {
			for j, v := range r.cells {
				if v == "" {
					continue
				}
				ref, err := excelize.CoordinatesToCellName(j+1, r.n)
				if err != nil {
					return nil, err
				}
				if err := f.SetCellStr(name, ref, v); err != nil {
					return nil, err
				}
			}
		}
		for _, m := range s.merges {
			from, err1 := excelize.CoordinatesToCellName(m.c0, m.r0)
			to, err2 := excelize.CoordinatesToCellName(m.c1, m.r1)
			if err := errors.Join(err1, err2); err != nil {
				return nil, err
			}
			if err := f.MergeCell(name, from, to); err != nil {
				return nil, err
			}
		}
		if s.hidden {
			if err := f.SetSheetVisible(name, false); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// ssAttr is an attribute of a SpreadsheetML element by its local name (ss:Name, or Name).
func ssAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// ssInt is a whole-number attribute, 0 when absent or not one.
func ssInt(t xml.StartElement, local string) int {
	n, err := strconv.Atoi(strings.TrimSpace(ssAttr(t, local)))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// ssIndex is a Row's or Cell's ss:Index, else next; never backwards (a file may not go back).
func ssIndex(t xml.StartElement, next int) int {
	if n := ssInt(t, "Index"); n >= next {
		return min(n, 1<<20)
	}
	return next
}
