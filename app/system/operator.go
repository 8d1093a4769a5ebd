package system

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// operatorFile is where the workstation's operator is saved, under the
// user's configuration folder: shared by the GUI (settings) and the CLI
// (`operator`), so that both record the same person.
const operatorFile = "dossier-segur/operator.json"

// OperatorPath is the file the workstation's operator is saved in; "" when
// the system has no configuration folder.
func OperatorPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, filepath.FromSlash(operatorFile))
}

// SavedOperator is the operator saved on this workstation (zero when none
// or unreadable: the caller falls back to the OS user).
func SavedOperator() dossier.Operator {
	var op dossier.Operator
	p := OperatorPath()
	if p == "" {
		return op
	}
	raw, err := os.ReadFile(p)
	if err != nil || len(raw) > 64<<10 || json.Unmarshal(raw, &op) != nil {
		return dossier.Operator{}
	}
	op.Name, op.Email = strings.TrimSpace(op.Name), strings.TrimSpace(op.Email)
	return op
}

// SaveOperator saves the workstation's operator; a zero name removes it
// (back to the OS user). The file is replaced whole (written beside it,
// then renamed).
func SaveOperator(op dossier.Operator) error {
	p := OperatorPath()
	if p == "" {
		return dossier.E(dossier.FaultUnwritable, operatorFile, errors.New("no configuration folder"))
	}
	op.Name, op.Email = strings.TrimSpace(op.Name), strings.TrimSpace(op.Email)
	if op.Name == "" {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return dossier.PathError(p, err, true)
		}
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return dossier.PathError(p, err, true)
	}
	raw, _ := json.MarshalIndent(op, "", "  ")
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, append(raw, '\n'), 0o600); err != nil {
		return dossier.PathError(p, err, true)
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return dossier.PathError(p, err, true)
	}
	return nil
}

// CurrentOperator is who this workstation's actions are recorded as: the
// saved operator, else the OS user, else "inconnu".
func CurrentOperator() string {
	if op := SavedOperator(); op.Name != "" {
		return op.String()
	}
	if u := UserName(); u != "" {
		return u
	}
	return "inconnu"
}

// Operators is the operator store of this workstation (the GUI's
// ui.OperatorStore): the file SavedOperator and SaveOperator use.
type Operators struct{}

// SavedOperator implements ui.OperatorStore.
func (Operators) SavedOperator() dossier.Operator { return SavedOperator() }

// SaveOperator implements ui.OperatorStore.
func (Operators) SaveOperator(op dossier.Operator) error { return SaveOperator(op) }
