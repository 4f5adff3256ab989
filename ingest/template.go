package ingest

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// GuideSheet is the name of the template's instructions sheet. It has no header row of the input
// columns, so the reader never mistakes it for data.
const GuideSheet = "填表说明"

// guideNames are what an instructions sheet is called: the template's own GuideSheet and the names
// clerks give theirs. Such a sheet is skipped without a notice when it has no data header (one that
// does have one is read as usual, whatever its name).
var guideSheetNames = []string{GuideSheet, "说明", "填写说明", "填报说明", "使用说明", "表格说明", "表样说明", "填表须知", "填报须知", "注意事项", "instructions", "readme"}

var guideNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range guideSheetNames {
		m[fold(n, true)] = true
	}
	return m
}()

// isGuideSheet says whether a sheet name is an instructions sheet's, in either script and as copies
// are named: 填表說明, 填表说明 (2), 填表说明2, 说明.
func isGuideSheet(name string) bool {
	k := strings.TrimRight(fold(stripBracketed(name), true), "0123456789")
	return k != "" && guideNames[k]
}

// templateRows is how far down the dropdowns and text formats of the blank template reach.
const templateRows = 5000

// examples are the sample values shown in 填表说明, one per column key.
var examples = map[string]string{
	"county": "临安区", "township": "青山镇", "unit": "红星村", "year": "2024", "term": "第十届",
	"body": "村民委员会", "method": "有候选人", "registered": "1860", "voted": "1702", "proxy_votes": "35",
	"mobile_votes": "48", "valid_ballots": "1695", "invalid_ballots": "7", "seats": "5", "candidates": "6",
	"elected": "5", "election_date": "2024-03-15", "first_round": "是", "name": "张晓梅", "position": "主任",
	"gender": "女", "birth": "1982.05", "age": "41", "ethnicity": "汉族", "party": "中共党员",
	"education": "大学专科", "reelected": "是", "id_number": "(可不填)", "wealth_leader": "否",
	"graduate_official": "否", "category": "农民", "votes": "1580",
	"constituency_no": "3", "population": "3120", "adults": "2480", "away_home": "96", "away_workplace": "40",
	"away_missing": "12", "incapable": "3", "suspended": "0", "deprived": "1", "registered_women": "1190",
	"registered_minority": "15", "registered_migrant": "60", "nominated_by_parties": "1",
	"nominated_by_voters": "2", "in_person_votes": "2150", "round": "一次选足",
}

// Format describes in Chinese what a column accepts, for 填表说明.
func (c Column) Format() string {
	switch c.Kind {
	case KindInt:
		return "非负整数"
	case KindEnum:
		s := strings.Join(c.Values, "、")
		if c.Open {
			s += "(也可填其他)"
		}
		return s
	case KindBool:
		return "是、否(也可写 Y/N、1/0、√/×)"
	case KindDate:
		return "日期，如 2024-03-15、2024/3/15、2024年3月15日"
	case KindBirth:
		return "年月，如 1975.03、1975-03、1975/3、197503、1975年3月，或完整日期"
	case KindYear:
		return "四位年份，如 2024"
	case KindTerm:
		return "数字或“第十届”"
	case KindIDNumber:
		return "18 位，末位可为 X；须与出生年月、性别一致"
	}
	return "文字"
}

// WriteTemplate writes the blank input workbook townships fill in: the results and members sheets
// with their headers (required ones in red), a frozen header row, column widths, dropdowns on every
// enum and yes/no column, text format where Excel would mangle values (身份证号, 出生年月), and the
// 填表说明 sheet, all generated from resultColumns and memberColumns.
func WriteTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", string(ResultsSheet)); err != nil {
		return err
	}
	if _, err := f.NewSheet(string(MembersSheet)); err != nil {
		return err
	}
	if _, err := f.NewSheet(GuideSheet); err != nil {
		return err
	}
	st, err := newTemplateStyles(f)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		sheet SheetKind
		cols  []Column
	}{{ResultsSheet, resultColumns}, {MembersSheet, memberColumns}} {
		if err := writeInputSheet(f, st, string(s.sheet), s.cols); err != nil {
			return fmt.Errorf("sheet %s: %w", s.sheet, err)
		}
	}
	if err := writeGuide(f, st); err != nil {
		return fmt.Errorf("sheet %s: %w", GuideSheet, err)
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

type templateStyles struct {
	header, required, text, title, wrap int
}

func newTemplateStyles(f *excelize.File) (*templateStyles, error) {
	var st templateStyles
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	text := "@"
	for _, s := range []struct {
		dst   *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill, Border: border, Alignment: center}},
		{&st.required, excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: fill, Border: border, Alignment: center}},
		{&st.text, excelize.Style{CustomNumFmt: &text}},
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return &st, nil
}

