package ingest

import (
	"cmp"
	"fmt"
	"strings"

	"electsum"
)

// A township's own form names its township and year in the title above the header
// (北山乡2024年村级换届选举结果统计表, 青山鎮2021年村（社區）「兩委」換屆選舉情況統計表) and often has no 乡镇(街道) or
// 年份 column. Rows without them take, in this order, what is nearest to them:
//
//	乡镇(街道): the cell; the title; the sheet's name (北山乡); the file's name; its folder's name
//	年份:       the cell; the title; the sheet's name (2024年); the year the load was given (--year)
//
// each with a notice naming where it came from. A title and a name that give two different townships,
// or two different years, are warned of: the rows take the title's, and the message names both.

// titleRow is a row above the header holding one text only (a title merged across the table, or written
// in its first cell), with the cell that holds it.
type titleRow struct {
	row, col int
	text     string
}

// noteTitle keeps a row scanned above the header when it holds one text only and is not a note (说明：根据
// 2018年修订的…, 填报日期：2025年1月: neither the township's nor the election's year).
func (sp *sheetParser) noteTitle(row int, cells []string) {
	if _, _, note := notesText(cells); note {
		return
	}
	text, col := "", -1
	for j, c := range cells {
		c = clean(c)
		switch {
		case c == "" || c == text:
		case text == "":
			text, col = c, j
		default: // two texts: a row of labels (填报单位：北山乡人民政府 … 单位：人), not a title
			sp.noteSender(row, cells)
			return
		}
	}
	if text != "" {
		sp.titles = append(sp.titles, titleRow{row, col, text})
	}
}

// senderLabels start the cell above a header that names who filled the sheet in, or its township:
// 填报单位：北山乡人民政府, 乡镇党委：青石镇党委, 乡镇（街道）：青石镇.
var senderLabels = []string{"填报单位", "填表单位", "报送单位", "填報單位", "填表單位", "報送單位", "单位名称", "單位名稱", "乡镇", "鄉鎮", "街道"}

// noteSender keeps the 填报单位：北山乡人民政府 cell of a row of labels above the header as a title: it names
// the township (its date, 填报日期, is not the election's year and is not kept).
func (sp *sheetParser) noteSender(row int, cells []string) {
	for j, c := range cells {
		c = clean(c)
		for _, l := range senderLabels {
			if rest, ok := strings.CutPrefix(c, l); ok && rest != "" {
				sp.titles = append(sp.titles, titleRow{row, j, c})
				return
			}
		}
	}
}

// fromTitles is what the title rows give by read (a township, a year, a body), with the row that gives it
// first; the zero value when they give none, or two whose keys differ (key: how two spellings are
// compared).
func fromTitles[T comparable](titles []titleRow, read func(string) T, key func(T) T) (T, titleRow) {
	var zero, found T
	at := titleRow{}
	for _, t := range titles {
		v := read(t.text)
		if v == zero {
			continue
		}
		if found != zero && key(found) != key(v) {
			return zero, titleRow{}
		}
		if found == zero {
			found, at = v, t
		}
	}
	return found, at
}

// titleTownship is the one township the title rows name (electsum.TownshipInName, its script aside), with
// the row that names it; "" when they name none, or two. Kept once read: every row's 乡镇(街道) is
// compared with it (checkTitleTownship).
func (sp *sheetParser) titleTownship() (string, titleRow) {
	if !sp.titleTownRead {
		sp.titleTownRead = true
		sp.titleTown, sp.titleTownAt = fromTitles(sp.titles, electsum.TownshipInName, scriptKey)
	}
	return sp.titleTown, sp.titleTownAt
}

// titleYear is the one year the title rows give (yearInName), with the row that gives it; 0 when they
// give none, or two.
func (sp *sheetParser) titleYear() (int, titleRow) {
	return fromTitles(sp.titles, yearInName, func(y int) int { return y })
}

// defaultTownship is the township of rows without a 乡镇(街道), and where it comes from (标题, 工作表名,
// 文件名, and for a roster the one township of the results rows above it in the workbook), by the order
// above; "" when nothing names one.
func (sp *sheetParser) defaultTownship() (township, from string) {
	if sp.townshipFrom == "" {
		sp.townshipFrom = "-"
		switch t, _ := sp.titleTownship(); {
		case t != "":
			sp.townshipDefault, sp.townshipFrom = t, "标题"
		case electsum.TownshipInName(sp.name) != "":
			sp.townshipDefault, sp.townshipFrom = electsum.TownshipInName(sp.name), "工作表名"
		case sp.fp.nameTownship() != "":
			sp.townshipDefault, sp.townshipFrom = sp.fp.nameTownship(), "文件名"
		case sp.lay != nil && sp.lay.spec.kind == MembersSheet:
			if t, ok := sp.fp.resultTownship.only(); ok {
				sp.townshipDefault, sp.townshipFrom = t, "本文件选举结果表"
			}
		}
	}
	return sp.townshipDefault, sp.townshipFrom
}

