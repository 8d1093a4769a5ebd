package rem

import (
	"io"

	"github.com/richardlehane/mscfb"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// classifyCFB tells why an OLE compound file (the container of encrypted
// workbooks and of old .xls files) cannot be imported.
func classifyCFB(r io.ReaderAt, size int64, name string) error {
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return dossier.E(dossier.FaultCorruptFile, name, err)
	}
	for i := 0; i < 64; i++ {
		e, err := doc.Next()
		if err != nil {
			break
		}
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return dossier.E(dossier.FaultEncrypted, name, nil)
		}
	}
	return dossier.E(dossier.FaultOldExcel, name, nil)
}