func writeInputSheet(f *excelize.File, st *templateStyles, sheet string, cols []Column) error {
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		cell := col + "1"
		if err := f.SetCellStr(sheet, cell, c.Header); err != nil {
			return err
		}
		style := st.header
		if c.Required {
			style = st.required
		}
		if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, max(c.Width, 6)); err != nil {
			return err
		}
		if c.Kind == KindIDNumber || c.Kind == KindBirth {
			// Excel turns 18 digits into 1.10101E+17 and 1975.10 into 1975.1 unless the cell is text.
			if err := f.SetCellStyle(sheet, col+"2", fmt.Sprintf("%s%d", col, templateRows), st.text); err != nil {
				return err
			}
		}
		if err := addValidation(f, sheet, col, c); err != nil {
			return fmt.Errorf("column %s: %w", c.Header, err)
		}
	}
	if err := f.SetRowHeight(sheet, 1, 30); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// addValidation puts a dropdown on enum and yes/no columns and a whole-number check on counts. Only
// an Open enum (职务, 选举方式) lets other values through (with a warning), because its list is not
// exhaustive.
func addValidation(f *excelize.File, sheet, col string, c Column) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows))
	switch c.Kind {
	case KindEnum, KindBool:
		values := c.Values
		if c.Kind == KindBool {
			values = []string{"是", "否"}
		}
		if err := dv.SetDropList(values); err != nil {
			return err
		}
		if c.Open {
			dv.SetError(excelize.DataValidationErrorStyleWarning, c.Header, "不在常用值列表中，确认无误可继续")
		} else {
			dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请从下拉列表中选择："+strings.Join(values, "、"))
		}
	case KindInt:
		if err := dv.SetRange(0, 100000000, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请填写不小于 0 的整数")
	case KindYear:
		if err := dv.SetRange(1949, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "请填写四位年份，如 2024")
	default:
		return nil
	}
	dv.SetInput(c.Header, c.Meaning)
	return f.AddDataValidation(sheet, dv)
}

func writeGuide(f *excelize.File, st *templateStyles) error {
	s := GuideSheet
	lines := []string{
		"换届选举数据采集表 填表说明",
		"1. 本工作簿有“选举结果”和“当选人员”两张表：选举结果每个村(社区)每个组织每次选举填一行；当选人员每名当选人每个组织填一行。",
		"2. 红色列名为必填列。第一行是表头，数据从第二行填起；列的顺序可以调整，列名也可用下表“也可写作”中的写法，表格上方可以加标题行。",
		"3. 有下拉列表的列请从列表中选择。身份证号、出生年月两列已设为文本格式，请勿改为数字。",
		"4. 同一人同时当选村党组织和村民委员会成员的，在当选人员表中分别各填一行。",
		"5. 合计、小计行可以保留，导入时会核对其数字，但不作为数据。",
		"6. 出生年月与年龄至少填一项；填写身份证号的，须与出生年月、性别一致。同一文件可以包含多个乡镇、多个年份。",
		"7. 人大代表选举和村(居)民委员会选举的选民登记(总人口、18周岁以上人口、登记选民数及其中女性等)也可另用一张“选民登记”表填写：每个选区(村、社区)一行，填乡镇、选区(村、社区)、年份和选民登记各列，不填参加投票人数、应选、当选等列；可与选举结果表放在同一工作簿，也可单独报送，先报后报都可以。导入时并入选举结果表同一选区的行(不填选举类型的，县级和乡级两行都并入)，此时选举结果表可以不填登记选民数(先报选举结果表的，须在同一次导入中附上选民登记表，或此前已导入)；两张表都填的数字须一致。选民登记表改正后重新报送的，按新表并入。",
	}
	for i, l := range lines {
		if err := f.SetCellStr(s, fmt.Sprintf("A%d", i+1), l); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(s, "A1", "A1", st.title); err != nil {
		return err
	}
	header := []any{"工作表", "列名", "是否必填", "含义", "允许的值/格式", "示例", "也可写作"}
	row := len(lines) + 2
	if err := f.SetSheetRow(s, fmt.Sprintf("A%d", row), &header); err != nil {
		return err
	}
	if err := f.SetCellStyle(s, fmt.Sprintf("A%d", row), fmt.Sprintf("G%d", row), st.header); err != nil {
		return err
	}
	first := row + 1
	for _, sh := range []struct {
		sheet SheetKind
		cols  []Column
	}{{ResultsSheet, resultColumns}, {MembersSheet, memberColumns}} {
		for _, c := range sh.cols {
			row++
			required := "否"
			if c.Required {
				required = "是"
			}
			values := []any{string(sh.sheet), c.Header, required, c.Meaning, c.Format(), examples[c.Key], strings.Join(c.Aliases, "、")}
			if err := f.SetSheetRow(s, fmt.Sprintf("A%d", row), &values); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(s, fmt.Sprintf("A%d", first), fmt.Sprintf("G%d", row), st.wrap); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 10, "B": 14, "C": 9, "D": 40, "E": 40, "F": 12, "G": 36} {
		if err := f.SetColWidth(s, col, col, w); err != nil {
			return err
		}
	}
	return nil
}