// defaultYear is the year of rows whose 年份 is missing or blank: the title's, the sheet name's, else the
// load's (0 when none). Read once: the titles are all known once the header is.
func (sp *sheetParser) defaultYear() int {
	if !sp.yearDefaultRead {
		sp.yearDefaultRead = true
		sp.yearDefault, _ = sp.titleYear()
		if sp.yearDefault == 0 {
			sp.yearDefault = cmp.Or(sp.nameYear, sp.fp.opts.Year)
		}
	}
	return sp.yearDefault
}

// townshipRule is the notice's rule for a township taken from where defaultTownship says.
func townshipRule(from string) (rule string) {
	rule = "township_from_name"
	switch from {
	case "标题":
		rule = "township_from_title"
	case "本文件选举结果表":
		rule = "township_from_results"
	}
	return rule
}

// fillTownship is fillMissing for 乡镇(街道): the notice of where the rows' township comes from, and the
// warning when the title and a name give two.
func (sp *sheetParser) fillTownship(h string, row int) bool {
	t, from := sp.defaultTownship()
	if t == "" {
		return false
	}
	if from != "标题" {
		sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: t, Rule: townshipRule(from),
			Message: fmt.Sprintf("%s没有“乡镇(街道)”列，各行按%s归入“%s”：如不对，请在表头行添加“乡镇(街道)”列并填写", sp.where(), from, t)})
		return true
	}
	_, title := sp.titleTownship()
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: t, Rule: "township_from_title",
		Message: fmt.Sprintf("%s没有“乡镇(街道)”列，各行按第%d行的标题“%s”归入“%s”：如不对，请在表头行添加“乡镇(街道)”列并填写", sp.where(), title.row, shorten(title.text, 40), t)})
	name, nameFrom := electsum.TownshipInName(sp.name), "工作表名"
	if name == "" {
		name, nameFrom = sp.fp.nameTownship(), "文件名"
	}
	if name != "" && scriptKey(name) != scriptKey(t) {
		sp.fp.add(Problem{Severity: Warning, Sheet: sp.name, Row: title.row, Column: "标题", Cell: cellRef(title.col, title.row), Value: title.text, Rule: "title_township_mismatch",
			Message: fmt.Sprintf("%s第%d行的标题写的是“%s”，而%s写的是“%s”：各行按标题归入“%s”；请核对是哪个乡镇(街道)的表，改正标题或%s，或在表头行添加“乡镇(街道)”列并填写", sp.where(), title.row, t, nameFrom, name, t, nameFrom)})
	}
	return true
}

// fillYear is fillMissing for 年份 from the title: the notice, and the warning when the sheet's name gives
// another year. False when the title gives none.
func (sp *sheetParser) fillYear(h string, row int) bool {
	y, title := sp.titleYear()
	if y == 0 {
		return false
	}
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Column: h, Value: fmt.Sprint(y), Rule: "year_from_title",
		Message: fmt.Sprintf("%s没有“年份”列，各行按第%d行的标题“%s”归入 %d 年%s：如不对，请在表头行添加“年份”列并填写", sp.where(), title.row, shorten(title.text, 40), y, sp.overYearOption(y))})
	if sp.nameYear != 0 && sp.nameYear != y {
		sp.fp.add(Problem{Severity: Warning, Sheet: sp.name, Row: title.row, Column: "标题", Cell: cellRef(title.col, title.row), Value: title.text, Rule: "title_year_mismatch",
			Message: fmt.Sprintf("%s第%d行的标题写的是 %d 年，而工作表名“%s”写的是 %d 年：各行按标题归入 %d 年；请核对是哪一届的表，改正标题或工作表名，或在表头行添加“年份”列并填写", sp.where(), title.row, y, sp.name, sp.nameYear, y)})
	}
	return true
}

// overYearOption says, for a notice of the year y a sheet's rows take, that it is not the load's --year;
// "" when none was given or it is y.
func (sp *sheetParser) overYearOption(y int) string {
	if sp.fp.opts.Year != 0 && sp.fp.opts.Year != y {
		return fmt.Sprintf("(不按导入时给的 %d 年)", sp.fp.opts.Year)
	}
	return ""
}

// titleBody is the one body the title rows name (bodyInName); "" when they name none, or two.
func (sp *sheetParser) titleBody() string {
	b, _ := fromTitles(sp.titles, bodyInName, func(b string) string { return b })
	return b
}

