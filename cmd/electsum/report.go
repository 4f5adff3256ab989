package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"electsum"
	"electsum/analytics"
	"electsum/cmd/electsum/config"
	"electsum/ingest"
	"electsum/reports"
	"electsum/reports/docx"
)

// reportFormats are the formats `electsum report --format` accepts, in any mix.
var reportFormats = []string{"md", "html", "docx", "json"}

// reportOptions is a parsed `electsum report` command line.
type reportOptions struct {
	db           string
	scope        analytics.Scope
	level        analytics.Level
	config       string
	templates    string
	formats      []string
	script       reports.Script
	allTownships bool
	kind         electsum.Kind // "": every kind the data holds
	out          string
	force        bool             // replace existing files (never the database or an ingested file)
	now          func() time.Time // nil: time.Now
}

func runReport(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "init" {
		return runReportInit(e, args[1:])
	}
	flags := newFlagSet(e, "report", "--year 2024 [--county X | --township X | --unit X] [--level unit|township|county] [--compare 2021] [--config report.toml] [--templates 目录] [--format md,html,docx,json] [--script hans|hant] [--all-townships] [--kind lianwei|renda|dangdaihui|shequdangzuzhi] [-o 目录]\n       electsum report init [-o report.toml]")
	var o reportOptions
	flags.StringVar(&o.db, "db", ingest.DefaultDB, "数据库文件")
	flags.IntVar(&o.scope.Year, "year", 0, "本届选举年份（必填）")
	flags.StringVar(&o.scope.County, "county", "", "县（市、区）名称")
	flags.StringVar(&o.scope.Township, "township", "", "乡镇（街道）名称：写该乡镇的总结")
	flags.StringVar(&o.scope.Unit, "unit", "", "村（社区）名称：写该村的总结")
	level := flags.String("level", "", "报告级别 unit、township 或 county；默认由范围决定")
	flags.IntVar(&o.scope.Compare, "compare", 0, "上届年份；默认取数据库中更早的最近一届")
	flags.StringVar(&o.config, "config", "", "报告配置文件 report.toml（electsum report init 可生成）")
	flags.StringVar(&o.templates, "templates", "", "自定义模板目录（electsum templates export 可导出内置模板）")
	format := flags.String("format", "md,html", "输出格式，逗号分隔：md、html、docx（Word，党政机关公文格式）、json")
	script := flags.String("script", "", "文字：hans 简体、hant 繁体；默认跟随数据")
	flags.BoolVar(&o.allTownships, "all-townships", false, "同时为每个乡镇（街道）各写一份总结")
	kind := flags.String("kind", "", "总结类别：lianwei 村(社区)“两委”换届、renda 县乡人大换届、dangdaihui 乡镇党代会换届、shequdangzuzhi 社区党组织换届；默认写数据中有的各类（shequdangzuzhi 只在指定时写，其选举也在两委总结中）")
	flags.StringVar(&o.out, "o", ".", "输出目录")
	flags.BoolVar(&o.force, "force", false, "输出文件已存在时覆盖 (数据库和已导入的表格永远不会被覆盖)")
	if err := parseOnlyFlags(flags, args, "范围用 --county、--township 或 --unit 指定"); err != nil {
		return err
	}
	if o.scope.Year == 0 {
		return &usageError{message: "缺少 --year", hint: "例如 electsum report --year 2024"}
	}
	switch analytics.Level(*level) {
	case "", analytics.LevelUnit, analytics.LevelTownship, analytics.LevelCounty:
		o.level = analytics.Level(*level)
	default:
		return &usageError{message: fmt.Sprintf("--level %q 无效", *level), hint: "可选 unit、township、county"}
	}
	var err error
	if o.kind, err = parseKind(*kind); err != nil {
		return err
	}
	if o.script, err = reports.ParseScript(*script); err != nil {
		return &usageError{message: err.Error(), hint: "可选 hans 或 hant"}
	}
	o.formats = splitList(*format)
	for _, f := range o.formats {
		if !slices.Contains(reportFormats, f) {
			return &usageError{message: fmt.Sprintf("--format %q 无效", f), hint: "可选 md、html、docx、json，逗号分隔"}
		}
	}
	if len(o.formats) == 0 {
		return &usageError{message: "--format 为空", hint: "可选 md、html、docx、json，逗号分隔"}
	}
	paths, err := writeReports(ctx, o)
	for _, p := range paths {
		fmt.Fprintln(e.stdout, p)
	}
	return err
}

