package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"electsum"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// A township often sends the 选民登记 of its 选区 as a table of its own beside the 选区情况 (results)
// table: two sheets of one workbook, or two files of one folder. Such a sheet has the place columns and
// the registration columns of the results sheet and none of its results columns (registrationOnly); its
// rows are read here, staged in stage_registration, and merged in SQL into the results rows of the same
// place once every file of the load is staged (registration.go's loader half, registration_check.sql,
// registration_merge.sql).

// registrationRow reads one row of a 选民登记 sheet: its place, its level when given, and its counts. A
// row that gives no count (a 选区 listed without figures) is passed over. Its figures are checked
// against each other here, at the registration sheet's cells (checkRegistration).
func (sp *sheetParser) registrationRow(row int, cells []string) {
	given := false
	for _, f := range registrationCounts {
		given = given || sp.cell(cells, f) != ""
	}
	if !given {
		return
	}
	r := Result{Pos: Pos{File: sp.fp.path, Sheet: sp.name, Row: row}}
	r.County, r.Township, r.Unit, r.Year = sp.county(cells, row), sp.township(cells, row), sp.unit(cells, row), sp.year(cells, row)
	sp.matchPlaces(&r.Key, row, false)
	r.Body = sp.registrationLevel(cells, row)
	r.Registered = sp.intValue(cells, row, fRegistered, false)
	r.ConstituencyNo = sp.limitLength(row, fConstituencyNo, sp.text(cells, row, fConstituencyNo, false), maxPlaceName)
	for _, f := range registrationCounts[1:] {
		*r.Congress.field(f) = sp.intValue(cells, row, f, false)
	}
	sp.checkRegistration(&r)
	sp.addToTotals(&r, registrationCounts)
	sp.fp.out.Registrations = append(sp.fp.out.Registrations, r)
	sp.fp.nRegistrations++
	sp.fp.rowAdded()
}

// registrationLevel is a 选民登记 row's level: its 选举类型 cell (县级人大代表, 县级, 乡镇人大 …), else the
// level the sheet's title, its name or the file's name names in so many words (levelInName:
// 乡级人大代表选举选民登记表); "" when none does, or the cell says both (县乡两级). A row without a level is
// the registration of its 选区 for every election there whose voters are registered (registers in
// stage.sql): voter registration for the 县级 and 乡级 elections is done once, for both, so it is given to
// the results row of each level.
func (sp *sheetParser) registrationLevel(cells []string, row int) string {
	if v := sp.cell(cells, fBody); v != "" {
		if bothLevels[scriptKey(fold(v, true))] {
			return ""
		}
		return sp.enumValue(cells, row, fBody, false, false)
	}
	if !sp.levelRead {
		sp.levelRead = true
		names := []string{sp.name, strings.TrimSuffix(filepath.Base(sp.fp.path), filepath.Ext(sp.fp.path))}
		for _, t := range sp.titles {
			names = append(names, t.text)
		}
		for _, n := range names {
			if b := levelInName(n); b != "" {
				sp.levelOfName = b
				break
			}
		}
	}
	return sp.levelOfName
}

// levelInName is the level of people's congress a title or name of a 选民登记 table names in so many
// words: 县级 or 乡级 (乡镇级), not both. The bodies a name gives other sheets (bodyInName) are not taken: a
// township's 青石镇人大代表选举选民登记表 names the township, not the level, and its registration serves both.
func levelInName(name string) string {
	k := scriptKey(fold(name, true))
	county, township := strings.Contains(k, "县级"), strings.Contains(k, "乡级") || strings.Contains(k, "乡镇级")
	switch {
	case strings.Contains(k, "两级") || county == township:
		return ""
	case county:
		return string(electsum.CountyDeputies)
	}
	return string(electsum.TownshipDeputies)
}

// bothLevels are the folded 选举类型 cells of a 选民登记 row that name both levels of a people's congress.
var bothLevels = map[string]bool{"县乡两级": true, "县乡": true, "两级": true, "县乡两级人大代表": true, "县乡人大代表": true}

