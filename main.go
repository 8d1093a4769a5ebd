// Command dossier-segur prepares the proof dossier of a Ségur numérique
// referencing. With no argument (or a .segur file) it opens the desktop
// application; with a subcommand it runs headless (see `dossier-segur help`).
//
// main is the composition root: it builds the storage opener and the
// embedded catalogue and hands them to the CLI or the GUI.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/segur-dossier/dossier-segur/app/capture"
	"github.com/segur-dossier/dossier-segur/app/cli"
	// envlocale fixes $LANGUAGE before Fyne's lang package reads it (its
	// init runs first): Fyne would log parse errors for "C.UTF-8".
	_ "github.com/segur-dossier/dossier-segur/app/envlocale"
	// fyneenv shortens how long Fyne keeps the textures of texts no longer
	// drawn, before Fyne's cache package reads $FYNE_CACHE in its init.
	_ "github.com/segur-dossier/dossier-segur/app/fyneenv"
	"github.com/segur-dossier/dossier-segur/app/system"
	"github.com/segur-dossier/dossier-segur/app/ui"
	"github.com/segur-dossier/dossier-segur/assets"
	"github.com/segur-dossier/dossier-segur/storage"
)

// version is the application version, as in FyneApp.toml.
const version = "0.1.0"

func main() {
	system.TrimTextPages()
	args := os.Args[1:]
	restore := prepareConsole(!wantsGUI(args))
	code := run(args, os.Stdout, os.Stderr)
	restore()
	os.Exit(code)
}

// wantsGUI tells whether args ask for the desktop application: none, or
// one .segur file (a double-click in the file manager).
func wantsGUI(args []string) bool {
	return len(args) == 0 || (len(args) == 1 && strings.HasSuffix(strings.ToLower(args[0]), ".segur"))
}

func run(args []string, stdout, stderr io.Writer) int {
	if wantsGUI(args) {
		if !hasDisplay() {
			fmt.Fprintln(stderr, "erreur : aucun affichage graphique disponible (variable DISPLAY ou WAYLAND_DISPLAY absente).\n"+
				"Lancez l'application depuis une session graphique, ou utilisez les commandes en ligne : dossier-segur help")
			return 1
		}
		var open string
		if len(args) == 1 {
			open = args[0]
		}
		return ui.Run(ui.Deps{
			Opener:           system.Opener{Opener: storage.Opener{}},
			DefaultFolder:    system.DocumentsDir(),
			OpenFile:         system.OpenFile,
			DefaultCatalogue: assets.DefaultCatalogue,
			Icon:             assets.Icon,
			OpenPath:         open,
			Screen:           capture.NewDesktop(),
			Version:          version,
			Operators:        system.Operators{},
			Clipboard:        readClipboard,
		})
	}
	return cli.Run(args, cli.Env{
		Stdout:           stdout,
		Stderr:           stderr,
		Opener:           system.Opener{Opener: storage.Opener{Progress: cli.MigrationProgress(stderr)}},
		DefaultCatalogue: assets.DefaultCatalogue,
		Debug:            os.Getenv("DOSSIER_SEGUR_DEBUG") == "1",
	})
}

// hasDisplay tells whether a GUI can start: GLFW panics without one.
func hasDisplay() bool {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// readClipboard is the GUI's paste: the system clipboard, with the GUI's
// limits; where the platform has no reader, the toolkit's text clipboard.
func readClipboard(ctx context.Context) (system.Clip, error) {
	return system.ReadClipboard(ctx, ui.PasteLimits())
}