// writeReports writes every report the options ask for and returns the paths written.
func writeReports(ctx context.Context, o reportOptions) ([]string, error) {
	file, opts, err := config.Load(o.config)
	if err != nil {
		return nil, err
	}
	cfg := file.Config
	r := reports.Builtin()
	if o.templates != "" {
		if r, err = reports.NewRenderer(os.DirFS(o.templates)); err != nil {
			return nil, fmt.Errorf("读取模板目录 %s: %w", o.templates, err)
		}
	}
	db, err := openData(ctx, o.db)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	opts.Now = o.now
	kinds, err := dataKinds(ctx, db, o.scope, o.kind)
	if err != nil {
		return nil, err
	}
	output, err := outputFor(ctx, db, o.db, o.force)
	if err != nil {
		return nil, err
	}
	if err := output.Dir(o.out); err != nil {
		return nil, err
	}
	var paths []string
	for _, k := range kinds {
		ps, err := writeDrafts(ctx, o, k, db, output, r, cfg, opts)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// draftModels are the models of kind k that one run drafts: the scope's; for the 两委 with no scope
// given, each county's of the database instead (when it names counties); with --all-townships each
// township's of those as well. The people's congress and party drafts are of a county or township,
// never of a unit.
func draftModels(ctx context.Context, o reportOptions, k electsum.Kind, db *sql.DB, opts analytics.Options) ([]analytics.Model, error) {
	if k != electsum.Lianwei && o.scope.Unit != "" {
		return nil, &usageError{message: k.Name() + "选举工作总结按县或乡镇(街道)起草，不按单位", hint: "去掉 --unit，或用 --township 写某个乡镇(街道)的总结"}
	}
	m, err := analytics.SummarizeKind(ctx, db, k, o.scope, opts)
	if err != nil {
		return nil, err
	}
	models := []analytics.Model{m}
	if s, ok := m.(*analytics.Summary); ok && o.scope.County == "" && o.scope.Township == "" && o.scope.Unit == "" && len(s.Counties) > 0 {
		models = nil
		for _, c := range s.Counties {
			sc := o.scope
			sc.County = c
			cm, err := analytics.SummarizeKind(ctx, db, k, sc, opts)
			if err != nil {
				return nil, err
			}
			models = append(models, cm)
		}
	}
	if !o.allTownships || o.scope.Township != "" || o.scope.Unit != "" {
		return models, nil
	}
	for _, m := range models {
		for _, t := range m.TownshipsHeld() {
			sc := o.scope
			sc.County, sc.Township = t.County, t.Township
			tm, err := analytics.SummarizeKind(ctx, db, k, sc, opts)
			if err != nil {
				return nil, err
			}
			models = append(models, tm)
		}
	}
	return models, nil
}

// writeDrafts writes the drafts of kind k (draftModels) in every format asked for.
func writeDrafts(ctx context.Context, o reportOptions, k electsum.Kind, db *sql.DB, output electsum.Output, r *reports.Renderer, cfg reports.Config, opts analytics.Options) ([]string, error) {
	models, err := draftModels(ctx, o, k, db, opts)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, m := range models {
		d, err := r.Draft(m, cfg)
		if err != nil {
			return paths, err
		}
		if v, ok := d.(*reports.View); ok && o.level != "" {
			v.Level = o.level // --level picks the 两委 draft's template
		}
		ps, err := writeDraft(o, output, d, r)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// writeDraft writes one draft d in every format of o, in o's script (else the draft's own), each
// file whole or not at all (electsum.Output).
func writeDraft(o reportOptions, output electsum.Output, d reports.Draft, r *reports.Renderer) ([]string, error) {
	script := o.script
	if script == "" {
		script = d.DataScript()
	}
	base, err := d.Convert(script, electsum.FileName(d.FileTitle()))
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range o.formats {
		var buf bytes.Buffer
		switch f {
		case "md":
			err = r.DraftMarkdown(&buf, d, script)
		case "html":
			err = r.DraftHTML(&buf, d, script)
		case "docx":
			err = docx.Write(&buf, r, d, script)
		case "json":
			err = reports.JSON(&buf, d)
		}
		if err != nil {
			return paths, fmt.Errorf("生成 %s.%s: %w", base, f, err)
		}
		p := filepath.Join(o.out, base+"."+f)
		if err := output.WriteFile(p, func(w io.Writer) error { _, err := buf.WriteTo(w); return err }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func runReportInit(e *env, args []string) error {
	flags := newFlagSet(e, "report init", "[-o report.toml]")
	out := flags.String("o", "report.toml", "写出的配置文件；- 表示标准输出")
	force := flags.Bool("force", false, "覆盖已有文件")
	if err := parseOnlyFlags(flags, args, "文件名用 -o 指定"); err != nil {
		return err
	}
	if *out == "-" {
		_, err := e.stdout.Write(config.Example())
		return err
	}
	example := func(w io.Writer) error { _, err := w.Write(config.Example()); return err }
	if err := (electsum.Output{Force: *force}).WriteFile(*out, example); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已写出报告配置 %s；修改后用 electsum report --config %s 使用\n", *out, *out)
	return nil
}

// demoReport writes the county's and one township's drafts (Markdown, HTML and Word) of each kind of
// election the demo data holds: the 村(社区)“两委”, the people's congress, the township party congress
// and the 社区党组织.
func demoReport(ctx context.Context, e *env, d *demoContext) error {
	out := filepath.Join(d.OutDir, "reports")
	for _, k := range electsum.Kinds() {
		for _, sc := range []analytics.Scope{
			{County: d.County, Year: d.Year, Compare: d.Compare},
			{County: d.County, Township: d.Township, Year: d.Year, Compare: d.Compare},
		} {
			paths, err := writeReports(ctx, reportOptions{db: d.DB, scope: sc, kind: k, formats: []string{"md", "html", "docx"}, out: out, force: true})
			var none *analytics.NoDataError
			if k.PartOf() != "" && sc.Township != "" && errors.As(err, &none) {
				continue // a township without 社区: its 社区党组织 draft is the county's only
			}
			if err != nil {
				return err
			}
			what := "全县" + k.Name() + "工作总结"
			if sc.Township != "" {
				what = sc.Township + k.Name() + "工作总结"
			}
			for _, p := range paths {
				d.Outputs = append(d.Outputs, what+" — "+p)
			}
		}
	}
	return nil
}
