package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// demoMarker marks a folder as made by demo, so that a later demo may clear it without risk of
// deleting anything a user put there.
const demoMarker = ".electsum-demo"

func runDemo(ctx context.Context, e *env, args []string) error {
	flags := newFlagSet(e, "demo", "[--out 目录] [--seed 数字]")
	out := flags.String("out", "demo-out", "输出目录：示例工作簿、数据库、总结和附件都写在这里")
	seed := flags.Int64("seed", synth.County().Seed, "随机种子；种子相同，生成的数据完全相同")
	if err := parseOnlyFlags(flags, args, "输出目录用 --out 指定"); err != nil {
		return err
	}
	if err := prepareDemoDir(*out); err != nil {
		return err
	}

	cfg := synth.County()
	cfg.Seed = *seed
	world := synth.Generate(cfg)
	synth.GenerateCongress(world)
	synth.GeneratePartyCongress(world)
	n := world.Counts()
	dataDir := filepath.Join(*out, "data")
	paths, shapes, err := synth.WriteSubmissions(world, dataDir)
	if err != nil {
		return fmt.Errorf("写示例文件: %w", err)
	}
	years := make([]string, len(cfg.Years))
	for i, y := range cfg.Years {
		years[i] = fmt.Sprint(y)
	}
	fmt.Fprintf(e.stdout, "已生成示例数据(种子 %d)：%s，%d 个乡镇(街道)，%d 个村(社区)，%s 年两届换届\n",
		*seed, strings.Join(world.Counties, "、"), n.Townships, n.Units, strings.Join(years, "、"))
	fmt.Fprintf(e.stdout, "  同两届的县乡两级人大代表选举：%d 个选区\n", n.Constituencies)
	fmt.Fprintf(e.stdout, "  同两届的乡镇党代会：%d 个乡镇，选举乡镇党委、纪委和出席上级党代会代表\n", len(world.PartyCongress))
	fmt.Fprintf(e.stdout, "  文件 %d 个，像乡镇实际报送的那样：村(社区)“两委”换届 %d 个乡镇各交一个工作簿、%d 个乡镇各交两个 GBK 编码的 CSV(选举结果、当选人员各一个)，人大换届、党代会换届每个乡镇各一个工作簿，均含两届；%d 个乡镇在表格下方写了注、填表人等说明，%d 个乡镇未填县(市、区)：%s\n",
		len(paths), shapes.Workbooks, shapes.CSV, shapes.Notes, shapes.Blank, dataDir)

	dbPath := filepath.Join(*out, ingest.DefaultDB)
	db, err := ingest.Open(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("创建示例数据库: %w", err)
	}
	bar := newProgress(e.stderr)
	rep, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{Progress: bar.update, Install: analytics.InstallTx})
	bar.done()
	if err != nil {
		db.Close()
		var pe *ingest.ProblemsError
		if errors.As(err, &pe) {
			for _, p := range pe.Problems {
				fmt.Fprintln(e.stderr, ingest.FormatProblem(p))
			}
		}
		// The generator promises files that load cleanly; anything else is a bug to report.
		return fmt.Errorf("导入示例数据失败(这是 electsum 的缺陷，请报告): %w", err)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("关闭示例数据库 %s: %w", dbPath, err)
	}
	fmt.Fprintf(e.stdout, "已导入数据库 %s：\n", dbPath)
	for _, line := range strings.Split(strings.TrimSpace(rep.Summary()), "\n") {
		fmt.Fprintf(e.stdout, "  %s\n", line)
	}

	d := &demoContext{
		OutDir:   *out,
		DB:       dbPath,
		County:   world.Counties[0],
		Township: demoTownship(world),
		Year:     cfg.Years[len(cfg.Years)-1],
		Compare:  cfg.Years[len(cfg.Years)-2],
	}
	for _, s := range demoSteps() {
		if err := s.run(ctx, e, d); err != nil {
			return fmt.Errorf("示例步骤“%s”: %w", s.name, err)
		}
	}
	if len(d.Outputs) > 0 {
		fmt.Fprintln(e.stdout, "生成的文件：")
		for _, o := range d.Outputs {
			fmt.Fprintf(e.stdout, "  %s\n", o)
		}
	}

	fmt.Fprintln(e.stdout, "接下来可以试试：")
	for _, c := range demoNextCommands(d, dataDir) {
		fmt.Fprintf(e.stdout, "  %s\n", c)
	}
	return nil
}