// checkRegistration checks the 选民登记 columns of a row against each other: each part is at most its
// whole (errors), and 18周岁以上人口 less those not registered here is 登记选民 when every part is given
// (a warning: a 选区 may register voters from elsewhere). A results row is checked so too (checkCongress),
// a 选民登记 row at its own sheet's cells.
func (sp *sheetParser) checkRegistration(r *Result) {
	c := &r.Congress
	row := r.Row
	sp.partsOfWhole(r, fPopulation, []field{fAdults}, "")
	exclusions := []field{fAwayHome, fAwayWorkplace, fAwayMissing, fIncapable, fSuspended, fDeprived}
	sp.partsOfWhole(r, fAdults, exclusions, "未在本选区登记的各项人数")
	for _, f := range []field{fRegisteredWomen, fRegisteredMinority, fRegisteredMigrant} {
		sp.partsOfWhole(r, fRegistered, []field{f}, "")
	}
	if sum, all := sumOf(r, exclusions); all && c.Adults != nil && r.Registered != nil && sum <= *c.Adults && *c.Adults-sum != *r.Registered {
		sp.problem(Warning, "registration_mismatch", row, fRegistered, fmt.Sprint(*r.Registered),
			fmt.Sprintf("%s %d 减去未在本选区登记的 %d 人为 %d，与%s %d 不符：如有外地来本选区登记的选民属正常，否则请核对选民登记各项",
				sp.label(fAdults, row), *c.Adults, sum, *c.Adults-sum, sp.label(fRegistered, row), *r.Registered))
	}
}

// sheetGroup names the layout a row was read with: its sheet, and its body on a wide sheet.
type sheetGroup struct{ sheet, body string }

// sheetLayouts are the layouts of a file's results and 选民登记 sheets, for the messages of the checks
// between the two tables: which cell holds a figure and how its header is written.
type sheetLayouts map[sheetGroup]*layout

// layoutsOf collects the layouts of fp's results and 选民登记 sheets.
func layoutsOf(fp *fileParser) sheetLayouts {
	out := sheetLayouts{}
	for _, sp := range fp.sheets {
		switch {
		case sp.lay == nil || sp.lay.spec.kind != ResultsSheet:
		case sp.wide != nil:
			for _, g := range sp.wide.groups {
				out[sheetGroup{sp.name, g.lay.body}] = g.lay
			}
		default:
			out[sheetGroup{sp.name, ""}] = sp.lay
		}
	}
	return out
}

// label is how a message names the cell of the field keyed key in a row of sheet (read for body): its
// header as written and its place, 登记选民数(M5); the standard header when the layout is not known
// (loadParsed).
func (s sheetLayouts) label(sheet, body, key string, row int) (header, ref string) {
	f := fieldOf(key)
	l := s[sheetGroup{sheet, body}]
	if l == nil {
		l = s[sheetGroup{sheet, ""}]
	}
	if l == nil || l.col[f] < 0 {
		return specs[0].cols[f].Header, ""
	}
	return l.header[f], cellRef(l.col[f], row)
}

// fieldOf is the field of a database column key (fieldKeys).
func fieldOf(key string) field {
	for f, k := range fieldKeys {
		if k == key {
			return field(f)
		}
	}
	panic("ingest: no field " + key) // programmer error: the SQL and fieldKeys disagree
}

// registrationRun is what the checks between the tables need of the run's files.
type registrationRun struct {
	path    func(id int) string       // the file's name in messages
	layouts func(id int) sheetLayouts // its sheets' layouts (nil: unknown)
	refused bool                      // a file of the run was refused on its own: it may hold the missing results
	// registrationRefused: a file was refused for its 选民登记 rows, whose figures are then not given.
	registrationRefused bool
}

// registrationProblem is a row of registration_check.sql.
type registrationProblem struct {
	kind string
	// side is the table of the row at fault, the run's: registration (a 选民登记 row) or results.
	side                  string
	file                  int
	sheet                 string
	row                   int
	key                   Key
	field                 string
	value                 sql.NullInt64
	otherFile             sql.NullInt64 // the other row's file in the run; NULL: a stored row of otherSource
	otherSource           string
	otherSheet            string
	otherRow              sql.NullInt64
	otherBody, otherField string
	otherValue            sql.NullInt64
	names                 string
	// the figures of exclusions and mismatch, taken from both tables, and whether the row at fault gave
	// 18周岁以上人口 and 登记选民
	adults, excluded, registered sql.NullInt64
	adultsHere, registeredHere   bool
}

