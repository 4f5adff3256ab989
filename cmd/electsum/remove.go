package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"electsum"
	"electsum/analytics"
	"electsum/ingest"
)

func runRemove(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "remove", "[--db electsum.duckdb] (--township 乡镇 --year 年份 [--body 选举类型] | --file 文件名) [--county 县名] [--dry-run] [--yes]")
	dbPath := fs.String("db", ingest.DefaultDB, "数据库文件")
	county := fs.String("county", "", "县名(乡镇名在几个县重复时必须给出)")
	township := fs.String("township", "", "乡镇(街道)名称，与 --year 一起给出")
	year := fs.Int("year", 0, "选举年份")
	bodyText := fs.String("body", "", "只删除这一类选举，如 村民委员会、村党组织(默认：全部)")
	file := fs.String("file", "", "删除这个文件导入的全部数据(文件名，或 ingest_log 中的路径)；可与 --township、--year、--body 一起缩小范围")
	yes := fs.Bool("yes", false, "不询问，直接删除(用于脚本)")
	dryRun := fs.Bool("dry-run", false, "只显示将删除什么，不删除")
	if err := parseOnlyFlags(fs, args, "用 --township、--year、--body 或 --file 指明要删除的数据"); err != nil {
		return err
	}
	sel := ingest.Selection{County: strings.TrimSpace(*county), Township: strings.TrimSpace(*township), Year: *year, File: strings.TrimSpace(*file)}
	if *bodyText != "" {
		b, ok := ingest.ParseBody(*bodyText)
		if !ok {
			var names []string
			for _, b := range electsum.Bodies() {
				names = append(names, string(b))
			}
			return &usageError{message: fmt.Sprintf("--body %q 不是已知的选举类型", *bodyText), hint: "可选: " + strings.Join(names, "、")}
		}
		sel.Body = b
	}
	if sel.File == "" && (sel.Township == "" || sel.Year == 0) {
		return &usageError{message: "没有指明要删除哪些数据",
			hint: "electsum remove --township 东山镇 --year 2024 [--body 村民委员会]，或 electsum remove --file 东山镇.xlsx"}
	}
	if *year != 0 && (*year < 1949 || *year > 2100) {
		return &usageError{message: fmt.Sprintf("--year %d 不是选举年份", *year), hint: "写四位年份，如 --year 2024"}
	}
	if _, err := os.Stat(*dbPath); errors.Is(err, os.ErrNotExist) {
		return &noDataError{path: *dbPath, missing: true}
	}
	db, err := ingest.Open(ctx, *dbPath)
	if err != nil {
		return lockHint(err, *dbPath)
	}
	defer db.Close()

	confirm := func(r *ingest.Removal) (bool, error) {
		printRemoval(e.stdout, *dbPath, r)
		switch {
		case *dryRun:
			return false, nil
		case *yes:
			return true, nil
		case !e.canAsk:
			return false, &usageError{message: "标准输入不是终端，无法确认删除；没有删除任何数据",
				hint: "核对上面的清单后，加 --yes 再运行"}
		}
		fmt.Fprint(e.stderr, "确认删除以上数据？此操作不能撤销 (y/N): ")
		// Ctrl-C at the prompt must not wait for Enter.
		answered := make(chan string, 1)
		go func() {
			answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
			answered <- answer
		}()
		var answer string
		select {
		case answer = <-answered:
		case <-ctx.Done():
			fmt.Fprintln(e.stderr)
			return false, ctx.Err()
		}
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "y", "yes", "是":
			return true, nil
		}
		return false, nil
	}
	r, err := ingest.Remove(ctx, db, sel, ingest.RemoveOptions{Confirm: confirm, Install: analytics.InstallTx,
		Command: "electsum remove " + strings.Join(args, " ")})
	switch {
	case errors.Is(err, ingest.ErrRemoveDeclined):
		if *dryRun {
			fmt.Fprintln(e.stdout, "(--dry-run：没有删除任何数据)")
		} else {
			fmt.Fprintln(e.stdout, "已取消，没有删除任何数据")
		}
		return nil
	case errors.Is(err, context.Canceled):
		return &interruptedError{state: "没有删除任何数据，数据库未改动", err: err}
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "已删除：选举结果 %d 行、当选人员 %d 行%s、数据提示 %d 条(已记入 ingest_log)\n", r.Results(), r.Members(),
		registrationText(r.Registrations()), r.Warnings)
	return nil
}

