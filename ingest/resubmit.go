package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
)

// A corrected file sent again must not leave the rows of its first version behind (a village renamed,
// an election dropped). A file of this run supersedes an earlier file — all of whose rows are deleted
// before its own are written — when it has the same file name and covers one of the same townships (of
// the same county) in one of the same years (a resubmission), when LoadOptions.Replaces names the
// earlier file, or when it is the earlier file itself, loaded again from the same path (other content,
// or another --county or --year). The same name alone is not enough: every township may send a 选举结果.csv, one
// township sends one per term, and two counties may each have a township of that name.

// findSuperseded fills each loaded file's supersedes list and the stage_superseded table.
func (l *loader) findSuperseded(ctx context.Context) error {
	earlier := map[string]map[place]bool{} // source_file → its counties, townships and years
	content := map[string]string{}         // source_file → the sha256 it was last loaded with
	err := eachRow(ctx, l.conn, sqlLoadedFiles, nil, func(rows *sql.Rows) error {
		var src, sum string
		var p place
		if err := rows.Scan(&src, &p.county, &p.township, &p.year, &sum); err != nil {
			return err
		}
		if earlier[src] == nil {
			earlier[src] = map[place]bool{}
		}
		earlier[src][p] = true
		content[src] = sum
		return nil
	})
	if err != nil {
		return fmt.Errorf("read loaded files: %w", err)
	}
	if _, err := l.conn.ExecContext(ctx, "DELETE FROM stage_superseded"); err != nil {
		return fmt.Errorf("stage superseded files: %w", err)
	}
	sources := slices.Sorted(maps.Keys(earlier))
	for _, r := range l.opts.Replaces {
		if !slices.ContainsFunc(sources, func(src string) bool { return r == src || r == filepath.Base(src) }) {
			return &NothingToReplaceError{Name: r}
		}
	}
	for id, f := range l.files {
		f.report.Supersedes = nil
		if f.report.Outcome != Loaded || !f.staged {
			continue
		}
		name := filepath.Base(f.report.Path)
		for _, src := range sources {
			match := slices.ContainsFunc(l.opts.Replaces, func(r string) bool { return r == src || r == filepath.Base(src) })
			if !match && sameFileName(src, name) {
				// The same file: the same path, or the same content under the same name (an upload again).
				samePath := src == f.report.Path || content[src] != "" && content[src] == f.report.SHA256
				for _, k := range slices.Concat(f.keys, f.regKeys) {
					// The same content loaded again with --year corrects the year it was given before
					// (other content under the same path may be the next term's sheet: it keeps the last).
					year := k.Year
					if l.opts.Year != 0 && content[src] == f.report.SHA256 {
						year = anyYear
					}
					if earlier[src][place{k.County, k.Township, k.Year}] || samePath && inTownship(earlier[src], k.Township, year) {
						match = true
						break
					}
				}
			}
			if !match {
				continue
			}
			f.report.Supersedes = append(f.report.Supersedes, src)
			if _, err := l.conn.ExecContext(ctx, "INSERT INTO stage_superseded VALUES (?, ?)", id, src); err != nil {
				return fmt.Errorf("stage superseded files: %w", err)
			}
		}
	}
	return nil
}

// place is where and when a file's rows are: a county's township in a year.
type place struct {
	county, township string
	year             int
}

// anyYear asks inTownship for the township in any year.
const anyYear = -1

// inTownship says whether places hold the township in the year (or anyYear), under any county: the same
// file loaded again from its path with another --county (or --year) replaces what it loaded under the
// county (year) given before.
func inTownship(places map[place]bool, township string, year int) bool {
	for p := range places {
		if p.township == township && (p.year == year || year == anyYear) {
			return true
		}
	}
	return false
}

// NothingToReplaceError means LoadOptions.Replaces names a file that loaded no rows now in the
// database; nothing is written, as the name is most likely mistyped.
type NothingToReplaceError struct{ Name string }

func (e *NothingToReplaceError) Error() string {
	return fmt.Sprintf("数据库中没有由文件 %s 导入的数据，无法替换；本次没有写入任何数据", e.Name)
}

// Hint says how to find the right name.
func (e *NothingToReplaceError) Hint() string {
	return "用 electsum query \"SELECT DISTINCT source_file FROM elections UNION SELECT DISTINCT source_file FROM members ORDER BY 1\" 查看已导入的文件名"
}
