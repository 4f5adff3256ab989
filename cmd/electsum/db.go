package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"electsum/ingest"
)

// openData opens the database of a reading command (query, report, annex) read-only, and refuses,
// in one line that says what to do, a database that does not exist or holds no data yet: a failed
// first ingest, or a DuckDB file of something else, must not read as a county with 0 villages.
//
// report and annex only summarize: DuckDB runs their queries with one thread (summaryLimits).
func openData(ctx context.Context, path string) (*sql.DB, error) {
	return openDataWithin(ctx, path, summaryLimits)
}

// summaryLimits are the limits of the commands that only summarize (report, annex): one DuckDB
// thread. analytics.Summarize runs many small queries, in two lanes on two connections at once; a
// second DuckDB thread inside each query costs about a third more CPU and gains nothing on a few
// thousand rows, while the lanes use the second core (README "Performance of the model and the
// page"). threads is a setting of the whole database, so it is set only here, where the process is
// the command's alone; electsum query and serve keep DuckDB's default for the analysts' queries.
var summaryLimits = ingest.Limits{Threads: 1}

// openDataWithin is openData with DuckDB's memory and temporary disk space bounded (electsum query).
func openDataWithin(ctx context.Context, path string, limits ingest.Limits) (*sql.DB, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, &noDataError{path: path, missing: true}
	}
	db, err := ingest.OpenReadOnlyWithin(ctx, path, limits)
	if err != nil {
		return nil, err
	}
	has, err := ingest.HasData(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	if !has {
		db.Close()
		return nil, &noDataError{path: path}
	}
	if err := ingest.CheckSchema(ctx, db, path); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// noDataError is a database that does not exist or holds no data: one line, with the next step.
type noDataError struct {
	path    string
	missing bool
}

func (e *noDataError) Error() string {
	what := "中还没有数据"
	if e.missing {
		what = "不存在"
	}
	return fmt.Sprintf("数据库 %s %s：先运行 electsum ingest 收到的表格/ 导入乡镇报来的表格(或 electsum demo 生成示例数据)，或用 --db 指定数据库文件", e.path, what)
}
