package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/segur-dossier/dossier-segur/app/fr"
	"github.com/segur-dossier/dossier-segur/app/rem"
)

func main() {
	opt := rem.Options{}
	if len(os.Args) > 2 {
		opt.Perimeter = os.Args[2]
	}
	res, err := rem.ReadFile(os.Args[1], opt)
	if err != nil {
		fmt.Println("ERR", err, "|", fr.Error(err))
	}
	if res != nil {
		r := res.Report
		sk := r.Skipped
		r.Skipped = nil
		b, _ := json.MarshalIndent(r, "", " ")
		fmt.Println(string(b))
		fmt.Println("skipped", len(sk))
		for i, s := range sk {
			if i < 15 {
				fmt.Println("  ", s.Where, "|", s.Reason)
			}
		}
	}
}
