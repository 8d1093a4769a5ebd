package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestFitSizeKeepsThePreferredSizeOnALargeScreen(t *testing.T) {
	for _, area := range [][2]int{{1456, 948}, {1920, 1040}, {0, 0}} {
		if got := fitSize(mainWindowSize, area[0], area[1], 1); got != mainWindowSize {
			t.Errorf("work area %v: %v, want %v", area, got, mainWindowSize)
		}
	}
}

func TestFitSizeShrinksToASmallScreenWithRoomForTheFrame(t *testing.T) {
	cases := []struct {
		w, h  int
		scale float32
		want  fyne.Size
	}{
		{1366, 728, 1, fyne.NewSize(1350, 680)},  // a laptop, taskbar taken
		{1024, 768, 1, fyne.NewSize(1008, 720)},  // the smallest screen supported
		{2560, 1400, 2, fyne.NewSize(1272, 676)}, // HiDPI: pixels over the scale
		{1600, 1000, 1, fyne.NewSize(1440, 900)}, // large enough: unchanged
		{1440, 860, 1, fyne.NewSize(1424, 812)},  // one side short: the frame's room on both
		{1440, 900, 1, fyne.NewSize(1424, 852)},  // exactly the window's size: no room for the frame
	}
	for _, c := range cases {
		got := fitSize(mainWindowSize, c.w, c.h, c.scale)
		if got.Width > float32(c.w)/c.scale || got.Height > float32(c.h)/c.scale {
			t.Errorf("work area %dx%d @%v: %v does not fit", c.w, c.h, c.scale, got)
		}
		if got != c.want {
			t.Errorf("work area %dx%d @%v: %v, want %v", c.w, c.h, c.scale, got, c.want)
		}
	}
}
