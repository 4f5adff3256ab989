package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/reports/annex"
)

func init() {
	register(&command{
		name:    "annex",
		summary: "生成附件统计表(Excel 工作簿，或 CSV)",
		run:     runAnnex,
	})
	registerDemoStep(demoStep{order: 20, name: "附件", run: demoAnnex})
}

// annexRequest is one annex to write, from the command line or from demo.
type annexRequest struct {
	db       string
	scope    analytics.Scope
	opts     analytics.Options
	unmasked bool
	format   string // xlsx or csv
	out      string
}

func runAnnex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "annex", "--year 年份 [--county 县 | --township 乡镇] [--compare 上届年份] [--format xlsx|csv] [-o 附件.xlsx]")
	db := fs.String("db", ingest.DefaultDB, "数据库文件")
	year := fs.Int("year", 0, "本届换届年份；不写则用数据库中最近的一届")
	county := fs.String("county", "", "只统计这个县(市、区)")
	township := fs.String("township", "", "只统计这个乡镇(街道)，表2按村列出")
	compare := fs.Int("compare", 0, "与哪一届对比；不写则用数据库中上一届")
	config := fs.String("config", "", "报告配置 report.toml：只用其中的年龄段、学历分组、舍入和参选率阈值")
	unmasked := fs.Bool("unmasked", false, "名册中的身份证号不打码(附件外发前请勿使用)")
	format := fs.String("format", "xlsx", "xlsx(一个工作簿) 或 csv(每张表一个 UTF-8 CSV 文件，放在 -o 指定的文件夹)")
	out := fs.String("o", "", "输出文件(xlsx) 或文件夹(csv)；默认 附件.xlsx 或 附件")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{message: "annex 不接受位置参数: " + strings.Join(rest, " "), hint: "输出位置用 -o 指定"}
	}
	if *format != "xlsx" && *format != "csv" {
		return &usageError{message: fmt.Sprintf("--format %q 不支持", *format), hint: "用 --format xlsx 或 --format csv"}
	}
	if *out == "" {
		*out = map[string]string{"xlsx": "附件.xlsx", "csv": "附件"}[*format]
	}
	// Only the config's groupings and thresholds matter here; its prose is the report's business.
	cfg, err := loadReportConfig(*config)
	if err != nil {
		return err
	}
	opts := cfg.Options()
	req := annexRequest{
		db:       *db,
		scope:    analytics.Scope{County: *county, Township: *township, Year: *year, Compare: *compare},
		opts:     opts,
		unmasked: *unmasked,
		format:   *format,
		out:      *out,
	}
	paths, err := writeAnnex(ctx, req)
	if err != nil {
		return err
	}
	if *unmasked {
		fmt.Fprintln(e.stderr, "注意: 名册中的身份证号未打码，请勿外发")
	}
	if req.format == "csv" {
		fmt.Fprintf(e.stdout, "已写入 %d 个 CSV 文件到 %s\n", len(paths), req.out)
		return nil
	}
	fmt.Fprintf(e.stdout, "已写入附件 %s\n", req.out)
	return nil
}

// writeAnnex computes the summary of req.scope and writes its annex, returning the files written.
// A workbook is written to a temporary file next to the target and renamed into place, so that an
// interrupted run never leaves a half-written 附件.xlsx over a good one.
func writeAnnex(ctx context.Context, req annexRequest) ([]string, error) {
	db, err := openData(ctx, req.db)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	req.opts.Unmasked = req.unmasked
	s, err := analytics.Summarize(ctx, db, req.scope, req.opts)
	if err != nil {
		return nil, err
	}
	opts := annex.Options{Unmasked: req.unmasked}
	if req.format == "csv" {
		paths, err := annex.WriteCSV(req.out, s, opts)
		if err != nil {
			return nil, fmt.Errorf("写附件 CSV: %w", err)
		}
		return paths, nil
	}
	dir := filepath.Dir(req.out)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("创建文件夹 %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".附件-*.xlsx")
	if err != nil {
		return nil, fmt.Errorf("写附件 %s: %w", req.out, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if err := annex.Write(tmp, s, opts); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("写附件 %s: %w", req.out, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("写附件 %s: %w", req.out, err)
	}
	if err := os.Rename(tmp.Name(), req.out); err != nil {
		return nil, fmt.Errorf("写附件 %s: %w", req.out, err)
	}
	return []string{req.out}, nil
}

// demoAnnex writes the demo county's annex.
func demoAnnex(ctx context.Context, e *env, d *demoContext) error {
	out := filepath.Join(d.OutDir, fmt.Sprintf("%s%d年换届选举附件.xlsx", d.County, d.Year))
	_, err := writeAnnex(ctx, annexRequest{
		db:     d.DB,
		scope:  analytics.Scope{County: d.County, Year: d.Year, Compare: d.Compare},
		opts:   analytics.DefaultOptions(),
		format: "xlsx",
		out:    out,
	})
	if err != nil {
		return err
	}
	d.Outputs = append(d.Outputs, "附件统计表 — "+out)
	return nil
}
