package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
	"github.com/segur-dossier/dossier-segur/assets"
)

// BenchmarkImportEvidence measures a merge's copy of new content: 64 MiB
// that the dossier lacks, chunk by chunk from the other copy's file,
// checked against its SHA-256 and committed (fsync included).
func BenchmarkImportEvidence(b *testing.B) {
	data := benchData(b)
	cat, err := assets.DefaultCatalogue()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	st, err := Opener{}.Create(filepath.Join(dir, "src.segur"), newInfo(), cat, dossier.Event{Kind: dossier.EventCreated})
	if err != nil {
		b.Fatal(err)
	}
	src := st.(*Store)
	defer src.Close()
	var evs []dossier.Evidence
	for i := range 4 {
		binary.BigEndian.PutUint64(data, uint64(i))
		ev, err := src.AddEvidence(context.Background(), bytes.NewReader(data), dossier.Evidence{ReqID: "RIS.INS.01", Name: "b"}, nil, nil)
		if err != nil {
			b.Fatal(err)
		}
		evs = append(evs, ev)
	}
	b.SetBytes(benchContent)
	for i := 0; b.Loop(); i++ {
		if i%len(evs) == 0 {
			b.StopTimer()
			d, err := Opener{}.Create(filepath.Join(dir, fmt.Sprintf("dst%d.segur", i)), newInfo(), cat, dossier.Event{Kind: dossier.EventCreated})
			if err != nil {
				b.Fatal(err)
			}
			dst := d.(*Store)
			defer dst.Close()
			b.StartTimer()
			st = dst
		}
		if err := st.(*Store).ImportEvidence(context.Background(), src, evs[i%len(evs):i%len(evs)+1], nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportBatch(b *testing.B) {
	for _, mib := range []int{16, 24, 32} {
		b.Run(fmt.Sprint(mib), func(b *testing.B) {
			was := importBatchBytes
			importBatchBytes = mib << 20
			defer func() { importBatchBytes = was }()
			BenchmarkImportEvidence(b)
		})
	}
}
