package main

import (
	"fmt"
	"os"

	"github.com/segur-dossier/dossier-segur/app/rem"
)

func init() {
	if os.Getenv("DUMPCAT") == "" {
		return
	}
	res, err := rem.ReadFile(os.Args[1], rem.Options{Perimeter: os.Args[2]})
	if err != nil {
		panic(err)
	}
	for _, r := range res.Catalogue.Requirements {
		for _, s := range r.Scenarios {
			for _, p := range s.Proofs {
				fmt.Printf("%s\t%s\t%s\n", r.ID, s.ID, p.ID)
			}
		}
	}
	os.Exit(0)
}