// secondTable refuses a second table below the first in one sheet — the header again, often under a
// title of its own (北山乡2021年…统计表 below the 2024 table): its rows would be read under the first
// table's title, and its header as data. One error at the repeated header says so (the title row's own
// problems are dropped), and the rest of the sheet is not read. Otherwise it notes the row and returns
// false.
func (sp *sheetParser) secondTable(row int, cells []string) bool {
	title, mark := sp.lastText && sp.lastRow == row-1, sp.lastMark
	sp.lastRow, sp.lastMark, sp.lastText = row, len(sp.fp.out.Problems), oneText(cells)
	f := fUnit
	if sp.lay.spec.kind == MembersSheet {
		f = fName
	}
	if sp.lay.col[f] < 0 || oneLine(sp.cell(cells, f)) != clean(sp.lay.header[f]) {
		return false // cheap: a header repeats its own 村(社区) (姓名) cell
	}
	if l := bestHeader(nil, cells); l == nil || !l.isHeader() || l.spec != sp.lay.spec {
		return false
	}
	at := ""
	if title {
		sp.fp.out.Problems = sp.fp.out.Problems[:mark]
		at = fmt.Sprintf("(第%d行是它的标题)", row-1)
	}
	sp.skip, sp.held = true, nil
	move := "移到另一个工作表(如按年份命名为“2021年”)"
	if sp.name == "" { // a CSV file: one table
		move = "另存为一个文件"
	}
	sp.fp.add(Problem{Severity: Error, Sheet: sp.name, Row: row, Column: sp.lay.header[f], Cell: sp.ref(f, row), Value: sp.cell(cells, f), Rule: "second_table",
		Message: fmt.Sprintf("%s第%d行又是一行表头%s，下面是另一个表：一个%s只能有一个表，第%d行起未读取。请把第二个表%s后重新导入", sp.where(), row, at, sheetOrFile(sp.name), row, move)})
	return true
}

// sheetOrFile is what holds one table: a workbook's sheet, or a CSV file (no sheet name).
func sheetOrFile(sheet string) string {
	if sheet == "" {
		return "文件"
	}
	return "工作表"
}

// checkTitleTownship warns, once a sheet, of a row whose 乡镇(街道) cell names another township than the
// title does (北山乡2024年… over rows of 南山镇): the rows keep their cells, and the message asks which is
// right. A title naming no township (白水县…) is never compared.
func (sp *sheetParser) checkTitleTownship(row int, township string) {
	title, at := sp.titleTownship()
	if title == "" {
		sp.titleSaid = true
		return
	}
	if scriptKey(title) == scriptKey(township) {
		return
	}
	sp.titleSaid = true
	sp.problem(Warning, "title_township_mismatch", row, fTownship, township,
		fmt.Sprintf("%s第%d行的标题写的是“%s”，而%s是“%s”：各行按表中的乡镇(街道)导入；请核对是标题写错了，还是混入了其他乡镇的行", sp.where(), at.row, title, sp.label(fTownship, row), township))
}

// otherTable starts reading a table of the other kind below the first in one sheet: a village's
// 选举结果报告单 often has its results (登记选民数 … 当选人数 over one row) and below them its 当选人员名单
// with a header of its own. The first table ends there (its top totals checked, its form's counts
// read), the new header takes effect as a header found at the top would, and a notice says so. A row
// with a digit, or with fewer than three texts, is data and is not matched (a header holds neither).
func (sp *sheetParser) otherTable(row int, cells []string) bool {
	if sp.wide != nil || sp.registration || sp.summary || !headerLike(cells) {
		return false
	}
	l := bestHeader(nil, cells)
	if l == nil || !l.isHeader() || l.spec == sp.lay.spec || l.registrationOnly() {
		return false
	}
	if len(sp.topTotals) > 0 {
		sp.checkTopTotals()
		sp.topTotals = nil
	}
	if sp.lay.spec.kind == MembersSheet && len(sp.form) > 0 {
		sp.formResult()
		sp.formOf = formElection{}
	}
	from := sp.kind()
	sp.dataRows, sp.sumAll, sp.sumSince = 0, [numFields]int{}, [numFields]int{}
	sp.placeAbove, sp.filledDown = [numFields]string{}, [numFields]bool{}
	sp.townshipFrom, sp.countyRead = "", false // a roster may take them from the results above it
	// What the first table's missing columns set is the new header's to set again (fillMissing).
	sp.bodyFromPost, sp.unitOfBody, sp.partyImplied, sp.genderOfID = false, false, false, false
	l.headerEnd = row
	sp.earlier = append(sp.earlier, sp.lay)
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Row: row, Rule: "next_table",
		Message: fmt.Sprintf("%s第%d行起是另一个表(%s表，在%s表下方)，按它自己的表头读取", sp.where(), row, l.spec.kind, from)})
	sp.setLayout(l)
	return true
}

// headerLike reports whether a row may be a header: three texts or more and no digit in any.
func headerLike(cells []string) bool {
	n := 0
	for _, c := range cells {
		if c == "" {
			continue
		}
		for _, r := range c {
			if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
				return false
			}
		}
		if clean(c) != "" {
			n++
		}
	}
	return n >= 3
}
