//go:build !windows && !darwin && !js && !android

package envlocale

import "testing"

func TestFix(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
		ok   bool
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en", true},
		{map[string]string{"LC_ALL": "POSIX.UTF-8", "LANG": "fr_FR.UTF-8"}, "en", true},
		{map[string]string{"LANG": "C"}, "", false},
		{map[string]string{"LANG": "POSIX"}, "", false},
		{map[string]string{}, "", false},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "", false},
		{map[string]string{"LANG": "de_DE@euro"}, "en", true},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr:C"}, "fr", true},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr_FR:en"}, "", false},
		{map[string]string{"LANG": "es_419.UTF-8"}, "", false},
	} {
		got, ok := fix(func(k string) string { return c.env[k] })
		if got != c.want || ok != c.ok {
			t.Errorf("fix(%v) = %q, %v; want %q, %v", c.env, got, ok, c.want, c.ok)
		}
	}
}
