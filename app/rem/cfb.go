package rem

import (
	"fmt"
	"io"

	"github.com/richardlehane/mscfb"
	"github.com/segur-dossier/dossier-segur/app/dossier"
)

// classifyCFB tells why an OLE compound file (the container of encrypted
// workbooks and of old .xls files) cannot be imported.
func classifyCFB(r io.ReaderAt, size int64, name string) error {
	doc, err := mscfb.New(io.NewSectionReader(r, 0, size))
	if err != nil {
		return fmt.Errorf("%w : « %s » est un fichier Office endommagé ou tronqué. Téléchargez de nouveau le REM", ErrTruncated, name)
	}
	for i := 0; i < 64; i++ {
		e, err := doc.Next()
		if err != nil {
			break
		}
		switch e.Name {
		case "EncryptedPackage", "EncryptionInfo":
			return fmt.Errorf("%w : le classeur « %s » est protégé par un mot de passe à l'ouverture. Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur), enregistrez-le puis importez-le de nouveau",
				ErrEncrypted, name)
		}
	}
	return fmt.Errorf("%w : « %s » est un ancien classeur Excel (.xls). Ouvrez-le dans Excel et enregistrez-le au format .xlsx, puis importez-le de nouveau",
		dossier.ErrUnsupportedFile, name)
}