// printRemoval shows what a removal takes away: per body, per unit and per file, in Chinese.
func printRemoval(w io.Writer, dbPath string, r *ingest.Removal) {
	fmt.Fprintf(w, "将从 %s 删除 %s 的数据：\n", dbPath, r.Selection)
	units := map[[3]string]bool{}
	type bodyCount struct{ units, results, members int }
	byBody := map[string]*bodyCount{}
	for _, e := range r.Elections {
		units[[3]string{e.County, e.Township, e.Unit}] = true
		c := byBody[e.Body]
		if c == nil {
			c = &bodyCount{}
			byBody[e.Body] = c
		}
		c.units++
		c.members += e.Members
		if e.Result {
			c.results++
		}
	}
	fmt.Fprintf(w, "  共 %d 个村(社区)：选举结果 %d 行、当选人员 %d 人%s、数据提示 %d 条\n", len(units), r.Results(), r.Members(),
		registrationText(r.Registrations()), r.Warnings)
	fmt.Fprintln(w, "  按选举类型：")
	for _, b := range sortedBodies(byBody) {
		c := byBody[b]
		fmt.Fprintf(w, "    %s：%d 个村(社区)，选举结果 %d 行，当选人员 %d 人\n", b, c.units, c.results, c.members)
	}
	fmt.Fprintln(w, "  按村(社区)：")
	for i := 0; i < len(r.Elections); {
		e := r.Elections[i]
		var parts []string
		for ; i < len(r.Elections) && r.Elections[i].Year == e.Year && r.Elections[i].County == e.County &&
			r.Elections[i].Township == e.Township && r.Elections[i].Unit == e.Unit; i++ {
			x := r.Elections[i]
			part := fmt.Sprintf("%s %d 人", x.Body, x.Members)
			if x.Registration && !x.Result && x.Members == 0 {
				part = x.Body + " 选举结果中由选民登记表填写的各项(选举结果行保留)"
			} else if !x.Result {
				part += "(无选举结果行)"
			} else if x.Members == 0 {
				part = x.Body + " 仅选举结果"
			}
			parts = append(parts, part)
		}
		fmt.Fprintf(w, "    %d年 %s %s %s：%s\n", e.Year, e.County, e.Township, e.Unit, strings.Join(parts, "、"))
	}
	fmt.Fprintln(w, "  来自文件：")
	for _, f := range r.Files {
		note := ""
		if f.Whole {
			note = "(该文件导入的数据全部删除)"
		}
		fmt.Fprintf(w, "    %s：选举结果 %d 行、当选人员 %d 行%s%s\n", f.Path, f.Results, f.Members, registrationText(f.Registrations), note)
	}
	if len(r.GoneUnits) > 0 {
		fmt.Fprintf(w, "  删除后不再有任何数据的村(社区)：%s\n", strings.Join(r.GoneUnits, "、"))
	}
}

// registrationText is the 选民登记 rows a removal takes away, when it takes any: 、选民登记 3 行.
func registrationText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("、选民登记 %d 行", n)
}

func sortedBodies[V any](m map[string]V) []string {
	var out []string
	for _, b := range electsum.Bodies() {
		if _, ok := m[string(b)]; ok {
			out = append(out, string(b))
		}
	}
	known := len(out)
	for b := range m {
		if electsum.Body(b).Rank() >= len(electsum.Bodies()) {
			out = append(out, b)
		}
	}
	slices.Sort(out[known:])
	return out
}

// lockHint explains DuckDB's lock error: one process may write a database file at a time, and the
// error names the holder.
func lockHint(err error, dbPath string) error {
	if strings.Contains(err.Error(), "lock") {
		return &hintedError{err: err, hint: "另一个程序(另一个 electsum、electsum serve、DuckDB 命令行或 Python)正在使用 " + dbPath + "，关闭它后重试"}
	}
	return err
}
