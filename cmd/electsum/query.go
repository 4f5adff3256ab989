package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"electsum/analytics/query"
	"electsum/ingest"
)

const queryUsage = `[--db 文件] [--format 格式] [-o 文件] [--timeout 时长] ("SQL 语句" | -e "SQL 语句" | -f 文件.sql | 查询名 [--param 名=值 …] | --list)

对数据库运行一条只读 SQL 语句 (SELECT、WITH、FROM、DESCRIBE、SHOW、SUMMARIZE、EXPLAIN), 或运行保存的分析。
数据库以只读方式打开, 不能访问其他文件, 也不能加载扩展; 写入、COPY、ATTACH、SET 等语句会被拒绝。
导出由 electsum 完成: 用 --format 和 -o 指定格式和文件。

限制 (防止一条查询占满机器):
  --timeout       时间限制, 默认 60s; 超时即停止 (如 --timeout 10m; 0 表示不限)
  --memory-limit  DuckDB 可用的内存, 默认 ` + defaultQueryMemory + `; 超过时先写入临时文件夹 (数据库旁的 .tmp)
  --temp-limit    临时文件夹的上限, 默认 ` + defaultQueryTemp + `
结果边读边写, 导出任意行数都不会占满内存; 表格格式 (table) 最多显示 1000 行, 并给出总行数。

个人信息: 结果中的身份证号默认打码 (如 3301**********1234), 无论列名、别名或拼接的文本;
  --unmasked      显示完整的身份证号 (有意为之时才用, 导出的文件请妥善保管)

输出格式:
  table    按显示宽度对齐的文本表格 (默认); NULL 显示为 NULL, 数字右对齐
  csv      UTF-8; 写入文件时带 BOM (方便 Excel 打开), 输出到终端或管道时不带
  json     对象数组, 数字保持类型, 日期为字符串, NULL 为 null
  xlsx     Excel 工作簿, 表头冻结
  parquet  Parquet 文件 (pandas、polars、R 可直接读取)
  arrow    Arrow IPC 文件 (Feather v2)
xlsx、parquet、arrow 需要 -o, 除非标准输出不是终端 (如重定向到文件)。
不给 --format 时按 -o 文件的扩展名判断。

以 -- 注释开头的 SQL 照样当作语句, 不会被当作参数; 也可以写在 -e 后面或 -- 之后:
  electsum query -- "-- 各乡镇村数
SELECT township, count(*) FROM units GROUP BY ALL"

例:
  electsum query "SELECT township, count(*) FROM units GROUP BY ALL ORDER BY 1"
  electsum query -f 分析.sql --format xlsx -o 结果.xlsx
  electsum query --list
  electsum query low-turnout --param year=2024 --param threshold=85`

// paramFlag collects repeated --param name=value.
type paramFlag map[string]string

