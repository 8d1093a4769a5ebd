package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// flagSet wraps flag.FlagSet so that flags and positional arguments may be
// interleaved (`new FILE --name x`) and errors are worded in French.
type flagSet struct {
	*flag.FlagSet
	positional []string
}

func newFlagSet(name string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flagSet{FlagSet: fs}
}

// parse parses args and checks the number of positional arguments.
func (f *flagSet) parse(args []string, wantPositional int, names ...string) error {
	rest := args
	for {
		if err := f.Parse(rest); err != nil {
			return fmt.Errorf("%w : %s", errUsage, frenchFlagError(err))
		}
		rest = f.Args()
		if len(rest) == 0 {
			break
		}
		f.positional = append(f.positional, rest[0])
		rest = rest[1:]
	}
	if wantPositional >= 0 && len(f.positional) != wantPositional {
		if len(f.positional) < wantPositional {
			return fmt.Errorf("%w : argument manquant : %s", errUsage, strings.Join(names[len(f.positional):], ", "))
		}
		return fmt.Errorf("%w : argument en trop : %q", errUsage, f.positional[wantPositional])
	}
	return nil
}

func frenchFlagError(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "option inconnue " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "valeur manquante pour l'option " + strings.TrimPrefix(msg, "flag needs an argument: ")
	case strings.HasPrefix(msg, "invalid value "):
		return "valeur invalide : " + strings.TrimPrefix(msg, "invalid value ")
	}
	return msg
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
		sortStrings(missing)
		return fmt.Errorf("%w : option obligatoire manquante : %s", errUsage, strings.Join(missing, ", "))
	}
	return nil
}

// multiFlag collects a repeated string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
