package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"electsum"
	"electsum/analytics"
)

// parseKind reads --kind: "" (from the data), lianwei, renda or dangdaihui.
func parseKind(s string) (electsum.Kind, error) {
	for _, k := range electsum.Kinds() {
		if s == string(k) {
			return k, nil
		}
	}
	if s == "" {
		return "", nil
	}
	var names []string
	for _, k := range electsum.Kinds() {
		names = append(names, fmt.Sprintf("%s(%s)", k, k.Name()))
	}
	return "", &usageError{message: fmt.Sprintf("--kind %q 无效", s), hint: "可选 " + strings.Join(names, "、")}
}

// dataKinds are the kinds of summary to write: the one asked for, else every kind the scope's year
// holds but those that are a part of another's (社区党组织, in the 两委 draft too: written only when asked
// for, so that it never stands in place of the 两委 draft). An asked-for kind the data lacks is an error
// that says what the data does hold.
func dataKinds(ctx context.Context, db *sql.DB, scope analytics.Scope, asked electsum.Kind) ([]electsum.Kind, error) {
	if scope.Year == 0 {
		years, err := analytics.Years(ctx, db)
		if err != nil {
			return nil, err
		}
		if len(years) > 0 {
			scope.Year = years[0]
		}
	}
	held, err := analytics.Kinds(ctx, db, scope)
	if err != nil {
		return nil, err
	}
	if asked == "" {
		var whole []electsum.Kind
		for _, k := range held {
			if k.PartOf() == "" {
				whole = append(whole, k)
			}
		}
		if len(whole) == 0 {
			return []electsum.Kind{electsum.Lianwei}, nil // Summarize says there is no data
		}
		return whole, nil
	}
	for _, k := range held {
		if k == asked {
			return []electsum.Kind{asked}, nil
		}
	}
	var names []string
	for _, k := range held {
		names = append(names, fmt.Sprintf("%s(%s)", k, k.Name()))
	}
	return nil, &usageError{message: fmt.Sprintf("%d年的数据中没有%s选举", scope.Year, asked.Name()),
		hint: "数据中有：" + strings.Join(names, "、")}
}