// registrationProblems runs registration_check.sql over the staged rows of the run, and the stored rows it
// leaves in place (registration_stored.sql), and words what it finds: the errors of 选民登记 rows against the
// results rows of their places, whichever was loaded first, and the notices of rows kept to wait for their
// results (one per file, township, year and level) and of rows merged with stored ones.
func registrationProblems(ctx context.Context, q queryer, run registrationRun) ([]fileProblem, error) {
	var out []fileProblem
	waiting := map[Key]int{}           // a file's township, year and level (Key.Unit: the file) → its notice in out
	waitingNames := map[int][]string{} // a notice in out → its 选区
	err := eachRow(ctx, q, sqlRegistrationCheck, nil, func(rows *sql.Rows) error {
		var p registrationProblem
		if err := rows.Scan(&p.kind, &p.side, &p.file, &p.sheet, &p.row, &p.key.County, &p.key.Township, &p.key.Unit, &p.key.Year,
			&p.key.Body, &p.field, &p.value, &p.otherFile, &p.otherSource, &p.otherSheet, &p.otherRow, &p.otherBody, &p.otherField,
			&p.otherValue, &p.names, &p.adults, &p.excluded, &p.registered, &p.adultsHere, &p.registeredHere); err != nil {
			return err
		}
		if p.kind == "waiting" {
			k := Key{County: p.key.County, Township: p.key.Township, Unit: fmt.Sprint(p.file), Year: p.key.Year, Body: p.key.Body}
			i, ok := waiting[k]
			if !ok {
				i = len(out)
				waiting[k] = i
				out = append(out, fileProblem{file: p.file, key: p.key, problem: run.word(p)})
			}
			waitingNames[i] = append(waitingNames[i], p.key.Unit)
			return nil
		}
		out = append(out, fileProblem{file: p.file, key: p.key, problem: run.word(p)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check the 选民登记 rows: %w", err)
	}
	for i, names := range waitingNames {
		out[i].problem.Message = waitingMessage(out[i].key, names)
	}
	return out, nil
}

// waitingMessage is the notice of a file's 选民登记 rows of a township, year and level (key) whose results
// are not loaded yet: they are kept, and given to the results when these come.
func waitingMessage(key Key, names []string) string {
	level := ""
	if key.Body != "" {
		level = "的" + key.Body
	}
	return fmt.Sprintf("选民登记表中%s %d 年%s %d 个选区(%s)的选举结果尚未导入：选民登记已保存，导入该乡镇的选举结果(选区情况)表时自动并入",
		key.Township, key.Year, level, len(names), namesText(strings.Join(names, "、")))
}

// word writes the problem registration_check.sql found, at the cell of the run's row at fault.
func (run registrationRun) word(p registrationProblem) Problem {
	lay := run.layouts(p.file)
	pr := Problem{Severity: Error, File: run.path(p.file), Sheet: p.sheet, Row: p.row}
	at := func(key string, value string) {
		pr.Column, pr.Cell = lay.label(p.sheet, p.key.Body, key, p.row)
		pr.Value = value
	}
	// theirs names a cell of the other table's row: 选举结果表 选举结果.xlsx 工作表“选区情况”的登记选民数(M5), or
	// a row loaded before, 已导入的选民登记表 青石镇选民登记.xlsx 工作表“Sheet1”第3行的登记选民.
	table, stored := "选举结果表", !p.otherFile.Valid
	if p.side == "results" {
		table = "选民登记表"
	}
	theirs := func(key string) string {
		row := int(p.otherRow.Int64)
		var h, ref, where string
		if stored {
			h, _ = sheetLayouts(nil).label("", "", key, row)
			table, where = "已导入的"+table, " "+p.otherSource+" "
		} else {
			file := int(p.otherFile.Int64)
			h, ref = run.layouts(file).label(p.otherSheet, p.otherBody, key, row)
			if file != p.file {
				where = " " + run.path(file) + " " // 选举结果表 青石镇选区情况.csv 的登记选民数(F4)
			}
		}
		if p.otherSheet != "" {
			where += "工作表“" + p.otherSheet + "”"
		}
		if ref == "" {
			return fmt.Sprintf("%s%s第%d行的%s", table, where, row, h)
		}
		return fmt.Sprintf("%s%s的%s(%s)", table, where, h, ref)
	}
	// fix is the advice when the other row was loaded before: it may be the one that is wrong.
	fix := ""
	if stored {
		fix = "；如已导入的" + strings.TrimPrefix(table, "已导入的") + "有误，请改正后重新导入该表"
	}
	body := p.key.Body // the election's level
	if p.side == "registration" {
		body = p.otherBody
	}
	level := ""
	if p.key.Body != "" {
		level = "的" + p.key.Body
	}
	here := func(key string) string {
		h, ref := lay.label(p.sheet, p.key.Body, key, p.row)
		if ref == "" {
			return h
		}
		return h + "(" + ref + ")"
	}
	switch p.kind {
	case "unmatched":
		at("unit", p.key.Unit)
		pr.Rule = "registration_without_results"
		pr.Message = fmt.Sprintf("选民登记表中%s %d 年%s“%s”在选举结果中没有对应的行(选举结果中该乡镇有：%s)：请核对选区名称，或把该选区补入该乡镇的选举结果(选区情况)表",
			p.key.Township, p.key.Year, level, p.key.Unit, namesText(p.names))
		if run.refused {
			pr.Message += "；本次导入中有文件因错误未能导入，如选举结果在其中，请先改正该文件"
		}
	case "waiting":
		at("unit", p.key.Unit)
		pr.Severity, pr.Rule = Notice, "registration_waiting" // worded by registrationProblems (waitingMessage)
	case "completed":
		pr.Severity, pr.Rule, pr.Sheet, pr.Row = Notice, "registration_completed", "", 0
		list := namesText(p.names)
		if p.side == "registration" {
			pr.Message = fmt.Sprintf("选民登记已并入此前导入的选举结果(%s)：%s %d 年 %d 个选区(%s)", p.otherSource, p.key.Township, p.key.Year,
				strings.Count(p.names, "、")+1, list)
		} else {
			pr.Message = fmt.Sprintf("本表%s %d 年 %d 个选区(%s)与此前导入的选民登记表 %s 合并：本表未填的选民登记各项按该表填写", p.key.Township, p.key.Year,
				strings.Count(p.names, "、")+1, list, p.otherSource)
		}
	case "duplicate":
		at("unit", p.key.Unit)
		pr.Rule = "registration_duplicate"
		where := otherPlace(run, p)
		if stored {
			where = "已导入的 " + p.otherSource + " "
			if p.otherSheet != "" {
				where += "工作表“" + p.otherSheet + "”"
			}
		}
		pr.Message = fmt.Sprintf("%s %d 年%s“%s”的选民登记已在%s第%d行填写，同一选区只能填一行：请删去重复的行",
			p.key.Township, p.key.Year, level, p.key.Unit, where, int(p.otherRow.Int64))
		if stored {
			pr.Message += "；如本表是改正后的选民登记表，请先删除已导入的那张表的数据再导入"
		}
	case "conflict":
		at(p.field, fmt.Sprint(p.value.Int64))
		pr.Rule = "registration_conflict"
		pr.Message = fmt.Sprintf("%s %d 与%s %d 不一致(%s %s%s)：同一选区两张表的同一项应当相同，请核对%s",
			here(p.field), p.value.Int64, theirs(p.otherField), p.otherValue.Int64, p.key.Township, p.key.Unit, body, fix)
	case "exclusions":
		at(p.field, fmt.Sprint(p.value.Int64))
		pr.Rule = "part_gt_whole"
		adults := here("adults")
		if !p.adultsHere {
			adults = theirs("adults")
		}
		pr.Message = fmt.Sprintf("未在本选区登记的各项人数(选民登记表和选举结果表合起来)合计 %d，多于%s %d：部分不能大于总数，请核对%s",
			p.excluded.Int64, adults, p.adults.Int64, fix)
	case "mismatch":
		at(p.field, fmt.Sprint(p.value.Int64))
		pr.Severity, pr.Rule = Warning, "registration_mismatch"
		adults, registered := here("adults"), here("registered")
		if !p.adultsHere {
			adults = theirs("adults")
		}
		if !p.registeredHere {
			registered = theirs("registered")
		}
		pr.Message = fmt.Sprintf("%s %d 减去未在本选区登记的 %d 人(选民登记表和选举结果表合起来)为 %d，与%s %d 不符：如有外地来本选区登记的选民属正常，否则请核对选民登记各项",
			adults, p.adults.Int64, p.excluded.Int64, p.adults.Int64-p.excluded.Int64, registered, p.registered.Int64)
	case "part":
		at(p.field, fmt.Sprint(p.value.Int64))
		pr.Rule = "part_gt_whole"
		whole := p.field == "registered" || p.field == "population"
		why := "部分不能大于总数"
		if p.otherField == "voted" || p.field == "voted" {
			pr.Rule, why = "voted_gt_registered", "参加投票人数不能多于登记选民数"
		}
		if whole {
			pr.Message = fmt.Sprintf("%s %d，多于%s %d：%s，请核对%s", theirs(p.otherField), p.otherValue.Int64, here(p.field), p.value.Int64, why, fix)
		} else {
			pr.Message = fmt.Sprintf("%s %d，多于%s %d：%s，请核对%s", here(p.field), p.value.Int64, theirs(p.otherField), p.otherValue.Int64, why, fix)
		}
	}
	return pr
}

// refusedHint is what a message of a results row without 登记选民 adds when a 选民登记 table of the run was
// refused: it may be the one that gives it.
func (run registrationRun) refusedHint() string {
	if !run.registrationRefused {
		return ""
	}
	return "(本次导入的选民登记表有错误未能导入，如该项由选民登记表填写，请先改正选民登记表)"
}

// otherPlace names the file and sheet of a duplicate's first row in the run.
func otherPlace(run registrationRun, p registrationProblem) string {
	where := ""
	if f := int(p.otherFile.Int64); f != p.file {
		where = run.path(f) + " "
	}
	if p.otherSheet != "" {
		where += "工作表“" + p.otherSheet + "”"
	}
	return where
}

// namesText lists 选区 for a message, at most maxNamed of them: names is their list joined by 、.
func namesText(names string) string {
	list := strings.Split(names, "、")
	more := ""
	if len(list) > maxNamed {
		list, more = list[:maxNamed], fmt.Sprintf(" 等 %d 个", len(list))
	}
	return strings.Join(list, "、") + more
}

// maxNamed is how many 选区 a message lists.
const maxNamed = 8

// missingRegistered runs registration_missing.sql: the results rows without 登记选民 that no 选民登记 row of
// the run makes up for. A sheet without the column is refused once, as a sheet missing a required column
// is (missingColumn); a blank cell is missing_value at the cell, as any blank required cell.
func missingRegistered(ctx context.Context, q queryer, run registrationRun, advice string) ([]fileProblem, error) {
	var out []fileProblem
	said := map[[2]any]bool{}
	err := eachRow(ctx, q, sqlRegistrationMissing, nil, func(rows *sql.Rows) error {
		var file, row int
		var sheet, body string
		if err := rows.Scan(&file, &sheet, &row, &body); err != nil {
			return err
		}
		if h, ref := run.layouts(file).label(sheet, body, "registered", row); ref != "" {
			out = append(out, fileProblem{file: file, problem: Problem{Severity: Error, File: run.path(file), Sheet: sheet, Row: row,
				Column: h, Cell: ref, Rule: "missing_value", Message: fmt.Sprintf("%s(%s)为必填项，本行未填写：请补填%s", h, ref, run.refusedHint())}})
			return nil
		}
		if said[[2]any{file, sheet}] {
			return nil
		}
		said[[2]any{file, sheet}] = true
		if l := run.layouts(file)[sheetGroup{sheet, ""}]; l != nil {
			row = l.headerEnd // where missingColumn puts it
		}
		where := "文件"
		if sheet != "" {
			where = "工作表“" + sheet + "”"
		}
		out = append(out, fileProblem{file: file, problem: Problem{Severity: Error, File: run.path(file), Sheet: sheet, Row: row,
			Column: colRegistered.Header, Rule: "missing_column",
			Message: fmt.Sprintf("%s是%s表，但缺少必填列“%s”：请在表头行添加该列并填写(%s)，或导入同一选区的选民登记表(与本表一起，或在本表之前)%s",
				where, ResultsSheet, colRegistered.Header, advice, run.refusedHint())}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check the 登记选民 of the results rows: %w", err)
	}
	return out, nil
}

// checkRegistrations checks the run's 选民登记 rows against its results rows (registrationProblems), once
// the spellings and counties are settled and before the files are checked against each other,
// stages the warnings, refuses the files at fault and forgets the staged rows of every refused file, so that
// registration_merge.sql takes nothing from them; then refuses the results sheets whose 登记选民 no
// 选民登记 row gave (missingRegistered).
func (l *loader) checkRegistrations(ctx context.Context) error {
	stored, err := l.storedRegistrations(ctx)
	if err != nil || !l.registrations && !l.unregistered && !stored {
		return err
	}
	run := registrationRun{
		path:    func(id int) string { return l.files[id].report.Path },
		layouts: func(id int) sheetLayouts { return l.files[id].layouts },
	}
	for _, f := range l.files {
		run.refused = run.refused || f.report.Outcome == Rejected
	}
	if l.registrations || stored {
		found, err := registrationProblems(ctx, l.conn, run)
		if err != nil {
			return err
		}
		var notices []fileProblem
		for _, p := range found {
			switch p.problem.Severity {
			case Error:
				l.fail(p.file, p.problem)
				run.registrationRefused = run.registrationRefused || l.files[p.file].report.Registrations > 0
				continue
			case Notice:
				notices = append(notices, p)
				continue
			}
			// A warning loads with the file, as those found when it was read (stager.fileWarnings).
			f, pr, k := l.files[p.file], p.problem, p.key
			f.problems = append(f.problems, pr)
			if err := l.execEach(ctx, sqlRegistrationWarning, p.file, f.report.Path, optStr(pr.Sheet), optRow(pr.Row), optStr(pr.Column),
				optStr(pr.Value), pr.Rule, pr.Message, k.County, k.Township, k.Unit, k.Year, optStr(k.Body)); err != nil {
				return fmt.Errorf("stage warning %s: %w", pr.Rule, err)
			}
		}
		// What was kept to wait, or merged with stored rows, is said of the files that load.
		for _, p := range notices {
			if f := l.files[p.file]; f.report.Outcome != Rejected {
				f.problems = append(f.problems, p.problem)
			}
		}
		if err := l.dropRejected(ctx); err != nil {
			return err
		}
	}
	if !l.unregistered {
		return nil
	}
	found, err := missingRegistered(ctx, l.conn, run, templateAdvice(l.opts.Page))
	if err != nil {
		return err
	}
	for _, p := range found {
		l.fail(p.file, p.problem)
	}
	return l.dropRejected(ctx)
}

// storedRegistrations fills stored_registrations and stored_elections (registration_stored.sql) with the
// rows of earlier loads the run's rows are checked against, once the files the run supersedes are known
// (findSuperseded), and says whether a stored 选民登记 row is among them. A database without 选民登记 rows
// costs one query.
func (l *loader) storedRegistrations(ctx context.Context) (bool, error) {
	var held bool
	if err := l.conn.QueryRowContext(ctx, sqlHoldsRegistrations).Scan(&held); err != nil {
		return false, fmt.Errorf("read the 选民登记 rows: %w", err)
	}
	if !held && !l.registrations {
		return false, nil
	}
	if err := l.findSuperseded(ctx); err != nil {
		return false, err
	}
	if held {
		if err := l.moveWaitingRegistrations(ctx); err != nil {
			return false, err
		}
	}
	if err := l.execEach(ctx, sqlRegistrationStored); err != nil {
		return false, fmt.Errorf("read the stored 选民登记 rows: %w", err)
	}
	if !held {
		return false, nil
	}
	if err := l.conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM stored_registrations)").Scan(&held); err != nil {
		return false, fmt.Errorf("read the stored 选民登记 rows: %w", err)
	}
	return held, nil
}

// moveWaitingRegistrations reads the place of a stored 选民登记 row still waiting for its results as the
// place the run's results name, when they write it another way (第1选区 for 第一选区, 青石 for 青石镇: the rule
// within a file, placeNames.read), as a 选民登记 row sent with or after its results is read (matchPlaces):
// otherwise the results, sent later, find no 选民登记 row and are refused for a 登记选民 the county did
// send. The moves are staged (stage_moves.sql), read by registration_stored.sql and written in the load's
// transaction (registration_move.sql); each is said on the results file, at the row that first names the
// place (place_matched).
func (l *loader) moveWaitingRegistrations(ctx context.Context) error {
	var waiting []placeKey
	results := map[placeKey]*placeNames{} // county and year → the places the run's results name
	err := eachRow(ctx, l.conn, sqlRegistrationMoves, nil, func(rows *sql.Rows) error {
		var isResults bool
		var p placeKey
		if err := rows.Scan(&isResults, &p.county, &p.township, &p.unit, &p.year); err != nil {
			return err
		}
		if !isResults {
			waiting = append(waiting, p)
			return nil
		}
		scope := placeKey{county: p.county, year: p.year}
		if results[scope] == nil {
			results[scope] = &placeNames{}
		}
		results[scope].add(p.township, p.unit)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read the waiting 选民登记 rows: %w", err)
	}
	var counties, townships, units, toTownships, toUnits []string
	var years []int32
	for _, p := range waiting {
		pn := results[placeKey{county: p.county, year: p.year}]
		if pn == nil {
			continue
		}
		if t, u, tm, um, _, _ := pn.read(p.township, p.unit); tm || um {
			counties, townships, units, years = append(counties, p.county), append(townships, p.township), append(units, p.unit), append(years, int32(p.year))
			toTownships, toUnits = append(toTownships, t), append(toUnits, u)
		}
	}
	if len(years) == 0 {
		return nil
	}
	type move struct {
		was, is          placeKey
		file, row        int
		sheet, body, src string
	}
	var moves []move
	err = eachRow(ctx, l.conn, sqlStageMoves, []any{counties, townships, units, years, toTownships, toUnits}, func(rows *sql.Rows) error {
		var m move
		if err := rows.Scan(&m.was.county, &m.was.township, &m.was.unit, &m.was.year, &m.is.township, &m.is.unit, &m.file,
			&m.sheet, &m.row, &m.body, &m.src); err != nil {
			return err
		}
		moves = append(moves, m)
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage the waiting 选民登记 rows: %w", err)
	}
	l.registrationMoves = len(moves) > 0
	slices.SortFunc(moves, func(a, b move) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.sheet, b.sheet), cmp.Compare(a.row, b.row), cmp.Compare(a.was.unit, b.was.unit))
	})
	for _, m := range moves {
		fd, key, written, read := fUnit, "unit", m.was.unit, m.is.unit
		if m.was.township != m.is.township {
			fd, key, written, read = fTownship, "township", m.was.township, m.is.township
		}
		f := l.files[m.file]
		header, ref := f.layouts.label(m.sheet, m.body, key, m.row)
		f.problems = append(f.problems, Problem{Severity: Notice, File: f.report.Path, Sheet: m.sheet, Row: m.row, Column: header, Cell: ref,
			Value: read, Rule: "place_matched", Message: storedPlaceMatched(header, ref, read, written, m.src, fd)})
	}
	return nil
}

// storedPlaceMatched is the notice of a results row naming the place of a stored 选民登记 row another way.
func storedPlaceMatched(label, ref, is, was, source string, f field) string {
	if ref != "" {
		label += "(" + ref + ")"
	}
	return fmt.Sprintf("%s“%s”：此前导入的选民登记表 %s 写作“%s”，按本表的“%s”并入：同一个%s请在各表中写同一个名称", label, is, source, was, is, placeWord(f))
}

// dropRejected forgets the staged rows of every file refused so far.
func (l *loader) dropRejected(ctx context.Context) error {
	for id, f := range l.files {
		if f.report.Outcome == Rejected {
			if err := l.dropStaged(ctx, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkRegistrations is the loader's check of the same name for a file parsed on its own (ParseFile),
// over its rows in the private stage: its 选民登记 sheets against its results sheets. A file with errors of
// its own is refused already, and the loader drops its rows before this check: so here.
func (fp *fileParser) checkRegistrations(ctx context.Context, q queryer) error {
	if fp.nRegistrations == 0 && !fp.unregistered || slices.ContainsFunc(fp.out.Problems, func(p Problem) bool { return p.Severity == Error }) {
		return nil
	}
	run := registrationRun{path: func(int) string { return fp.path }, layouts: func(int) sheetLayouts { return layoutsOf(fp) }}
	found, err := registrationProblems(ctx, q, run)
	if err != nil {
		return err
	}
	more, err := missingRegistered(ctx, q, run, fp.templateAdvice())
	if err != nil {
		return err
	}
	for _, p := range append(found, more...) {
		fp.add(p.problem)
	}
	return nil
}
