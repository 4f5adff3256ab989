package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"electsum"
)

var (
	sqlRemoveSelect   = mustSQL("remove_select.sql")
	sqlRemoveDetail   = mustSQL("remove_detail.sql")
	sqlRemoveSummary  = mustSQL("remove_summary.sql")
	sqlRemove         = mustSQL("remove.sql")
	sqlRemoveLog      = mustSQL("remove_log.sql")
	sqlRemoveDrop     = mustSQL("remove_drop.sql")
	sqlRemoveCounties = mustSQL("remove_counties.sql")
)

// Selection names loaded data to remove on purpose (electsum remove). Empty fields match anything;
// Remove requires File, or Township and Year.
type Selection struct {
	County   string
	Township string
	Year     int
	Body     electsum.Body
	// File is a source file as loaded (the path ingest_log shows) or its file name.
	File string
}

// String is the selection as the user reads it: 东山镇(临安区) 2024年 村民委员会 文件 东山镇.xlsx.
func (s Selection) String() string {
	var parts []string
	switch {
	case s.Township != "" && s.County != "":
		parts = append(parts, s.Township+"("+s.County+")")
	case s.Township != "":
		parts = append(parts, s.Township)
	case s.County != "":
		parts = append(parts, s.County)
	}
	if s.Year != 0 {
		parts = append(parts, fmt.Sprintf("%d年", s.Year))
	}
	if s.Body != "" {
		parts = append(parts, string(s.Body))
	}
	if s.File != "" {
		parts = append(parts, "文件 "+s.File)
	}
	return strings.Join(parts, " ")
}

// ParseBody reads a 选举类型 as a township writes it (村委会, 村党支部, either script) as its canonical Body.
func ParseBody(s string) (electsum.Body, bool) {
	v, ok := parseEnum("body", strings.TrimSpace(s))
	return electsum.Body(v), ok
}

// Removal is what a removal takes away: the preview shown before it is confirmed, and the record of
// what went once it is done.
type Removal struct {
	Selection Selection `json:"-"`
	// Elections lists each election touched: whether its results row goes and how many members go.
	Elections []RemovedElection `json:"elections"`
	// Files lists the files the removed rows were loaded from.
	Files []RemovedFile `json:"files"`
	// Warnings counts the data_warnings that go with the rows.
	Warnings int `json:"warnings"`
	// GoneUnits are the units left without any row afterwards, as 乡镇 村: they leave the units table.
	GoneUnits []string `json:"gone_units"`
	// Done is true once the removal is committed.
	Done bool `json:"done"`
	// registrationCounties are the counties of the 选民登记 rows that go (keyCounties).
	registrationCounties []string
}

// RemovedElection is one election (unit, year, body) a removal touches.
type RemovedElection struct {
	Key
	Result  bool `json:"result"`  // its 选举结果 row goes
	Members int  `json:"members"` // 当选人员 rows that go
	// Registration: its results row stays but gives back the figures a removed 选民登记 row gave it.
	Registration bool `json:"registration,omitempty"`
}

// RemovedFile is how many rows of one loaded file go; Whole when nothing of the file stays.
type RemovedFile struct {
	Path          string `json:"path"`
	Results       int    `json:"result_rows"`
	Members       int    `json:"member_rows"`
	Registrations int    `json:"registration_rows,omitempty"` // 选民登记 rows
	Whole         bool   `json:"whole"`
}

// Results counts the 选举结果 rows that go.
func (r *Removal) Results() int {
	n := 0
	for _, e := range r.Elections {
		if e.Result {
			n++
		}
	}
	return n
}

// Members counts the 当选人员 rows that go.
func (r *Removal) Members() int {
	n := 0
	for _, e := range r.Elections {
		n += e.Members
	}
	return n
}

// Registrations counts the 选民登记 rows that go.
func (r *Removal) Registrations() int {
	n := 0
	for _, f := range r.Files {
		n += f.Registrations
	}
	return n
}

// Empty says the selection matched nothing.
func (r *Removal) Empty() bool { return len(r.Elections) == 0 && len(r.Files) == 0 }

// RemoveOptions tune one removal.
type RemoveOptions struct {
	// Confirm is shown the preview inside the transaction and decides whether the removal goes ahead;
	// nil removes without asking.
	Confirm func(*Removal) (bool, error)
	// Now is the clock for ingest_log.ingested_at (nil: time.Now).
	Now func() time.Time
	// Command is recorded in ingest_log.message with the counts (for example the command line).
	Command string
	// Install, when set, runs inside the removal's transaction after the rows are deleted, as for Load.
	Install func(ctx context.Context, tx *sql.Tx) error
}

