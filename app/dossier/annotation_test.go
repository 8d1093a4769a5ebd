package dossier

import "testing"

func TestDescribeAnnotations(t *testing.T) {
	for _, c := range []struct {
		a    Annotation
		want string
	}{
		{Annotation{Kind: AnnotStep, Number: 1, Text: "champ INS"}, "Étape 1 : champ INS"},
		{Annotation{Kind: AnnotStep, Number: 2, X: 5, Y: 6}, "Étape 2 à (5, 6)"},
		{Annotation{Kind: AnnotRect, X: 50, Y: 60, X2: 10, Y2: 20}, "Rectangle 40 × 40 à (10, 20)"},
		{Annotation{Kind: AnnotSpotlight, X: 1, Y: 2, X2: 11, Y2: 22, Text: "bouton"}, "Projecteur 10 × 20 à (1, 2) : bouton"},
	} {
		if got := c.a.Describe(); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}
