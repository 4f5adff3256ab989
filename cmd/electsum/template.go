package main

import (
	"context"
	"fmt"

	"electsum"
	"electsum/ingest"
)

func runTemplate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "template", "[-o 采集表.xlsx]")
	out := fs.String("o", "采集表.xlsx", "写出的工作簿")
	force := fs.Bool("force", false, "文件已存在时覆盖")
	if err := parseOnlyFlags(fs, args, "electsum template -o 采集表.xlsx"); err != nil {
		return err
	}
	if err := (electsum.Output{Force: *force}).WriteFile(*out, ingest.WriteTemplate); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已写出空白采集表: %s\n", *out)
	fmt.Fprintln(e.stdout, "填好后导入: electsum ingest "+*out)
	return nil
}
