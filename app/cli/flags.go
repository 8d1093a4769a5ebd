package cli

import (
	"flag"
	"io"
	"slices"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// flagSet wraps flag.FlagSet so that flags and positional arguments may be
// interleaved (`new FILE --name x`) and errors are typed (dossier.Error,
// worded by package fr) rather than the flag package's English text.
type flagSet struct {
	*flag.FlagSet
	positional []string
}

func newFlagSet(name string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs}
}

// parse reads args the way the flag package does ("-x v", "--x=v", a
// bool alone, "--" ending the options) and checks the number of
// positional arguments.
func (f *flagSet) parse(args []string, wantPositional int, names ...string) error {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			f.positional = append(f.positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			f.positional = append(f.positional, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		fl := f.Lookup(name)
		if fl == nil || name == "" {
			return usage(dossier.FaultUnknownOption, a, "")
		}
		if !hasValue {
			if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				value = "true"
			} else if i+1 < len(args) {
				i++
				value = args[i]
			} else {
				return usage(dossier.FaultMissingValue, "--"+name, "")
			}
		}
		if err := f.Set(name, value); err != nil {
			if dossier.AsError(err) != nil {
				return usageError{err} // the value's own sentence (a size, a kind…)
			}
			return usageError{dossier.ED(dossier.FaultBadOptionValue, "--"+name, value, err)}
		}
	}
	if wantPositional >= 0 && len(f.positional) != wantPositional {
		if len(f.positional) < wantPositional {
			return usage(dossier.FaultMissingArgument, strings.Join(names[len(f.positional):], ", "), "")
		}
		return usage(dossier.FaultExtraArgument, f.positional[wantPositional], "")
	}
	return nil
}

// required reports the named string flags that were left empty.
func required(flags map[string]string) error {
	var missing []string
	for name, v := range flags {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return usage(dossier.FaultMissingOption, strings.Join(missing, ", "), "")
	}
	return nil
}

// multiFlag collects a repeated string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
