package ingest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// emittedRules reads this package's source for every rule code a Problem can carry: the value of a
// Rule (or rule) field in a composite literal, whatever is assigned to a rule variable or a .Rule field,
// the argument passed for a parameter named rule, a case of a switch on rule, and the rule column of the
// SQL the loader runs.
func emittedRules(t *testing.T) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	paths, _ := filepath.Glob("*.go")
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	ruleParam := map[string]int{} // function or method name → index of its rule parameter
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, n := range field.Names {
					if n.Name == "rule" {
						ruleParam[fn.Name.Name] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	}
	out := map[string]string{} // code → where it was found
	code := regexp.MustCompile(`^[a-z]+(_[a-z]+)+$`)
	lit := func(e ast.Expr) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return
		}
		s, _ := strconv.Unquote(b.Value)
		if code.MatchString(s) {
			out[s] = fset.Position(b.Pos()).String()
		}
	}
	isRule := func(e ast.Expr) bool {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name == "rule" || x.Name == "Rule"
		case *ast.SelectorExpr:
			return x.Sel.Name == "Rule" || x.Sel.Name == "rule"
		}
		return false
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.KeyValueExpr:
				if isRule(x.Key) {
					lit(x.Value)
				}
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if isRule(l) && i < len(x.Rhs) {
						lit(x.Rhs[i])
					}
				}
			case *ast.CallExpr:
				var name string
				switch fn := x.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				if i, ok := ruleParam[name]; ok && i < len(x.Args) {
					lit(x.Args[i])
				}
			case *ast.CompositeLit:
				// {ErrZipBomb, "file_zip_bomb"}: an unkeyed literal of a struct type with a rule field.
				if st, ok := x.Type.(*ast.StructType); ok {
					for _, fl := range st.Fields.List {
						for _, n := range fl.Names {
							if n.Name == "rule" {
								for _, el := range x.Elts {
									if inner, ok := el.(*ast.CompositeLit); ok {
										for _, v := range inner.Elts {
											lit(v)
										}
									}
								}
							}
						}
					}
				}
				if at, ok := x.Type.(*ast.ArrayType); ok {
					if st, ok := at.Elt.(*ast.StructType); ok {
						for _, fl := range st.Fields.List {
							if slices.ContainsFunc(fl.Names, func(n *ast.Ident) bool { return n.Name == "rule" }) {
								for _, el := range x.Elts {
									if inner, ok := el.(*ast.CompositeLit); ok {
										for _, v := range inner.Elts {
											lit(v)
										}
									}
								}
							}
						}
					}
				}
			case *ast.SwitchStmt:
				if x.Tag != nil && isRule(x.Tag) {
					for _, s := range x.Body.List {
						for _, e := range s.(*ast.CaseClause).List {
							lit(e)
						}
					}
				}
			}
			return true
		})
	}
	// SQL: the literals of a query that selects a rule column.
	sqlCode := regexp.MustCompile(`'([a-z]+(?:_[a-z]+)+)'`)
	sqls, _ := filepath.Glob("loadsql/*.sql")
	for _, p := range sqls {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), " AS rule") {
			continue
		}
		for _, m := range sqlCode.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = p
		}
	}
	return out
}

// TestRuleWordsComplete fails when a rule code can be emitted without Chinese words for the summary, and
// when the table keeps words for a code nothing emits any more.
func TestRuleWordsComplete(t *testing.T) {
	emitted := emittedRules(t)
	if len(emitted) < 40 {
		t.Fatalf("found only %d rule codes in the source; the scan is broken: %v", len(emitted), emitted)
	}
	for code, where := range emitted {
		if _, ok := ruleWords[code]; !ok {
			t.Errorf("rule %q (%s) has no Chinese words in ruleWords (rules.go)", code, where)
		}
	}
	for code, w := range ruleWords {
		if _, ok := emitted[code]; !ok {
			t.Errorf("ruleWords has %q (%s), which no code emits", code, w)
		}
		if w == "" || w == code {
			t.Errorf("rule %q has no words", code)
		}
	}
}