// ErrRemoveDeclined means Confirm said no: nothing was removed.
var ErrRemoveDeclined = errors.New("已取消，没有删除任何数据")

// Remove deletes on purpose the loaded rows that sel names — the 选举结果, 当选人员 and 选民登记 rows (the
// results rows that stay giving back the figures a removed 选民登记 row gave them), the warnings about
// them, and units left without any row — and records in ingest_log, per file that lost
// rows, what went and when, all in one transaction: an error, a refusal by opts.Confirm or a crash leaves
// the database as it was. The previous term is data like any other: removing a year is allowed. It
// returns the Removal (also the preview when nothing was removed), and a *NothingToRemoveError when sel
// matches no row, an *AmbiguousTownshipError when the township exists in several counties and
// sel.County is empty, or ErrRemoveDeclined.
func Remove(ctx context.Context, db *sql.DB, sel Selection, opts RemoveOptions) (*Removal, error) {
	if sel.File == "" && (sel.Township == "" || sel.Year == 0) {
		return nil, errors.New("remove: a file, or a township and a year, must be given")
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	defer func() {
		conn.ExecContext(context.Background(), sqlRemoveDrop)
		conn.Close()
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	defer tx.Rollback()
	// 青山鎮 names the township stored as 青山镇 (script.go).
	sp, err := readSpellings(ctx, tx)
	if err != nil {
		return nil, err
	}
	sel.County, sel.Township = sp.spell(sel.County), sp.spell(sel.Township)
	if _, err := tx.ExecContext(ctx, sqlRegisters); err != nil {
		return nil, fmt.Errorf("choose rows to remove: %w", err)
	}
	r, err := previewRemoval(ctx, tx, sel)
	if err != nil {
		return nil, err
	}
	if r.Empty() {
		return r, nothingToRemove(ctx, tx, sel)
	}
	if sel.County == "" && sel.Township != "" {
		if counties := keyCounties(r); len(counties) > 1 {
			return r, &AmbiguousTownshipError{Township: sel.Township, Counties: counties}
		}
	}
	if opts.Confirm != nil {
		ok, err := opts.Confirm(r)
		if err != nil {
			return r, err
		}
		if !ok {
			return r, ErrRemoveDeclined
		}
	}
	if _, err := tx.ExecContext(ctx, sqlRemove+sqlRegistrationUnfill+sqlUnitBodies+sqlUnits+sqlUnitsUpdate+sqlEmptyUnits); err != nil {
		return r, fmt.Errorf("remove rows: %w", err)
	}
	message := fmt.Sprintf("删除 %s：选举结果 %d 行、当选人员 %d 行", sel, r.Results(), r.Members())
	if n := r.Registrations(); n > 0 {
		message += fmt.Sprintf("、选民登记 %d 行", n)
	}
	if opts.Command != "" {
		message += "(" + opts.Command + ")"
	}
	if _, err := tx.ExecContext(ctx, sqlRemoveLog, opts.Now(), message); err != nil {
		return r, fmt.Errorf("write ingest_log: %w", err)
	}
	if opts.Install != nil {
		if err := opts.Install(ctx, tx); err != nil {
			return r, err
		}
	}
	if err := tx.Commit(); err != nil {
		return r, fmt.Errorf("commit: %w", err)
	}
	r.Done = true
	return r, nil
}

// previewRemoval chooses the rows (remove_select.sql) and reads what they are.
func previewRemoval(ctx context.Context, tx *sql.Tx, sel Selection) (*Removal, error) {
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var year any
	if sel.Year != 0 {
		year = sel.Year
	}
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE remove_selection AS
		SELECT ?::VARCHAR AS county, ?::VARCHAR AS township, ?::INTEGER AS year, ?::VARCHAR AS body, ?::VARCHAR AS file`,
		null(sel.County), null(sel.Township), year, null(string(sel.Body)), null(sel.File)); err != nil {
		return nil, fmt.Errorf("choose rows to remove: %w", err)
	}
	if _, err := tx.ExecContext(ctx, sqlRemoveSelect); err != nil {
		return nil, fmt.Errorf("choose rows to remove: %w", err)
	}
	r := &Removal{Selection: sel}
	err := eachRow(ctx, tx, sqlRemoveDetail, nil, func(rows *sql.Rows) error {
		var e RemovedElection
		if err := rows.Scan(&e.County, &e.Township, &e.Unit, &e.Year, &e.Body, &e.Result, &e.Members, &e.Registration); err != nil {
			return err
		}
		r.Elections = append(r.Elections, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("preview removal: %w", err)
	}
	err = eachRow(ctx, tx, sqlRemoveSummary, nil, func(rows *sql.Rows) error {
		var what string
		var name sql.NullString
		var results, members, registrations int
		var whole bool
		if err := rows.Scan(&what, &name, &results, &members, &registrations, &whole); err != nil {
			return err
		}
		switch what {
		case "file":
			r.Files = append(r.Files, RemovedFile{Path: name.String, Results: results, Members: members, Registrations: registrations, Whole: whole})
		case "warnings":
			r.Warnings = results
		case "unit":
			parts := strings.SplitN(name.String, "|", 3)
			r.GoneUnits = append(r.GoneUnits, parts[1]+" "+parts[2])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("preview removal: %w", err)
	}
	if r.registrationCounties, err = column[string](ctx, tx, sqlRemoveCounties); err != nil {
		return nil, fmt.Errorf("preview removal: %w", err)
	}
	return r, nil
}

// keyCounties are the counties of the rows a removal takes: of its elections and its 选民登记 rows (a
// township whose 选民登记 waits for its results has no election yet).
func keyCounties(r *Removal) []string {
	out := slices.Clone(r.registrationCounties)
	for _, e := range r.Elections {
		out = append(out, e.County)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// NothingToRemoveError means the selection matched no loaded row; Known says what the database holds
// instead, to help correct a mistyped name or year.
type NothingToRemoveError struct {
	Selection Selection
	Known     string
}

func (e *NothingToRemoveError) Error() string {
	return fmt.Sprintf("数据库中没有 %s 的数据，没有删除任何数据", e.Selection)
}

// Hint says what the database holds.
func (e *NothingToRemoveError) Hint() string { return e.Known }

// nothingToRemove builds the NothingToRemoveError, with what the database holds near the selection.
func nothingToRemove(ctx context.Context, tx *sql.Tx, sel Selection) error {
	e := &NothingToRemoveError{Selection: sel}
	var q, label string
	var arg any
	switch {
	case sel.File != "":
		q, label = `SELECT DISTINCT regexp_extract(source_file, '[^/\\]*$') FROM elections UNION SELECT DISTINCT regexp_extract(source_file, '[^/\\]*$') FROM members
			UNION SELECT DISTINCT regexp_extract(source_file, '[^/\\]*$') FROM registrations ORDER BY 1`, "已导入的文件: "
	case sel.Township != "":
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE township = ?`, sel.Township).Scan(&n); err != nil {
			return fmt.Errorf("preview removal: %w", err)
		}
		if n > 0 {
			q, label, arg = `SELECT year::VARCHAR || '年(' || string_agg(DISTINCT body, '、' ORDER BY body) || ')'
				FROM (SELECT year, body FROM elections WHERE township = $1 UNION SELECT year, body FROM members WHERE township = $1)
				GROUP BY year ORDER BY year`, sel.Township+" 已有: ", sel.Township
		} else {
			q, label = `SELECT DISTINCT township FROM units ORDER BY 1`, "数据库中的乡镇: "
		}
	}
	var args []any
	if arg != nil {
		args = append(args, arg)
	}
	names, err := column[string](ctx, tx, q, args...)
	if err != nil {
		return fmt.Errorf("preview removal: %w", err)
	}
	switch {
	case len(names) == 0:
		e.Known = "数据库中还没有任何数据：先用 electsum ingest 导入乡镇报来的表格"
	case len(names) > 20:
		e.Known = label + strings.Join(names[:20], "、") + fmt.Sprintf(" 等 %d 项", len(names))
	default:
		e.Known = label + strings.Join(names, "、")
	}
	return e
}

// AmbiguousTownshipError means a township name exists in several counties and no county was given.
type AmbiguousTownshipError struct {
	Township string
	Counties []string
}

func (e *AmbiguousTownshipError) Error() string {
	return fmt.Sprintf("%s 在 %d 个县都有：%s；没有删除任何数据", e.Township, len(e.Counties), strings.Join(e.Counties, "、"))
}

// Hint says how to choose.
func (e *AmbiguousTownshipError) Hint() string {
	return fmt.Sprintf("加 --county 指明是哪个县的，例如 --county %s", e.Counties[0])
}
