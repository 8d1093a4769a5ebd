package storage

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func writeFile(t *testing.T, path string, seed uint64, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, randomStream(seed, size)); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestAttachFilesSurvivesAFileGrowingWhileRead attaches three files in one
// call; the large middle one grows once its first chunk is stored (the
// reader is at most the buffer pool ahead, far from its end): it alone is
// refused, the two others are added, and nothing of it is kept.
func TestAttachFilesSurvivesAFileGrowingWhileRead(t *testing.T) {
	path, svc := create(t)
	defer svc.Close()
	// Random bytes are of kind "other", which the default policy refuses.
	if err := svc.SetFilePolicy(&dossier.FilePolicy{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	a, big, c := filepath.Join(dir, "a.log"), filepath.Join(dir, "video.mp4"), filepath.Join(dir, "c.log")
	writeFile(t, a, 1, 16<<10)
	writeFile(t, big, 2, 6*batchChunks*chunkSize)
	writeFile(t, c, 3, 16<<10)
	var once sync.Once
	grow := func(done, total int64) {
		if done > 16<<10 {
			once.Do(func() {
				f, err := os.OpenFile(big, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Error(err)
					return
				}
				f.Write([]byte("encore"))
				f.Close()
			})
		}
	}
	res, err := svc.AttachFiles(context.Background(), "RIS.INS.01", []string{a, big, c}, dossier.AttachOptions{}, grow)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Err != nil || res[2].Err != nil || res[0].Evidence.Name != "a.log" || res[2].Evidence.Name != "c.log" {
		t.Fatalf("small files: %+v %+v", res[0], res[2])
	}
	if dossier.FaultOf(res[1].Err) != dossier.FaultFileGrew {
		t.Fatalf("growing file: %v", res[1].Err)
	}
	if row, _ := svc.Row("RIS.INS.01"); row.State.Status != dossier.EnCours {
		t.Fatalf("status after attaching: %s", row.State.Status)
	}
	svc.Close()
	opened, err := Opener{}.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s := opened.(*Store)
	defer s.Close()
	if countIn(t, s, bucketEvidence) != 2 || countIn(t, s, bucketPending) != 0 || countIn(t, s, bucketChunkIndex) != 2 {
		t.Fatalf("after the refused file: %d evidence, %d pending, %d chunks", countIn(t, s, bucketEvidence), countIn(t, s, bucketPending), countIn(t, s, bucketChunkIndex))
	}
	checkStore(t, s)
}
