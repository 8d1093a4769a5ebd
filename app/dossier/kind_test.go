package dossier_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/segur-dossier/dossier-segur/app/dossier"
)

func TestDetectKind(t *testing.T) {
	tar := make([]byte, 512)
	copy(tar, "rapport.txt")
	copy(tar[257:], "ustar\x0000")
	bmp := append([]byte("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"), make([]byte, 40)...)
	cases := []struct {
		name string
		head string
		want dossier.Kind
	}{
		{"capture.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", dossier.KindImage}, // content wins over the name
		{"photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF", dossier.KindImage},
		{"a.gif", "GIF89a\x01\x00", dossier.KindImage},
		{"a.webp", "RIFF\x24\x00\x00\x00WEBPVP8 ", dossier.KindImage},
		{"a.bmp", string(bmp), dossier.KindImage},
		{"a.heic", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", dossier.KindImage},
		{"film.mp4", "\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", dossier.KindVideo},
		{"film.mov", "\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", dossier.KindVideo},
		{"film.webm", "\x1a\x45\xdf\xa3\x9f\x42\x86\x81", dossier.KindVideo},
		{"film.avi", "RIFF\x24\x00\x00\x00AVI LIST", dossier.KindVideo},
		{"son.wav", "RIFF\x24\x00\x00\x00WAVEfmt ", dossier.KindOther},
		{"doc.pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3", dossier.KindPDF},
		{"doc.bin", "\r\n%PDF-1.4\n", dossier.KindPDF},
		{"logs.zip", "PK\x03\x04\x14\x00", dossier.KindArchive},
		{"a.7z", "7z\xbc\xaf\x27\x1c\x00\x04", dossier.KindArchive},
		{"a.log.gz", "\x1f\x8b\x08\x00", dossier.KindArchive},
		{"a.tar", string(tar), dossier.KindArchive},
		{"mail.txt", "Received: from mx.example.org\r\n\tby relay; Mon, 1 Jan 2024\r\nFrom: a@b.fr\r\nSubject: test\r\n\r\nBonjour", dossier.KindEmail},
		{"mail", "MIME-Version: 1.0\nContent-Type: text/plain\n\ncorps", dossier.KindEmail},
		{"x.eml", "Subject: essai\nTo: b@c.fr\n\ncorps", dossier.KindEmail}, // extension breaks the tie
		{"x.txt", "Subject: essai\nTo: b@c.fr\n\ncorps", dossier.KindText},
		{"adt.txt", "MSH|^~\\&|RIS|HOP|PACS|HOP|20240101||ADT^A01|1|P|2.5\rPID|1||123", dossier.KindHL7},
		{"adt.hl7", "\x0bMSH|^~\\&|RIS", dossier.KindHL7},
		{"cda.txt", "\xef\xbb\xbf<?xml version=\"1.0\"?><ClinicalDocument/>", dossier.KindXML},
		{"cda", "  <ClinicalDocument xmlns=\"urn:hl7-org:v3\">", dossier.KindXML},
		{"page.html", "<!DOCTYPE html><html>", dossier.KindText},
		{"app.log", "2024-01-01 12:00:00 INFO démarrage du service\n\x1b[31mERREUR\x1b[0m", dossier.KindText},
		{"latin1.log", "r\xe9sultat : \xe9chec de l'envoi\n", dossier.KindText},
		{"image.png", "\x00\x01\x02\x03\xff\xfe\x00binary", dossier.KindOther}, // the name does not make it an image
		{"vide", "", dossier.KindOther},
		{"bm.txt", "BM est une abréviation", dossier.KindText},
	}
	for _, c := range cases {
		if got := dossier.DetectKind([]byte(c.head), c.name); got != c.want {
			t.Errorf("%s %q: %s, want %s", c.name, c.head, got, c.want)
		}
	}
}

func TestDetectKindCutRuneAndLongHead(t *testing.T) {
	// A UTF-8 text whose head ends in the middle of "é" is still text.
	head := []byte(strings.Repeat("a", dossier.KindHeadSize-1) + "é")
	if got := dossier.DetectKind(head[:dossier.KindHeadSize], "a.log"); got != dossier.KindText {
		t.Fatalf("cut rune: %s", got)
	}
	// Bytes beyond KindHeadSize are ignored.
	long := append(bytes.Repeat([]byte("ligne\n"), dossier.KindHeadSize), 0, 1, 2)
	if got := dossier.DetectKind(long, "a.log"); got != dossier.KindText {
		t.Fatalf("long head: %s", got)
	}
}