func (p paramFlag) String() string {
	parts := make([]string, 0, len(p))
	for k, v := range p {
		parts = append(parts, k+"="+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func (p paramFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("参数应写成 名=值, 如 year=2024, 而不是 %q", s)
	}
	p[strings.TrimSpace(name)] = value
	return nil
}

// savedName is what a saved analysis' name looks like, as opposed to SQL text.
var savedName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)

func runQuery(ctx context.Context, e *env, args []string) (err error) {
	fs := newFlagSet(e, "query", queryUsage)
	dbPath := fs.String("db", ingest.DefaultDB, "数据库文件")
	file := fs.String("f", "", "从文件读取 SQL (- 表示标准输入)")
	expr := fs.String("e", "", "要运行的 SQL 语句 (与直接写语句相同; 语句以 - 开头时也不会被当作参数)")
	formatName := fs.String("format", "", "输出格式: table, csv, json, xlsx, parquet, arrow (默认 table, 或按 -o 的扩展名)")
	out := fs.String("o", "", "输出文件 (默认标准输出)")
	force := fs.Bool("force", false, "-o 的文件已存在时覆盖 (数据库和已导入的表格永远不会被覆盖)")
	list := fs.Bool("list", false, "列出保存的分析: 名称、说明、参数")
	timeout := fs.Duration("timeout", defaultQueryTimeout, "时间限制, 超时即停止 (如 90s、10m; 0 表示不限)")
	memory := fs.String("memory-limit", defaultQueryMemory, "DuckDB 可用的内存上限 (如 1GB、512MB)")
	temp := fs.String("temp-limit", defaultQueryTemp, "临时文件夹的上限 (如 20GB)")
	unmasked := fs.Bool("unmasked", false, "显示完整的身份证号 (默认打码)")
	params := paramFlag{}
	fs.Var(params, "param", "保存的分析的参数, 名=值, 可重复")
	positional, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *list {
		if len(positional) > 0 || *file != "" || *expr != "" {
			return &usageError{message: "--list 不能与查询同时使用", hint: "先运行 electsum query --list, 再运行其中的一个查询"}
		}
		return listSaved(e.stdout)
	}

	if *expr != "" {
		if *file != "" || len(positional) > 0 {
			return &usageError{message: "-e 的语句之外还给了 -f 文件或其他语句, 只能给一个", hint: "运行 electsum query -h 查看用法"}
		}
		positional = []string{*expr}
	}
	var saved *query.Saved
	var text string
	switch {
	case *file != "" && len(positional) > 0:
		return &usageError{message: "同时给了 -f 文件和 SQL 语句, 只能给一个", hint: "运行 electsum query -h 查看用法"}
	case *file != "":
		b, err := readQueryFile(e, *file)
		if err != nil {
			return err
		}
		text = string(b)
	case len(positional) == 1:
		text = positional[0]
		if savedName.MatchString(strings.TrimSpace(text)) {
			s, ok := query.FindSaved(strings.TrimSpace(text))
			if !ok {
				return &usageError{message: fmt.Sprintf("没有名为 %s 的保存的分析", strings.TrimSpace(text)), hint: "运行 electsum query --list 查看全部保存的分析"}
			}
			saved = &s
		}
	case len(positional) > 1:
		return &usageError{message: fmt.Sprintf("给了 %d 个参数, 只能给一条 SQL 语句或一个查询名", len(positional)),
			hint: "把整条 SQL 语句放在引号里: electsum query \"SELECT …\""}
	default:
		return &usageError{message: "没有给出要运行的查询", hint: "electsum query \"SELECT …\", electsum query -f 文件.sql, 或 electsum query --list 查看保存的分析"}
	}
	if saved == nil && len(params) > 0 {
		return &usageError{message: "--param 只用于保存的分析", hint: "运行 electsum query --list 查看保存的分析及其参数"}
	}

	format, err := chooseFormat(*formatName, *out)
	if err != nil {
		return err
	}
	if format.Binary() && *out == "" && isTerminal(e.stdout) {
		return &usageError{message: fmt.Sprintf("%s 是二进制格式, 不能输出到终端", format),
			hint: fmt.Sprintf("用 -o 指定文件, 如 -o 结果.%s", format)}
	}

	if *timeout < 0 {
		return &usageError{message: fmt.Sprintf("--timeout %s 不能为负数", *timeout), hint: "如 --timeout 90s 或 --timeout 10m; 0 表示不限"}
	}
	if err := checkLimits(*memory, *temp); err != nil {
		return err
	}

	db, err := openDataWithin(ctx, *dbPath, ingest.Limits{Memory: *memory, TempDisk: *temp})
	if err != nil {
		return err
	}
	defer db.Close()
	// The writers read the rows as DuckDB gives them, so the file is written within the time limit too.
	if *timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
		// The time left when the query starts is less than the limit on a busy machine: name the limit.
		defer func() {
			var te *query.TimeoutError
			if errors.As(err, &te) {
				te.Limit = *timeout
			}
		}()
	}

	var rows *query.Rows
	if saved != nil {
		rows, err = saved.Open(ctx, db, params)
		var pe *query.ParamError
		if errors.As(err, &pe) {
			return &usageError{message: pe.Error(), hint: pe.Hint()}
		}
	} else {
		rows, err = query.Open(ctx, db, text)
	}
	if err != nil {
		return err
	}
	defer rows.Close()
	if *unmasked {
		rows.Unmask()
		fmt.Fprintln(e.stderr, "注意: --unmasked, 身份证号未打码; 结果含个人信息, 请勿外发")
	}
	opts := query.WriteOptions{TextRows: query.TextRows}
	if *out == "" {
		opts.Terminal = isTerminal(e.stdout)
		return query.Write(e.stdout, rows, format, opts)
	}
	output, err := outputFor(ctx, db, *dbPath, *force)
	if err != nil {
		return err
	}
	opts.BOM = true
	if err := output.WriteFile(*out, func(w io.Writer) error {
		return query.Write(w, rows, format, opts)
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "已写出 %d 行 %d 列到 %s\n", rows.Read(), len(rows.Columns()), *out)
	return nil
}

// The limits of one query; README "Safety" states them.
const (
	defaultQueryTimeout = 60 * time.Second
	defaultQueryMemory  = "2GB"
	defaultQueryTemp    = "10GB"
)

// checkLimits refuses a --memory-limit or --temp-limit that is not a size as DuckDB reads it.
func checkLimits(memory, temp string) error {
	for _, l := range []struct{ flag, value string }{{"--memory-limit", memory}, {"--temp-limit", temp}} {
		if _, err := ingest.ParseSize(l.value); err != nil {
			return &usageError{message: fmt.Sprintf("%s %q 不是大小", l.flag, l.value), hint: "写成数字加单位, 如 512MB、2GB"}
		}
	}
	return nil
}

func readQueryFile(e *env, path string) ([]byte, error) {
	var b []byte
	var err error
	name := path
	if path == "-" {
		name = "标准输入"
		if b, err = io.ReadAll(e.stdin); err != nil {
			return nil, fmt.Errorf("读取标准输入: %w", err)
		}
	} else if b, err = os.ReadFile(path); err != nil {
		return nil, &usageError{message: fmt.Sprintf("读取 SQL 文件 %s: %v", path, err), hint: "检查 -f 后面的文件路径"}
	}
	b = sqlText(b)
	// Said here with the file's name; query.Open would refuse the text too.
	var te *query.TextError
	if err := query.CheckText("SQL 文件 "+name, string(b)); errors.As(err, &te) {
		return nil, &usageError{message: te.Error(), hint: te.Hint()}
	}
	return b, nil
}

// sqlText reads a .sql file as saved by Notepad on Chinese Windows: UTF-8 with a byte-order mark,
// UTF-16 with a byte-order mark ("Unicode"), or GBK/GB18030 when the bytes are not UTF-8.
func sqlText(b []byte) []byte {
	if bytes.HasPrefix(b, []byte("\xFF\xFE")) || bytes.HasPrefix(b, []byte("\xFE\xFF")) {
		if u, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b); err == nil {
			return u
		}
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return b
	}
	if u, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
		return u
	}
	return b
}

