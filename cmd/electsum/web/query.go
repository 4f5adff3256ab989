package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"electsum"
	"electsum/analytics/query"
)

// queryTimeout bounds one query from the page, so that a runaway join does not hold the server: the
// default time limit of electsum query.
const queryTimeout = 60 * time.Second

// resultView is a query result as the page shows it.
type resultView struct {
	Columns []string
	Rows    [][]string
	Total   int
}

// viewOf reads the first query.TextRows rows of a result for the page, and counts the rest in the
// database; downloads hold them all.
func viewOf(rows *query.Rows) (*resultView, error) {
	v := &resultView{}
	for _, c := range rows.Columns() {
		v.Columns = append(v.Columns, c.Name)
	}
	for len(v.Rows) < query.TextRows && rows.Next() {
		cells := make([]string, len(rows.Row()))
		for j, x := range rows.Row() {
			cells[j] = query.Cell(x)
		}
		v.Rows = append(v.Rows, cells)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	v.Total = len(v.Rows)
	if v.Total == query.TextRows {
		n, err := rows.Total()
		if err != nil {
			return nil, err
		}
		v.Total = int(n)
	}
	return v, nil
}

// savedView is a saved analysis with the values its form shows.
type savedView struct {
	query.Saved
	Values map[string]string
}

// query is the 查询 page: GET runs a saved analysis (?name=…&p_year=…), POST runs the SQL box; either
// may ask for a download (format=csv|xlsx).
func (s *Server) query(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{}
	var saved []savedView
	name := r.URL.Query().Get("name")
	values := map[string]string{}
	for _, sq := range query.SavedQueries() {
		sv := savedView{Saved: sq, Values: map[string]string{}}
		if sq.Name == name {
			for _, p := range sq.Params {
				if v := strings.TrimSpace(r.URL.Query().Get("p_" + p.Name)); v != "" {
					sv.Values[p.Name] = v
					values[p.Name] = v
				}
			}
		}
		saved = append(saved, sv)
	}
	data["Saved"] = saved
	data["Name"] = name
	data["SQL"] = ""
	if name != "" {
		self := url.Values{"name": {name}}
		for k, v := range values {
			self.Set("p_"+k, v)
		}
		data["Self"] = template.URL(self.Encode())
	}

	ctx, cancel := context.WithTimeout(r.Context(), queryTimeout)
	defer cancel()
	var rows *query.Rows
	var err error
	format := ""
	download := "查询结果"
	switch {
	case r.Method == http.MethodPost:
		text := r.PostFormValue("sql")
		data["SQL"] = text
		format = r.PostFormValue("format")
		if strings.TrimSpace(text) == "" {
			break
		}
		rows, err = query.Open(ctx, s.db, text)
	case name != "":
		sq, ok := query.FindSaved(name)
		if !ok {
			http.NotFound(w, r)
			return
		}
		format = r.URL.Query().Get("format")
		download = sq.Description
		rows, err = sq.Open(ctx, s.db, values)
	}
	if rows != nil {
		defer rows.Close()
	}
	var result *resultView
	if err == nil && rows != nil {
		switch format {
		case "csv", "xlsx":
			var sent bool
			if sent, err = sendResult(w, rows, format, electsum.FileName(download)); err == nil {
				return
			}
			if sent {
				// Part of the file is out: cut the connection, so that the browser marks the download
				// failed instead of keeping a file that looks whole.
				s.opts.Logf("查询下载: %v", err)
				panic(http.ErrAbortHandler)
			}
		default:
			result, err = viewOf(rows)
		}
	}
	if err != nil {
		data["Error"] = err.Error()
		data["Hint"] = pageHint(err)
		var refused *query.RefusedError
		if errors.As(err, &refused) {
			data["Refused"] = true
		}
		s.renderStatus(w, r, http.StatusOK, "query", "查询", data)
		return
	}
	if rows != nil {
		data["Result"] = result
	}
	s.render(w, r, "query", "查询", data)
}

// sendResult writes a result as a csv or xlsx download named name. The response starts with the first
// byte of the file, so a result that fails before it (a 身份证号 given as a number, the time limit) can
// still be shown on the page; sent says whether any of the file went out.
func sendResult(w http.ResponseWriter, rows *query.Rows, format, name string) (sent bool, err error) {
	out := &attachmentWriter{w: w, contentType: "text/csv; charset=utf-8", name: name + ".csv"}
	if format == "xlsx" {
		out.contentType, out.name = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name+".xlsx"
		err = query.XLSX(out, rows)
	} else {
		err = query.CSV(out, rows, true)
	}
	return out.started, err
}

// attachmentWriter sets the attachment headers with its first write.
type attachmentWriter struct {
	w                 http.ResponseWriter
	contentType, name string
	started           bool
}

func (a *attachmentWriter) Write(p []byte) (int, error) {
	if !a.started {
		a.started = true
		attachment(a.w, a.contentType, a.name)
	}
	return a.w.Write(p)
}
