package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The county of a row is decided by one rule, so that a township is never stored twice (once under its
// county, once under none) and the county draft never splits: the 县(市、区) cell; else --county; else the
// county the sheet's title or the file's or its folder's name names (the three applied by the parser);
// else the county the database, or another file of this run, holds for that township; else, when exactly
// one county is known at all, that one, with a notice; otherwise the file is refused with a request for
// --county. No row is stored with an empty county.

// resolveCounties fills the blank counties of the staged rows by that rule, once every file is staged,
// so that the outcome does not depend on the order files were read in.
func (l *loader) resolveCounties(ctx context.Context) error {
	if !l.blankCounty {
		return nil // blank_counties.sql finds only rows without a county
	}
	type blank struct {
		file            int
		township, sheet string
		row             int
		county          sql.NullString
		assumed         bool
		inDatabase      bool // the assumed county is the database's; else only other files of this run name it
		candidates      string
	}
	var blanks []blank
	err := eachRow(ctx, l.conn, sqlBlankCounties, nil, func(rows *sql.Rows) error {
		var b blank
		if err := rows.Scan(&b.file, &b.township, &b.sheet, &b.row, &b.county, &b.assumed, &b.inDatabase, &b.candidates); err != nil {
			return err
		}
		blanks = append(blanks, b)
		return nil
	})
	if err != nil {
		return fmt.Errorf("find blank counties: %w", err)
	}
	for _, b := range blanks {
		f := l.files[b.file]
		p := Problem{File: f.report.Path, Sheet: b.sheet, Row: b.row, Column: "县(市、区)", Value: b.township}
		if !b.county.Valid {
			p.Severity, p.Rule = Error, "county_unknown"
			p.Message = fmt.Sprintf("“%s”的行未填写县(市、区)，无法确定所属的县", b.township)
			if b.candidates != "" {
				p.Message += fmt.Sprintf("(已知的县有 %s)", b.candidates)
			}
			if l.opts.Page {
				p.Message += "：请在“县(市、区)”列填写县名，或在“数据导入”第二步的“归入的县名”填写县名后重新导入"
			} else {
				p.Message += "：请在“县(市、区)”列填写县名，或导入时指定县名(命令行 --county 县名；网页“数据导入”第二步的“归入的县名”)"
			}
			l.fail(b.file, p)
			continue
		}
		if err := l.execEach(ctx, sqlFillCounty, b.county.String, b.file, b.township); err != nil {
			return fmt.Errorf("fill county of %s: %w", f.report.Path, err)
		}
		for i, k := range f.keys {
			if k.County == "" && k.Township == b.township {
				f.keys[i].County = b.county.String
			}
		}
		if b.assumed {
			p.Severity, p.Rule = Notice, "county_assumed"
			source := "数据库中已有的数据"
			if !b.inDatabase {
				source = "本次导入的其他表格"
			}
			advice := fmt.Sprintf("或用同一文件加 --county 重新导入：electsum ingest --county 县名 %s", f.report.Path)
			if l.opts.Page {
				// As the page stores and lists it: 收到的表格/西镇.csv from a dropped folder or a zip.
				advice = fmt.Sprintf("或在“数据导入”第二步的“归入的县名”填写县名后重新上传同一文件(%s)，它会替换这次导入的数据", f.report.Path)
			}
			p.Message = fmt.Sprintf("“%s”的行未填写县(市、区)，已按“%[2]s”导入(%[3]s只涉及“%[2]s”这一个县)。"+
				"如果%[1]s不属于%[2]s，请在该列填写正确的县名，%[4]s",
				b.township, b.county.String, source, advice)
			f.problems = append(f.problems, p)
		}
	}
	return nil
}

// execEach runs the statements of a .sql file one at a time with the same arguments: the driver binds
// parameters to a single statement only.
func (l *loader) execEach(ctx context.Context, text string, args ...any) error {
	for _, stmt := range strings.SplitAfter(text, ";") {
		if onlyComments(stmt) {
			continue
		}
		if _, err := l.conn.ExecContext(ctx, stmt, args...); err != nil {
			return err
		}
	}
	return nil
}

func onlyComments(stmt string) bool {
	for _, line := range strings.Split(stmt, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "--") {
			return false
		}
	}
	return true
}
