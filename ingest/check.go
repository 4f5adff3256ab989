package ingest

import (
	"context"
	"database/sql"
	"electsum"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The checks on rows and on the whole file. Rules are stable codes that callers and tests match on:
//
//	missing_column, missing_value, wrong_type, bad_enum                    the cells themselves
//	voted_gt_registered, elected_gt_seats, ballots_mismatch,
//	candidates_lt_seats, part_gt_whole, method_body_mismatch                a results row's figures
//	unit_body_mismatch                                                      a results row's 选举类型 (warning)
//	turnout_mismatch                                                        a stated 参选率 against the counts (warning)
//	votes_gt_valid_ballots                                                  a member against the results row
//	registration_without_results, registration_duplicate, registration_conflict,
//	part_gt_whole, voted_gt_registered                                      a 选民登记 row against the results rows of its 选区, of the run or
//	                                                                        loaded before (registration.go)
//	registration_waiting, registration_completed (notices)                  a 选民登记 row kept for results not loaded yet; merged with stored rows
//	missing_birth_age, age_out_of_range, birth_after_election, birth_month_ambiguous, age_birth_mismatch,
//	id_length, id_checksum, id_truncated, id_date, id_birth_mismatch, id_gender_mismatch,
//	birth_month_from_id (notice)
//	non_party_member, probationary_member_elected, party_blank              a member
//	duplicate_result, duplicate_person, no_data_sheet                       the whole file
//	total_mismatch, no_result_row, member_count_mismatch, summary_only,
//	registration_mismatch, nomination_mismatch, vote_modes_mismatch, round_mismatch   warnings
//	unknown_column, column_read_as, unknown_sheet, hidden_sheet, summary_sheet, empty_sheet,
//	unit_body_name, date_from_year, date_range, county_from_name, filled_down notices

// checkResult compares the figures of one results row.
func (sp *sheetParser) checkResult(r *Result) {
	row := r.Row
	if r.Voted != nil && r.Registered != nil && *r.Voted > *r.Registered {
		sp.problem(Error, "voted_gt_registered", row, fVoted, fmt.Sprint(*r.Voted),
			fmt.Sprintf("%s为 %d，多于%s的 %d：请核对这两项", sp.label(fVoted, row), *r.Voted, sp.label(fRegistered, row), *r.Registered))
	}
	sp.partsOfWhole(r, fRegistered, []field{fExcused}, "")
	if r.Elected != nil && r.Seats != nil && *r.Elected > *r.Seats {
		sp.problem(Error, "elected_gt_seats", row, fElected, fmt.Sprint(*r.Elected),
			fmt.Sprintf("%s为 %d，多于%s的 %d：当选人数不能超过应选职数，请核对", sp.label(fElected, row), *r.Elected, sp.label(fSeats, row), *r.Seats))
	}
	if r.ValidBallots != nil && r.InvalidBallots != nil && r.Voted != nil && *r.ValidBallots+*r.InvalidBallots != *r.Voted {
		sp.problem(Error, "ballots_mismatch", row, fValidBallots, fmt.Sprint(*r.ValidBallots),
			fmt.Sprintf("%s %d 与%s %d 之和为 %d，不等于%s %d：请核对", sp.label(fValidBallots, row), *r.ValidBallots,
				sp.label(fInvalidBallots, row), *r.InvalidBallots, *r.ValidBallots+*r.InvalidBallots, sp.label(fVoted, row), *r.Voted))
	}
	if r.Candidates != nil && r.Seats != nil && *r.Candidates < *r.Seats {
		sp.problem(Error, "candidates_lt_seats", row, fCandidates, fmt.Sprint(*r.Candidates),
			fmt.Sprintf("%s为 %d，少于%s的 %d：候选人数不能少于应选职数，请核对", sp.label(fCandidates, row), *r.Candidates, sp.label(fSeats, row), *r.Seats))
	}
	if r.Method == electsum.ByRepresentatives && r.Body != string(electsum.SupervisoryCommittee) && r.Body != "" {
		sp.problem(Error, "method_body_mismatch", row, fMethod, r.Method,
			fmt.Sprintf("%s为“%s”，但%s为%s：村民代表会议推选只用于村务监督委员会(《中华人民共和国村民委员会组织法》第三十二条)，请核对这两项",
				sp.label(fMethod, row), r.Method, sp.label(fBody, row), r.Body))
	}
	sp.checkUnitKind(r, row)
	sp.checkCongress(r)
}

// checkUnitKind warns of a unit named as one kind (…社区, …村) electing a body of the other kind: most
// likely a 选举类型 written for the wrong kind (a wide form's 村委会 group over a community's row), which
// would count a community among the villages. Said, not changed: some villages are called 社区.
func (sp *sheetParser) checkUnitKind(r *Result, row int) {
	kind, named := electsum.Body(r.Body).UnitKind(), kindOfName(r.Unit)
	if kind != electsum.Village && kind != electsum.Community || named == "" || named == kind {
		return
	}
	sp.problem(Warning, "unit_body_mismatch", row, fBody, r.Body,
		fmt.Sprintf("%s为%s(%s的组织)，但“%s”从名称看是%s：如是%s，%s应为%s的组织，请核对", sp.label(fBody, row), r.Body, kind, r.Unit, named, named, sp.label(fBody, row), named))
}

// checkMember checks what one members row can show by itself: birth or age given, and the 身份证号
// against 出生年月 and 性别.
func (sp *sheetParser) checkMember(m *Member, raw memberRaw) {
	row := m.Row
	who := m.Name
	if m.IDNumber != "" {
		birth, gender, fault := checkIDNumber(m.IDNumber)
		masked := electsum.MaskID(m.IDNumber)
		switch fault {
		case electsum.IDLength:
			msg := fmt.Sprintf("%s 的%s为 %d 位，应为 18 位：请核对", who, sp.label(fIDNumber, row), len([]rune(m.IDNumber)))
			if strings.ContainsAny(m.IDNumber, "Ee+") {
				msg = fmt.Sprintf("%s 的%s被 Excel 存成了数字(%s)，后几位已丢失：请把该列设为文本格式后重新填写", who, sp.label(fIDNumber, row), m.IDNumber)
				masked = m.IDNumber // nothing left to hide
			}
			sp.problem(Error, "id_length", row, fIDNumber, masked, msg)
		case electsum.IDChecksum:
			sp.problem(Error, "id_checksum", row, fIDNumber, masked,
				fmt.Sprintf("%s 的%s校验位不正确(或含有数字和 X 以外的字符)：请逐位核对", who, sp.label(fIDNumber, row)))
		case electsum.IDTruncated:
			sp.problem(Error, "id_truncated", row, fIDNumber, masked,
				fmt.Sprintf("%s 的%s末三位是 000，校验位不对：这一格被 Excel 存成了数字，只保留了前 15 位，后三位已丢失。请把该列设为文本格式后重新填写", who, sp.label(fIDNumber, row)))
		case electsum.IDDate:
			sp.problem(Error, "id_date", row, fIDNumber, masked,
				fmt.Sprintf("%s 的%s中的出生日期不存在：请逐位核对", who, sp.label(fIDNumber, row)))
		case electsum.IDValid:
			switch {
			case m.Birth == nil || m.Birth.Year() == birth.Year() && m.Birth.Month() == birth.Month():
			case octoberAsNumber.MatchString(raw.birth) && m.Birth.Year() == birth.Year() && birth.Month() == time.October:
				// 1975.10 typed into a number cell is stored as 1975.1; the 身份证号 says it was October.
				m.Birth = sp.fp.newTime(time.Date(birth.Year(), time.October, 1, 0, 0, 0, 0, time.UTC))
				sp.problem(Notice, "birth_month_from_id", row, fBirth, raw.birth,
					fmt.Sprintf("%s 的%s“%s”是 Excel 把 %s0 存成数字后丢了末尾的 0，已按%s读作 %d 年 10 月：今后请把该列设为文本格式",
						who, sp.label(fBirth, row), raw.birth, raw.birth, sp.label(fIDNumber, row), birth.Year()))
			default:
				sp.problem(Error, "id_birth_mismatch", row, fBirth, raw.birth,
					fmt.Sprintf("%s 的%s显示出生于%d年%d月，与%s“%s”不一致", who, sp.label(fIDNumber, row),
						birth.Year(), birth.Month(), sp.label(fBirth, row), raw.birth))
			}
			if sp.genderOfID {
				m.Gender = gender
			}
			if m.Gender != "" && m.Gender != gender {
				msg := fmt.Sprintf("%s 的%s显示性别为%s，与%s“%s”不一致", who, sp.label(fIDNumber, row), gender, sp.label(fGender, row), m.Gender)
				if strings.HasSuffix(m.IDNumber, "000") {
					msg += "：身份证号末三位是 000，多半是这一格被 Excel 存成了数字，只保留了前 15 位。请把该列设为文本格式后重新填写"
				}
				sp.problem(Error, "id_gender_mismatch", row, fGender, m.Gender, msg)
			}
			if m.Birth == nil && m.Age == nil && raw.birth == "" && raw.age == "" {
				first := time.Date(birth.Year(), birth.Month(), 1, 0, 0, 0, 0, time.UTC)
				m.Birth = sp.fp.newTime(first) // the 身份证号 is a birth date, checked above
			}
		}
	}
	sp.checkParty(m, raw)
	if m.Votes != nil && m.ValidBallots != nil && *m.Votes > *m.ValidBallots {
		sp.problem(Error, "votes_gt_valid_ballots", row, fVotes, fmt.Sprint(*m.Votes),
			fmt.Sprintf("%s 的%s为 %d，多于%s %d：得票数不能超过有效票数，请核对", who, sp.label(fVotes, row), *m.Votes,
				sp.label(fValidBallots, row), *m.ValidBallots))
	}
	if m.Birth == nil && m.Age == nil && raw.birth == "" && raw.age == "" {
		switch f := fBirth; {
		case sp.lay.col[fBirth] < 0 && sp.lay.col[fAge] < 0:
			sp.idNumberMissing(m, "出生年月")
		default:
			if sp.lay.col[f] < 0 {
				f = fAge
			}
			sp.problem(Error, "missing_birth_age", row, f, "",
				fmt.Sprintf("%s 的出生年月和年龄都未填写：请至少填写一项", who))
		}
	}
	if sp.genderOfID && m.Gender == "" {
		sp.idNumberMissing(m, "性别")
	}
}

// idNumberMissing is the error of a member whose what (性别, 出生年月) only the 身份证号 gives, on a roster
// without that column, when it is blank (a wrong one has its own error above).
func (sp *sheetParser) idNumberMissing(m *Member, what string) {
	if m.IDNumber == "" {
		sp.problem(Error, "missing_value", m.Row, fIDNumber, "",
			fmt.Sprintf("%s 的%s未填写：本表没有“%s”列，%s按身份证号读出，请补填身份证号(或在表头行添加“%s”列并填写)", m.Name, sp.label(fIDNumber, m.Row), what, what, what))
	}
}

// checkParty checks that a member of a party body (村/社区党组织, 乡镇党委) is a party member: 群众 and
// the other non-party values are errors at the 政治面貌 cell; a 中共预备党员, who has no right to be
// elected (党章第七条), is a warning; a blank 政治面貌 is a warning, since the body says what it should
// be but the figures never guess it.
func (sp *sheetParser) checkParty(m *Member, raw memberRaw) {
	body := electsum.Body(m.Body)
	if !body.Party() || sp.lay.col[fParty] < 0 {
		return
	}
	row := m.Row
	switch {
	case raw.party == "":
		sp.problem(Warning, "party_blank", row, fParty, "",
			fmt.Sprintf("%s 是%s的成员，%s未填写：党组织成员应为中共党员，请补填", m.Name, body, sp.label(fParty, row)))
	case m.Party == electsum.ProbationPartyMember:
		sp.problem(Warning, "probationary_member_elected", row, fParty, raw.party,
			fmt.Sprintf("%s 的%s为“%s”，而预备党员没有被选举权，不能当选%s成员：请核对政治面貌或选举类型", m.Name, sp.label(fParty, row), raw.party, body))
	case m.Party != "" && !electsum.PartyMember(m.Party):
		sp.problem(Error, "non_party_member", row, fParty, raw.party,
			fmt.Sprintf("%s 的%s为“%s”，但%s的成员须是中共党员：请核对政治面貌或选举类型", m.Name, sp.label(fParty, row), raw.party, body))
	}
}

// total recognises a 合计/小计/总计 row, checks its figures against the rows above and reports true
// so that it is not read as data. A row whose 村(社区) is the whole township (全镇, 全乡, 全街道, or the
// township's own name) is a 合计 row too: it was loaded as a village. A 合计 or 总计 row above every
// data row (a total placed first) is checked against the rows below it when the sheet ends.
func (sp *sheetParser) total(row int, cells []string) bool {
	kind := totalWord(cells)
	if kind == "" && sp.wholeTownship(cells) {
		kind = "合计"
	}
	if kind == "" && sp.lay.spec.kind == ResultsSheet && sp.lay.col[fUnit] >= 0 && sp.cell(cells, fUnit) == "" && sp.cell(cells, fBody) == "" {
		for _, f := range resultCounts {
			if sp.cell(cells, f) != "" {
				kind = "合计行" // unlabelled: the unit is empty but figures are given
				break
			}
		}
	}
	if kind == "" {
		return false
	}
	if sp.lay.spec.kind != ResultsSheet {
		return true
	}
	if sp.dataRows == 0 && kind != "小计" {
		sp.topTotals = append(sp.topTotals, topTotal{row: row, kind: kind, lay: sp.lay, cells: slices.Clone(cells)})
		return true
	}
	for _, f := range resultCounts {
		v := sp.cell(cells, f)
		if v == "" {
			continue
		}
		n, ok := parseInt(v)
		if !ok {
			continue
		}
		var want int
		switch {
		case kind == "小计":
			want = sp.sumSince[f]
		case kind == "合计行" && n == sp.sumSince[f]:
			want = n
		default:
			want = sp.sumAll[f]
		}
		if n != want {
			scope := "上方各行"
			if kind == "小计" {
				scope = "上一个小计以来各行"
			}
			sp.problem(Warning, "total_mismatch", row, f, v,
				fmt.Sprintf("%s行的%s为 %d，而%s之和为 %d：请核对", strings.TrimSuffix(kind, "行"), sp.label(f, row), n, scope, want))
		}
	}
	if kind != "合计" && kind != "总计" {
		sp.sumSince = [numFields]int{}
	}
	return true
}

// topTotal is a 合计 row read before any data row, checked against the rows below it at the sheet's end.
type topTotal struct {
	row   int
	kind  string
	lay   *layout // the layout it was read with (a wide sheet's group)
	cells []string
}

// checkTopTotals compares each total placed above the data with the sums of the rows below it.
func (sp *sheetParser) checkTopTotals() {
	kept := sp.lay
	defer func() { sp.lay = kept }()
	for _, t := range sp.topTotals {
		sums := sp.sumAll
		if sp.wide != nil {
			for _, g := range sp.wide.groups {
				if g.lay == t.lay {
					sums = g.sumAll
				}
			}
		}
		sp.lay = t.lay
		for _, f := range resultCounts {
			v := sp.cell(t.cells, f)
			if n, ok := parseInt(v); ok && v != "" && n != sums[f] {
				sp.problem(Warning, "total_mismatch", t.row, f, v,
					fmt.Sprintf("%s行的%s为 %d，而下方各行之和为 %d：请核对", strings.TrimSuffix(t.kind, "行"), sp.label(f, t.row), n, sums[f]))
			}
		}
	}
}

// wholeTownshipUnits are what a 村(社区) cell writes for the whole township's row.
var wholeTownshipUnits = []string{"全镇", "全乡", "全街道", "全乡镇", "全镇街", "本镇", "本乡", "全鎮", "全鄉", "全鄉鎮", "本鎮", "本鄉"}

// wholeTownship says whether a row's 村(社区) names the whole township rather than a unit: 全镇, 本乡, or the
// township's own name (its 乡镇(街道) cell, or the one the sheet's title or names give).
func (sp *sheetParser) wholeTownship(cells []string) bool {
	unit := fold(sp.cell(cells, fUnit), true)
	if unit == "" {
		return false
	}
	if slices.Contains(wholeTownshipUnits, unit) {
		return true
	}
	township := sp.cell(cells, fTownship)
	if sp.lay.col[fTownship] < 0 {
		township, _ = sp.defaultTownship()
	}
	return township != "" && scriptKey(unit) == scriptKey(fold(township, true))
}

// checkSheets runs the whole-file checks that need no rows: a file without a data sheet, or without
// a data row. It reports false when there is nothing else to check.
func (fp *fileParser) checkSheets() bool {
	data := fp.hasKind[ResultsSheet] || fp.hasKind[MembersSheet] || fp.hasKind[RegistrationSheet]
	if !data && len(fp.summaries) > 0 {
		// Only a summary: nothing to load, but nothing wrong either (a township's 汇总.csv sent along).
		fp.add(Problem{Severity: Warning, Rule: "summary_only",
			Message: fmt.Sprintf("文件中只有汇总表(%s)，没有村(社区)的数据，未导入任何行：如本应是数据表，请确认是否发错了文件", strings.Join(fp.summaries, "、"))})
		return false
	}
	if !data {
		fp.add(Problem{Severity: Error, Rule: "no_data_sheet",
			Message: "文件中没有可识别的“选举结果”或“当选人员”表：请确认表头行使用标准列名(" + fp.templateAdvice() + ")"})
		return false
	}
	if fp.nResults == 0 && fp.nMembers == 0 && fp.nRegistrations == 0 && !fp.missingColumns { // rows under a header that lacks a column were not read, not absent
		fp.add(Problem{Severity: Warning, Rule: "no_data_rows",
			Message: "文件只有表头，表头下面没有任何数据行，导入后没有数据：请确认是否发错了文件(例如空白的采集表)"})
	}
	return true
}

// finish runs the checks that need the whole file on a file read into memory (ParseFile): its rows are
// staged in a private in-memory database, and checked by the same SQL the loader runs over its staging
// tables (checkStaged).
func (fp *fileParser) finish() error {
	defer fp.sortProblems()
	if !fp.checkSheets() {
		return nil
	}
	return withPrivateStage(func(conn *sql.Conn, s *stager) error {
		first := firstOfElection(fp.out.Members, map[Key]bool{})
		if err := s.rows(0, fp.path, fp.out.Results, fp.out.Registrations, fp.out.Members, fp.raw, sheetSeq(fp.sheetNo), first); err != nil {
			return err
		}
		if err := s.flush(); err != nil {
			return err
		}
		if err := checkStaged(context.Background(), conn, func(int) *fileParser { return fp }); err != nil {
			return err
		}
		return fp.checkRegistrations(context.Background(), conn)
	})
}

// checkStaged runs the checks that need the whole file over the staged rows of every file at once:
// duplicates, ages at the election date, and whether the two sheets agree. SQL finds the rows
// (check_results.sql, check_members.sql), file by file in file order; the messages are written here,
// into the parser of the row's file (nil: a file not to check).
func checkStaged(ctx context.Context, conn *sql.Conn, parser func(id int) *fileParser) error {
	if err := checkStagedResults(ctx, conn, parser); err != nil {
		return fmt.Errorf("check the results rows: %w", err)
	}
	if err := checkStagedMembers(ctx, conn, parser); err != nil {
		return fmt.Errorf("check the members rows: %w", err)
	}
	return nil
}

func checkStagedResults(ctx context.Context, conn *sql.Conn, parser func(id int) *fileParser) error {
	return eachRow(ctx, conn, sqlCheckResults, nil, func(rows *sql.Rows) error {
		var id int
		var r Result
		var elected sql.NullInt64
		var f resultFacts
		if err := rows.Scan(&id, &r.Sheet, &r.Row, &r.County, &r.Township, &r.Unit, &r.Year, &r.Body, &elected,
			&f.firstRow, &f.firstSheet, &f.isFirst, &f.members); err != nil {
			return err
		}
		if fp := parser(id); fp != nil {
			r.Elected = optionalInt(elected)
			fp.checkWholeResult(&r, f)
		}
		return nil
	})
}

func checkStagedMembers(ctx context.Context, conn *sql.Conn, parser func(id int) *fileParser) error {
	return eachRow(ctx, conn, sqlCheckMembers, nil, func(rows *sql.Rows) error {
		var id int
		var m Member
		var raw memberRaw
		var birth, date sql.NullTime
		var age, votes, valid, resultRow, ownValid sql.NullInt64
		var resultSheet sql.NullString
		var f memberFacts
		if err := rows.Scan(&id, &m.Sheet, &m.Row, &m.County, &m.Township, &m.Unit, &m.Year, &m.Body, &m.Name, &birth, &age,
			&m.IDNumber, &votes, &raw.birth, &raw.age, &f.firstRow, &f.firstSheet, &f.isFirst, &f.firstOfElection,
			&f.hasResult, &date, &valid, &resultSheet, &resultRow, &ownValid); err != nil {
			return err
		}
		fp := parser(id)
		if fp == nil {
			return nil
		}
		m.Birth, m.Age, m.Votes, m.ValidBallots = optionalTime(birth), optionalInt(age), optionalInt(votes), optionalInt(ownValid)
		f.date, f.valid, f.resultSheet, f.resultRow = optionalTime(date), optionalInt(valid), resultSheet.String, int(resultRow.Int64)
		fp.checkWholeMember(&m, raw, f)
		return nil
	})
}

// twoRows names the rows of a duplicate: 第 2 行与第 5 行 on one sheet, with the sheets' names when they
// differ (a workbook with a sheet per term, loaded with one --year, repeats every row of the other).
func twoRows(firstSheet string, firstRow int, sheet string, row int) string {
	if firstSheet == sheet {
		return fmt.Sprintf("第 %d 行与第 %d 行", firstRow, row)
	}
	return fmt.Sprintf("工作表“%s”第 %d 行与工作表“%s”第 %d 行", firstSheet, firstRow, sheet, row)
}

// resultFacts is what the whole-file checks know of one results row: the row of the first results row
// of its file for its election (itself when isFirst), and how many members rows its file has for that
// election. check_results.sql finds them over the staged rows, checkHeld over a file held in memory.
type resultFacts struct {
	firstRow   int
	firstSheet string
	isFirst    bool
	members    int
}

// memberFacts is what the whole-file checks know of one members row: the row of the first row of its
// file for the same person (itself when isFirst), whether it is the first row of its file for its
// election, and the first results row of its file for that election (hasResult): its 选举日期, 有效票数
// and place. check_members.sql finds them over the staged rows, checkHeld over a file held in memory.
type memberFacts struct {
	firstRow                            int
	firstSheet                          string
	isFirst, firstOfElection, hasResult bool
	date                                *time.Time
	valid                               *int
	resultSheet                         string
	resultRow                           int
}

// checkWholeResult writes the whole-file problems of one results row (r: its sheet, row, election and
// 当选人数), given what is known of the rest of its file.
func (fp *fileParser) checkWholeResult(r *Result, f resultFacts) {
	sp := fp.sheetNamed(r.Sheet, r.Body)
	if !f.isFirst {
		sp.problem(Error, "duplicate_result", r.Row, fUnit, r.Unit,
			fmt.Sprintf("%s 的选举结果重复填写(%s)：每个村(社区)每年每类选举只填一行，请删除重复行",
				keyText(r.Key), twoRows(f.firstSheet, f.firstRow, r.Sheet, r.Row)))
		return
	}
	if fp.hasKind[MembersSheet] && r.Elected != nil && f.members != *r.Elected {
		sp.problem(Warning, "member_count_mismatch", r.Row, fElected, fmt.Sprint(*r.Elected),
			fmt.Sprintf("%s 的%s为 %d，但当选人员表中有 %d 人：请核对", keyText(r.Key), sp.label(fElected, r.Row), *r.Elected, f.members))
	}
}

// checkWholeMember writes the whole-file problems of one members row (m: its sheet, row, election, 姓名,
// 出生年月, 年龄, 身份证号 and 得票数; raw: 出生年月 and 年龄 as written), given what is known of the rest
// of its file.
func (fp *fileParser) checkWholeMember(m *Member, raw memberRaw, f memberFacts) {
	sp := fp.sheetNamed(m.Sheet, m.Body)
	raw.sheet = sp
	if !f.isFirst {
		sp.problem(Error, "duplicate_person", m.Row, fName, m.Name,
			fmt.Sprintf("%s 在 %s 中出现两次(%s)：同一人在同一年同一组织只填一行，请删除重复行",
				m.Name, keyText(m.Key), twoRows(f.firstSheet, f.firstRow, m.Sheet, m.Row)))
	}
	fp.checkAge(m, raw, f.date)
	if !fp.hasKind[ResultsSheet] {
		return
	}
	if !f.hasResult && f.firstOfElection && m.Year != 0 && m.Body != "" {
		sp.problem(Warning, "no_result_row", m.Row, fUnit, m.Unit,
			fmt.Sprintf("%s 有当选人员，但本文件的选举结果表中没有对应的行：请在选举结果表中补填", keyText(m.Key)))
	}
	// Nobody gets more votes than there are valid ballots in their election's results row (their own
	// ballot's, when the roster gives it, is checked row by row: checkMember).
	if f.hasResult && m.Votes != nil && m.ValidBallots == nil && f.valid != nil && *m.Votes > *f.valid {
		rs := fp.sheetNamed(f.resultSheet, m.Body)
		sp.problem(Error, "votes_gt_valid_ballots", m.Row, fVotes, fmt.Sprint(*m.Votes),
			fmt.Sprintf("%s 的%s为 %d，多于%s在“%s”表中的%s %d：得票数不能超过有效票数，请核对", m.Name, sp.label(fVotes, m.Row), *m.Votes,
				keyText(m.Key), rs.name, rs.label(fValidBallots, f.resultRow), *f.valid))
	}
}

func optionalTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

func optionalInt(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

// octoberAsNumber is a birth month as a number cell stores 1975.10: Excel keeps 1975.1, which reads as
// January.
var octoberAsNumber = regexp.MustCompile(`^\d{4}\.1$`)

// checkAge checks the age at the election date (electsum.Person.AgeAtElection) and that the person was
// born before the election. The election date is the results row's 选举日期, else the year's end.
// 出生年月 stored as 1975.1 (unless the 身份证号 said October) and an 年龄 more than a year off the
// 出生年月 are warnings.
func (fp *fileParser) checkAge(m *Member, raw memberRaw, electionDate *time.Time) {
	if m.Year == 0 {
		return
	}
	sp := raw.sheet
	var date time.Time
	if electionDate != nil {
		date = *electionDate
	}
	at := electsum.ElectionDate(m.Year, date)
	if m.Birth != nil && m.Birth.After(at) {
		value := raw.birth
		f := fBirth
		if value == "" { // the birth came from the 身份证号
			value, f = electsum.MaskID(m.IDNumber), fIDNumber
		}
		sp.problem(Error, "birth_after_election", m.Row, f, value,
			fmt.Sprintf("%s 的出生年月%s晚于选举日期 %s：请核对", m.Name, m.Birth.Format("2006年1月"), at.Format("2006年1月2日")))
		return
	}
	if m.Birth != nil && m.Birth.Month() == time.January && octoberAsNumber.MatchString(raw.birth) {
		sp.problem(Warning, "birth_month_ambiguous", m.Row, fBirth, raw.birth,
			fmt.Sprintf("%s 的出生年月“%s”可能是 %s0 被 Excel 当作数字保存后丢了末尾的 0，现按 %d 年 1 月计：请核对是 1 月还是 10 月，并把该列设为文本格式(如 %s0 或 %s-01)",
				m.Name, raw.birth, raw.birth, m.Birth.Year(), raw.birth, raw.birth[:4]))
	}
	if m.Birth != nil && m.Age != nil {
		fromBirth := at.Year() - m.Birth.Year()
		if at.Month() < m.Birth.Month() {
			fromBirth--
		}
		if d := fromBirth - *m.Age; d > 1 || d < -1 {
			sp.problem(Warning, "age_birth_mismatch", m.Row, fAge, raw.age,
				fmt.Sprintf("%s 的年龄 %d 岁与出生年月 %s 算出的 %d 岁相差超过 1 岁：请核对%s和%s", m.Name, *m.Age,
					m.Birth.Format("2006年1月"), fromBirth, sp.label(fAge, m.Row), sp.label(fBirth, m.Row)))
		}
	}
	// The age the figures use (electsum.Person.AgeAtElection): from the exact birthday when the
	// 身份证号 gives it, else from 出生年月, else as written.
	age, known := m.person(at).AgeAtElection()
	if !known {
		return
	}
	f, value := fAge, raw.age
	if birth, _ := electsum.ExactBirth(m.person(at).Birth, m.IDNumber); !birth.IsZero() {
		f, value = fBirth, raw.birth
		if value == "" || m.IDNumber != "" {
			f, value = fIDNumber, electsum.MaskID(m.IDNumber)
		}
	}
	if age < 18 || age > 90 {
		sp.problem(Error, "age_out_of_range", m.Row, f, value,
			fmt.Sprintf("%s 选举时的年龄为 %d 岁，不在 18—90 岁之间：请核对%s", m.Name, age, sp.label(f, m.Row)))
	}
}

// sheetNamed is the sheet of that name as the rows of body were read on it (sheetParser.forBody).
func (fp *fileParser) sheetNamed(name, body string) *sheetParser {
	for _, sp := range fp.sheets {
		if sp.name == name && sp.lay != nil {
			return sp.forBody(body)
		}
	}
	return fp.sheets[0]
}

// keyText names an election for messages: 城关镇石桥村 2024 年村民委员会.
func keyText(k Key) string {
	township := k.Township
	if strings.HasPrefix(k.Unit, township) {
		township = "" // 青石镇党代会, 东镇第一选区: the unit names its township already
	}
	return fmt.Sprintf(keyFormat, township, k.Unit, k.Year, k.Body)
}

// keyFormat is keyText's format: township (empty when the unit's name starts with it), unit, year, body
// (also printf's in store_between.sql, which leaves the township out alike).
const keyFormat = "%s%s %d 年%s"

// heldRows are the rows of one file kept in memory while it is read, when they are few (maxHeldRows),
// so that its whole-file checks need no SQL (checkHeld): each with its place in the file (seq) and,
// for members, whether it was staged as the first of its file for its election.
type heldRows struct {
	results   []Result
	resultSeq []int64
	members   []Member
	raw       []memberRaw
	memberSeq []int64
	first     []bool
}

// maxHeldRows is how many rows of a file the loader holds for checkHeld; a file with more is checked
// in SQL over its staged rows (checkStaged), so that memory does not grow with a file's rows. A
// township's workbook has a few hundred.
const maxHeldRows = 8 * streamBatch

// add holds a batch of the file's rows.
func (h *heldRows) add(results []Result, members []Member, raw []memberRaw, seq func(sheet string, row int) int64, first []bool) {
	h.results, h.members, h.raw, h.first = joined(h.results, results), joined(h.members, members), joined(h.raw, raw), joined(h.first, first)
	for i := range results {
		h.resultSeq = append(h.resultSeq, seq(results[i].Sheet, results[i].Row))
	}
	for i := range members {
		h.memberSeq = append(h.memberSeq, seq(members[i].Sheet, members[i].Row))
	}
}

// joined is held followed by batch: batch itself while nothing is held (the loader owns a batch's
// slices), so that a file read in one batch is held without a copy.
func joined[T any](held, batch []T) []T {
	if len(held) == 0 {
		return batch
	}
	return append(held, batch...)
}

func (h *heldRows) rows() int { return len(h.results) + len(h.members) }

// checkHeld runs the whole-file checks of a file whose rows are held in memory, as staged: it finds
// with maps what check_results.sql and check_members.sql find over the staged rows ("first" is the
// lowest seq), hands checkWholeResult and checkWholeMember exactly the columns those queries give, and
// so writes the same problems. TestHeldAndStagedChecksAgree holds the two to it.
func (fp *fileParser) checkHeld(h *heldRows) {
	// The first rows of a group: their place in the file, their row and their indexes in h. Two rows
	// share a place only in sheets of the same name (which a damaged workbook may have); the queries
	// then take both as first, and join a member to both results rows, and so does this.
	type first struct {
		seq   int64
		row   int
		sheet string
		i     []int
	}
	lowest := func(f *first, seq int64, row int, sheet string, i int) {
		switch {
		case f.i == nil || seq < f.seq:
			*f = first{seq, row, sheet, []int{i}}
		case seq == f.seq:
			f.i = append(f.i, i)
		}
	}
	results := make(map[Key]*first, len(h.results))
	for i := range h.results {
		r := &h.results[i]
		f := results[r.Key]
		if f == nil {
			f = &first{}
			results[r.Key] = f
		}
		lowest(f, h.resultSeq[i], r.Row, r.Sheet, i)
	}
	type personID struct {
		county, body, person string
		year                 int
	}
	persons := make(map[personID]*first, len(h.members))
	count := make(map[Key]int)
	for i := range h.members {
		m := &h.members[i]
		count[m.Key]++
		id := personID{m.County, m.Body, m.PersonKey, m.Year}
		f := persons[id]
		if f == nil {
			f = &first{}
			persons[id] = f
		}
		lowest(f, h.memberSeq[i], m.Row, m.Sheet, i)
	}
	for i := range h.results {
		r := &h.results[i]
		f := results[r.Key]
		fp.checkWholeResult(&Result{Key: r.Key, Pos: Pos{Sheet: r.Sheet, Row: r.Row}, Elected: r.Elected},
			resultFacts{firstRow: f.row, firstSheet: f.sheet, isFirst: h.resultSeq[i] == f.seq, members: count[r.Key]})
	}
	for i := range h.members {
		m := &h.members[i]
		p := persons[personID{m.County, m.Body, m.PersonKey, m.Year}]
		f := memberFacts{firstRow: p.row, firstSheet: p.sheet, isFirst: h.memberSeq[i] == p.seq, firstOfElection: h.first[i]}
		check := func(f memberFacts) {
			fp.checkWholeMember(&Member{Key: m.Key, Pos: Pos{Sheet: m.Sheet, Row: m.Row}, Name: m.Name, Birth: m.Birth,
				Age: m.Age, IDNumber: m.IDNumber, Votes: m.Votes, ValidBallots: m.ValidBallots}, memberRaw{birth: h.raw[i].birth, age: h.raw[i].age}, f)
		}
		r := results[m.Key]
		if r == nil {
			check(f)
			continue
		}
		for _, j := range r.i {
			res := &h.results[j]
			f.hasResult, f.date, f.valid, f.resultSheet, f.resultRow = true, res.Date, res.ValidBallots, res.Sheet, res.Row
			check(f)
		}
	}
}

// checkTurnout compares a 参选率 the row states with the one its 参加投票人数 and 登记选民数 give: a
// township's own arithmetic error is warned of, not refused — the rate is never stored, every figure
// is computed from the counts. A stated rate agrees when it is the computed one rounded as written
// (95.2% or 95.2 for 95.24%, 0.952 as a fraction), or, for a meeting with 批准剔除, the rate over 应到 less
// them; a cell that is not a number (无, —) is not compared.
func (sp *sheetParser) checkTurnout(r *Result, cells []string) {
	j := sp.lay.turnout
	if j < 0 || j >= len(cells) || r.Voted == nil || r.Registered == nil || *r.Registered == 0 {
		return
	}
	stated := clean(cells[j])
	rate, ok := parseRate(stated)
	if !ok {
		return
	}
	pct := float64(*r.Voted) * 100 / float64(*r.Registered)
	if rate.agrees(pct) {
		return
	}
	// A meeting's 到会率 is also written over those entitled to attend, 应到 less 批准剔除 (the 4/5
	// quorum's base): the sheet's arithmetic is right, whichever it used.
	if e := r.Excused; e != nil && *e > 0 && *r.Registered > *e && rate.agrees(float64(*r.Voted)*100/float64(*r.Registered-*e)) {
		return
	}
	shown, decimals := "“"+stated+"”", rate.decimals // decimals: the stated value's, in percent
	if !rate.percent && rate.value <= 1 {            // a fraction, as a percent-formatted cell shows it
		decimals = max(rate.decimals-2, 0)
		shown += "(即 " + strconv.FormatFloat(rate.value*100, 'f', min(decimals, 2), 64) + "%)"
	}
	computed := strconv.FormatFloat(pct, 'f', min(max(decimals, 2), 4), 64) + "%"
	row, cell := r.Row, cellRef(j, r.Row)
	sp.fp.add(Problem{Severity: Warning, Sheet: sp.name, Row: row, Column: sp.lay.turnoutH, Cell: cell, Value: stated, Rule: "turnout_mismatch",
		Message: fmt.Sprintf("%s(%s)填写为%s，但%s %d ÷ %s %d = %s，两者不符：请核对这三项；%s不导入填写的参选率，统计按算出的 %s",
			sp.lay.turnoutH, cell, shown, sp.label(fVoted, row), *r.Voted, sp.label(fRegistered, row), *r.Registered, computed, sp.fp.program(), computed)})
}