// chooseFormat takes --format, else the extension of -o, else table.
func chooseFormat(name, out string) (query.Format, error) {
	if name != "" {
		f, err := query.ParseFormat(name)
		if err != nil {
			return "", &usageError{message: err.Error(), hint: "运行 electsum query -h 查看输出格式"}
		}
		return f, nil
	}
	if out != "" {
		if f, ok := query.FormatFromPath(out); ok {
			return f, nil
		}
		return "", &usageError{message: fmt.Sprintf("无法从文件名 %s 判断输出格式", out), hint: "用 --format 指定: table, csv, json, xlsx, parquet, arrow"}
	}
	return query.FormatTable, nil
}

// isTerminal says whether stdin or stdout (v) is a terminal rather than a file or a pipe.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// listSaved prints each saved analysis: name and description, then its parameters.
func listSaved(w io.Writer) error {
	fmt.Fprintln(w, "保存的分析 (electsum query 名称 [--param 名=值 …]):")
	for _, s := range query.SavedQueries() {
		fmt.Fprintf(w, "\n  %s\n      %s\n", s.Name, s.Description)
		for _, p := range s.Params {
			fmt.Fprintf(w, "      --param %s=<%s>  %s\n", p.Name, p.Type, p.Doc)
		}
	}
	return nil
}

// demoQueries runs every saved analysis on the demo database and writes each result as CSV, so that
// the demo shows what analysts get without writing SQL.
func demoQueries(ctx context.Context, e *env, d *demoContext) error {
	db, err := ingest.OpenReadOnly(ctx, d.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	// The demo folder is the demo's own: a new run replaces its files.
	output, err := outputFor(ctx, db, d.DB, true)
	if err != nil {
		return err
	}
	dir := filepath.Join(d.OutDir, "查询")
	if err := output.Dir(dir); err != nil {
		return err
	}
	for _, s := range query.SavedQueries() {
		t, err := s.Run(ctx, db, map[string]string{})
		if err != nil {
			return err
		}
		path := filepath.Join(dir, s.Name+".csv")
		if err := output.WriteFile(path, func(w io.Writer) error { return query.CSV(w, t.Reader(), true) }); err != nil {
			return err
		}
	}
	d.Outputs = append(d.Outputs, fmt.Sprintf("保存的分析结果 (CSV) — %s", dir))
	return nil
}
