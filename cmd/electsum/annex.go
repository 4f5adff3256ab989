package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"electsum"
	"electsum/analytics"
	"electsum/cmd/electsum/config"
	"electsum/ingest"
	"electsum/reports/annex"
)

// annexRequest is one annex to write, from the command line or from demo.
type annexRequest struct {
	db       string
	scope    analytics.Scope
	opts     analytics.Options
	unmasked bool
	format   string // xlsx or csv
	out      string
	force    bool // replace existing files (never the database or an ingested file)
	kind     electsum.Kind
}

func runAnnex(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "annex", "--year 年份 [--county 县 | --township 乡镇] [--compare 上届年份] [--format xlsx|csv] [-o 附件.xlsx]")
	db := fs.String("db", ingest.DefaultDB, "数据库文件")
	year := fs.Int("year", 0, "本届换届年份；不写则用数据库中最近的一届")
	county := fs.String("county", "", "只统计这个县(市、区)")
	township := fs.String("township", "", "只统计这个乡镇(街道)，表2按村列出")
	compare := fs.Int("compare", 0, "与哪一届对比；不写则用数据库中上一届")
	configPath := fs.String("config", "", "报告配置 report.toml：只用其中的年龄段、学历分组、舍入和参选率阈值")
	unmasked := fs.Bool("unmasked", false, "名册中的身份证号不打码(附件外发前请勿使用)")
	format := fs.String("format", "xlsx", "xlsx(一个工作簿) 或 csv(每张表一个 UTF-8 CSV 文件，放在 -o 指定的文件夹)")
	out := fs.String("o", "", "输出文件(xlsx) 或文件夹(csv)；默认 附件.xlsx 或 附件")
	force := fs.Bool("force", false, "输出文件已存在时覆盖 (数据库和已导入的表格永远不会被覆盖)")
	kind := fs.String("kind", "", "附件类别：lianwei 村(社区)“两委”换届、renda 县乡人大换届、dangdaihui 乡镇党代会换届、shequdangzuzhi 社区党组织换届；默认用数据中有的第一类(按此顺序，shequdangzuzhi 只在指定时用)")
	if err := parseOnlyFlags(fs, args, "输出位置用 -o 指定"); err != nil {
		return err
	}
	if *format != "xlsx" && *format != "csv" {
		return &usageError{message: fmt.Sprintf("--format %q 不支持", *format), hint: "用 --format xlsx 或 --format csv"}
	}
	if *out == "" {
		*out = map[string]string{"xlsx": "附件.xlsx", "csv": "附件"}[*format]
	}
	// Only the config's groupings and thresholds matter here; its prose is the report's business.
	_, opts, err := config.Load(*configPath)
	if err != nil {
		return err
	}
	k, err := parseKind(*kind)
	if err != nil {
		return err
	}
	req := annexRequest{
		kind:     k,
		db:       *db,
		scope:    analytics.Scope{County: *county, Township: *township, Year: *year, Compare: *compare},
		opts:     opts,
		unmasked: *unmasked,
		format:   *format,
		out:      *out,
		force:    *force,
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
// Every file goes through electsum.Output: never over the database or an ingested workbook, an existing
// file only with --force, whole or not at all.
func writeAnnex(ctx context.Context, req annexRequest) ([]string, error) {
	db, err := openData(ctx, req.db)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	req.opts.Unmasked = req.unmasked
	kinds, err := dataKinds(ctx, db, req.scope, req.kind)
	if err != nil {
		return nil, err
	}
	k := kinds[0]
	if req.format == "csv" && k != electsum.Lianwei {
		return nil, &usageError{message: k.Name() + "附件目前只能写成 Excel 工作簿", hint: "去掉 --format csv"}
	}
	m, err := analytics.SummarizeKind(ctx, db, k, req.scope, req.opts)
	if err != nil {
		return nil, err
	}
	opts := annex.Options{Unmasked: req.unmasked}
	output, err := outputFor(ctx, db, req.db, req.force)
	if err != nil {
		return nil, err
	}
	if req.format == "csv" {
		paths, err := annex.WriteCSV(output, req.out, m.(*analytics.Summary), opts)
		if err != nil {
			return paths, fmt.Errorf("写附件 CSV: %w", err)
		}
		return paths, nil
	}
	if err := output.Dir(filepath.Dir(req.out)); err != nil {
		return nil, err
	}
	if err := output.WriteFile(req.out, func(w io.Writer) error { return annex.WriteModel(w, m, opts) }); err != nil {
		return nil, fmt.Errorf("写附件: %w", err)
	}
	return []string{req.out}, nil
}

// demoAnnex writes the demo county's annex workbook of each kind of election: 村(社区)“两委”, 人大换届,
// 乡镇党代会 and 社区党组织.
func demoAnnex(ctx context.Context, e *env, d *demoContext) error {
	for _, k := range electsum.Kinds() {
		out := filepath.Join(d.OutDir, annex.FileTitle(k, d.County, d.Year)+".xlsx")
		_, err := writeAnnex(ctx, annexRequest{
			db:     d.DB,
			scope:  analytics.Scope{County: d.County, Year: d.Year, Compare: d.Compare},
			kind:   k,
			opts:   analytics.DefaultOptions(),
			format: "xlsx",
			out:    out,
			force:  true, // the demo folder is the demo's own
		})
		if err != nil {
			return err
		}
		d.Outputs = append(d.Outputs, k.Name()+"附件统计表 — "+out)
	}
	return nil
}
