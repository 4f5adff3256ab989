package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"electsum"
	"electsum/reports"
	"electsum/templates"
)

func runTemplates(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(e.stderr, "用法: electsum templates export 目录 [--force]")
			return flag.ErrHelp
		}
		return &usageError{message: "templates 需要子命令 export", hint: "electsum templates export 我的模板"}
	}
	flags := newFlagSet(e, "templates export", "目录 [--force]")
	force := flags.Bool("force", false, "覆盖目录中已有的同名模板")
	rest, err := parseFlags(flags, args[1:])
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{message: "templates export 需要一个目录参数", hint: "electsum templates export 我的模板"}
	}
	dir := rest[0]
	output := electsum.Output{Force: *force}
	if err := output.Dir(dir); err != nil {
		return err
	}
	names, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		return err
	}
	names = append(names, reports.WordsFile)
	if !*force {
		var exist []string
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
				exist = append(exist, n)
			}
		}
		if len(exist) > 0 {
			return &usageError{message: fmt.Sprintf("%s 中已有 %s", dir, strings.Join(exist, "、")), hint: "换一个目录，或加 --force 覆盖"}
		}
	}
	for _, n := range names {
		b, err := templates.FS.ReadFile(n)
		if err != nil {
			return err
		}
		p := filepath.Join(dir, n)
		if err := output.WriteFile(p, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, p)
	}
	fmt.Fprintf(e.stdout, "已导出 %d 个文件（模板和措辞 words.toml）；数据字段和函数见 go doc electsum/templates。使用: electsum report --templates %s …\n", len(names), dir)
	return nil
}
