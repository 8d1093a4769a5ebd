package cli

import (
	"fmt"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/app/system"
)

// mutating names the commands that may change a dossier: they take
// --operator NAME, who their journal events are recorded as.
var mutating = map[string]bool{
	"new": true, "set-status": true, "attach": true, "capture": true, "compact": true,
	"import-rem": true, "policy": true, "identity": true, "export": true, "deposit": true,
	"requests": true, "decision": true, "review": true, "review-settings": true, "merge": true,
	"set-caption": true,
}

// takeOperator removes --operator NAME (or --operator=NAME) from the
// arguments of a command that takes it and sets env.Operator; without it,
// env.Operator is the saved operator, else the OS user.
func takeOperator(env *Env, args []string, allowed bool) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "operator" || !allowed {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, usage(dossier.FaultMissingValue, "--operator", "")
			}
			i++
			value = args[i]
		}
		if strings.TrimSpace(value) == "" {
			return nil, usage(dossier.FaultMissingValue, "--operator", "")
		}
		env.Operator = strings.TrimSpace(value)
	}
	if env.Operator == "" {
		env.Operator = system.CurrentOperator()
	}
	return rest, nil
}

// cmdOperator shows or sets the operator saved on this workstation.
func cmdOperator(env *Env, args []string) error {
	fs := newFlagSet("operator")
	name := fs.String("name", "", "nom de l'opérateur")
	email := fs.String("email", "", "adresse e-mail (facultative)")
	clear := fs.Bool("clear", false, "revenir à l'utilisateur du système")
	if err := fs.parse(args, 0); err != nil {
		return err
	}
	switch {
	case *clear:
		if err := system.SaveOperator(dossier.Operator{}); err != nil {
			return err
		}
	case *name != "":
		if err := system.SaveOperator(dossier.Operator{Name: *name, Email: *email}); err != nil {
			return err
		}
	case *email != "":
		return usage(dossier.FaultFlagsTogether, "--name, --email", "")
	}
	if op := system.SavedOperator(); op.Name != "" {
		fmt.Fprintf(env.Stdout, "Opérateur de ce poste : %s\n", op)
		return nil
	}
	fmt.Fprintf(env.Stdout, "Aucun opérateur enregistré sur ce poste : les modifications sont attribuées à l'utilisateur du système (%s).\n", system.CurrentOperator())
	return nil
}
