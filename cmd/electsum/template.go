package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"electsum/ingest"
)

func init() {
	register(&command{
		name:    "template",
		summary: "生成供乡镇填写的空白采集表(带下拉选项和填表说明)",
		run:     runTemplate,
	})
}

func runTemplate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "template", "[-o 采集表.xlsx]")
	out := fs.String("o", "采集表.xlsx", "写出的工作簿")
	force := fs.Bool("force", false, "文件已存在时覆盖")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{message: fmt.Sprintf("多余的参数: %v", rest), hint: "electsum template -o 采集表.xlsx"}
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		return &usageError{message: fmt.Sprintf("%s 已存在", *out), hint: "换一个文件名，或加 --force 覆盖"}
	}
	var buf bytes.Buffer
	if err := ingest.WriteTemplate(&buf); err != nil {
		return fmt.Errorf("生成采集表: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("写出 %s: %w", *out, err)
	}
	fmt.Fprintf(e.stdout, "已写出空白采集表: %s\n", *out)
	fmt.Fprintln(e.stdout, "填好后导入: electsum ingest "+*out)
	return nil
}
