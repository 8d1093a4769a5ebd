package rem

import (
	"reflect"

	"github.com/ledongthuc/pdf"
)

// pdfPage is a leaf of the page tree with the resources it inherits.
type pdfPage struct {
	v         pdf.Value // the page dictionary
	resources pdf.Value // its /Resources, or the nearest ancestor's
}

// walkPages calls visit for each page of the document, in order. Unlike
// the PDF library's Page(n), which walks down from the root for every page
// and follows /Parent links to find resources, it visits each node of the
// tree once (a node met twice, a cycle or a tree nested deeper than
// maxTreeDepth is errPageTree), inherits resources on the way down, and
// stops at the page and entry budgets. visit's error stops the walk.
func walkPages(root pdf.Value, b *pdfBudget, visit func(pdfPage) error) error {
	type frame struct {
		kids      pdf.Value
		next      int
		resources pdf.Value
	}
	seen := map[uint64]bool{}
	enter := func(v pdf.Value) error {
		k, ok := objKey(v)
		if !ok || seen[k] {
			return errPageTree
		}
		seen[k] = true
		return nil
	}
	if root.Kind() != pdf.Dict {
		return errPageTree
	}
	if err := enter(root); err != nil {
		return err
	}
	stack := []frame{{kids: root.Key("Kids"), resources: root.Key("Resources")}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next >= top.kids.Len() {
			stack = stack[:len(stack)-1]
			continue
		}
		if b.kids++; b.kids > maxTreeKids {
			return errLimitPages
		}
		kid := top.kids.Index(top.next)
		top.next++
		if kid.Kind() != pdf.Dict {
			continue // a dangling reference: nothing to read there
		}
		if err := enter(kid); err != nil {
			return err
		}
		res := kid.Key("Resources")
		if res.IsNull() {
			res = top.resources
		}
		if kid.Key("Type").Name() == "Pages" || (kid.Key("Type").IsNull() && !kid.Key("Kids").IsNull()) {
			if len(stack) >= maxTreeDepth {
				return errPageTree
			}
			stack = append(stack, frame{kids: kid.Key("Kids"), resources: res})
			continue
		}
		if b.pages++; b.pages > maxPages {
			return errLimitPages
		}
		if err := visit(pdfPage{v: kid, resources: res}); err != nil {
			return err
		}
	}
	return nil
}

// valuePtr is the index of pdf.Value's unexported field holding the
// object number a value was read from: the only identity the library
// gives an object, since it parses it anew on every access.
var valuePtr = func() []int {
	f, ok := reflect.TypeOf(pdf.Value{}).FieldByName("ptr")
	if !ok || f.Type.Kind() != reflect.Struct || f.Type.NumField() < 2 {
		return nil
	}
	return f.Index
}()

// objKey is the identity (object number and generation) of the indirect
// object v was read from. ok is false when the library no longer exposes
// it, which the page tree tests would catch.
func objKey(v pdf.Value) (key uint64, ok bool) {
	if valuePtr == nil {
		return 0, false
	}
	p := reflect.ValueOf(v).FieldByIndex(valuePtr)
	return p.Field(0).Uint()<<16 | p.Field(1).Uint(), true
}