// demoTownship is the township whose own outputs demo shows: the first 镇, the commonest kind, written in
// Simplified script.
func demoTownship(w *synth.World) string {
	for _, t := range w.Townships {
		if strings.HasSuffix(t.Name, "镇") && !t.Traditional() {
			return t.Name
		}
	}
	return w.Townships[0].Name
}

// demoNextCommands are the commands printed at the end of demo, each one that works on the demo's
// files as printed. Only commands this binary has are shown.
func demoNextCommands(d *demoContext, dataDir string) []string {
	db := quoteArg(d.DB)
	candidates := []struct{ command, line string }{
		{"query", fmt.Sprintf("electsum query --db %s low-turnout --param year=%d   # 参选率偏低的村", db, d.Year)},
		{"report", fmt.Sprintf("electsum report --db %s --year %d --compare %d -o %s   # 全县工作总结初稿", db, d.Year, d.Compare, quoteArg(filepath.Join(d.OutDir, "我的总结")))},
		{"report", fmt.Sprintf("electsum report --db %s --year %d --township %s -o %s   # 一个乡镇的总结", db, d.Year, quoteArg(d.Township), quoteArg(filepath.Join(d.OutDir, "我的总结")))},
		{"report", fmt.Sprintf("electsum report --db %s --year %d --kind renda --format docx -o %s   # 只写人大换届选举工作总结(Word)", db, d.Year, quoteArg(filepath.Join(d.OutDir, "我的总结")))},
		{"report", fmt.Sprintf("electsum report --db %s --year %d --kind dangdaihui -o %s   # 只写乡镇党代会换届选举工作总结", db, d.Year, quoteArg(filepath.Join(d.OutDir, "我的总结")))},
		{"report", fmt.Sprintf("electsum report --db %s --year %d --kind shequdangzuzhi -o %s   # 只写社区党组织换届选举工作总结", db, d.Year, quoteArg(filepath.Join(d.OutDir, "我的总结")))},
		{"annex", fmt.Sprintf("electsum annex --db %s --year %d -o %s   # 附件统计表", db, d.Year, quoteArg(filepath.Join(d.OutDir, "附件.xlsx")))},
		{"ingest", fmt.Sprintf("electsum ingest --db %s %s   # 再次导入：内容未变的文件不会重复写入", db, quoteArg(dataDir))},
		{"template", "electsum template -o 采集表.xlsx   # 发给乡镇填写的空白采集表"},
	}
	var out []string
	for _, c := range candidates {
		if _, ok := lookup(c.command); ok && len(out) < 5 {
			out = append(out, c.line)
		}
	}
	return out
}

// quoteArg quotes a path for the shell when it needs it.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t'\"$&;|<>()*?") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// prepareDemoDir makes dir ready for a fresh demo: it creates it, or, when an earlier demo made it,
// removes that demo's data and database so that the new run is not mixed with the old one. A folder
// demo did not make is used only if it has no data folder and no database.
func prepareDemoDir(dir string) error {
	dataDir := filepath.Join(dir, "data")
	dbPath := filepath.Join(dir, ingest.DefaultDB)
	_, err := os.Stat(filepath.Join(dir, demoMarker))
	switch {
	case err == nil:
		for _, p := range []string{dataDir, dbPath, dbPath + ".wal"} {
			if err := os.RemoveAll(p); err != nil {
				return fmt.Errorf("清理上次的示例输出 %s: %w", p, err)
			}
		}
	case errors.Is(err, fs.ErrNotExist):
		for _, p := range []string{dataDir, dbPath} {
			if _, err := os.Stat(p); err == nil {
				return &usageError{
					message: fmt.Sprintf("%s 已存在，且不是 electsum demo 生成的", p),
					hint:    "用 --out 指定一个新的或空的目录",
				}
			}
		}
	default:
		return fmt.Errorf("检查输出目录 %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("创建输出目录 %s: %w", dir, err)
	}
	marker := "此目录由 electsum demo 生成；再次运行 demo 会清空其中的 data 目录和数据库。\n"
	if err := os.WriteFile(filepath.Join(dir, demoMarker), []byte(marker), 0o644); err != nil {
		return fmt.Errorf("创建输出目录 %s: %w", dir, err)
	}
	return nil
}
