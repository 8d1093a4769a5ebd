package fr

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"unicode"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// faults lists the Fault constants declared in app/dossier, read from its
// source so that a new fault without a sentence fails this test.
func faults(t *testing.T) []dossier.Fault {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), "../dossier", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []dossier.Fault
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				vs, ok := n.(*ast.ValueSpec)
				if !ok || vs.Type == nil {
					return true
				}
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Fault" {
					return true
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok {
						out = append(out, dossier.Fault(strings.Trim(lit.Value, `"`)))
					}
				}
				return true
			})
		}
	}
	if len(out) < 30 {
		t.Fatalf("found only %d faults in app/dossier", len(out))
	}
	return out
}

// TestEveryFaultHasOneSentence checks that every fault has a French
// sentence, and, for the faults of errors_*.go, with and without subject
// and detail: one sentence, capitalised, ending with a full stop, no
// clause chain (" : "), no empty quotes, no Go formatting left over. (The
// REM's and the lifecycle's sentences, rem.go and lifecycle.go, always
// get their subject and may introduce a list with " : ".)
func TestEveryFaultHasOneSentence(t *testing.T) {
	for _, f := range faults(t) {
		_, mine := messages[f]
		for _, e := range []*dossier.Error{
			{Fault: f, Subject: "a.segur", Detail: "3"},
			{Fault: f},
		} {
			got := Error(e)
			if f != dossier.FaultInternal && got == Sentence(internal) {
				t.Errorf("fault %q has no French sentence", f)
				break
			}
			if !mine || got == "" {
				continue
			}
			if strings.Contains(got, " : ") || strings.Contains(got, "%!") ||
				strings.Count(got, ". ") > 0 || !strings.HasSuffix(got, ".") || strings.Contains(got, "«\u00a0\u00a0»") ||
				!unicode.IsUpper([]rune(got)[0]) {
				t.Errorf("Error(%v) = %q: not one clean sentence", e, got)
			}
		}
	}
}
