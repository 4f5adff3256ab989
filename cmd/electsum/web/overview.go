package web

import (
	"fmt"
	"net/http"

	"electsum/analytics/query"
)

// checkRow is one failing legal check, with its unit for the link to 统计.
type checkRow struct {
	Year                                                    string
	Rule, Citation, County, Township, Unit, Body, Name, Msg string
}

// overview is 数据总览: years and bodies, counties and townships, the latest loads and the checks.
func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := map[string]any{}
	for key, name := range map[string]string{"Bodies": "overview_bodies", "Places": "overview_places", "Loads": "overview_loads"} {
		rows, err := query.Open(ctx, s.db, sqlText(name))
		var v *resultView
		if err == nil {
			v, err = viewOf(rows)
			rows.Close()
		}
		if err != nil {
			s.fail(w, r, fmt.Errorf("数据总览: %w", err))
			return
		}
		data[key] = v
	}
	t, err := query.Run(ctx, s.db, sqlText("overview_checks"))
	if err != nil {
		s.fail(w, r, fmt.Errorf("数据总览: %w", err))
		return
	}
	var checks []checkRow
	for _, row := range t.Rows {
		c := make([]string, len(row))
		for i, v := range row {
			if v != nil {
				c[i] = query.Cell(v)
			}
		}
		checks = append(checks, checkRow{Year: c[0], Rule: c[1], Citation: c[2], County: c[3], Township: c[4], Unit: c[5], Body: c[6], Name: c[7], Msg: c[8]})
	}
	data["Checks"] = checks
	s.render(w, r, "overview", "数据总览", data)
}
