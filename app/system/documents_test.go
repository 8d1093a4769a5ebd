package system

import "testing"

func TestXDGDocuments(t *testing.T) {
	const home = "/home/zoé"
	cases := map[string]string{
		"# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Bureau\"\nXDG_DOCUMENTS_DIR=\"$HOME/Documents\"\n": "/home/zoé/Documents",
		"XDG_DOCUMENTS_DIR=\"$HOME/Mes documents/\"": "/home/zoé/Mes documents",
		"XDG_DOCUMENTS_DIR=\"/srv/docs\"":            "/srv/docs",
		"XDG_DOCUMENTS_DIR=\"$HOME/\"":               "",
		"XDG_DOCUMENTS_DIR=\"relative\"":             "",
		"XDG_DOWNLOAD_DIR=\"$HOME/Téléchargements\"": "",
		"": "",
	}
	for in, want := range cases {
		if got := xdgDocuments(in, home); got != want {
			t.Errorf("xdgDocuments(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocumentsDirIsAFolder(t *testing.T) {
	d := DocumentsDir()
	if d == "" || !isDir(d) {
		t.Fatalf("DocumentsDir() = %q, not an existing folder", d)
	}
}
