//go:build !linux

package scratch

import "os"

const writeBehindSupported = false

func startWriteBack(*os.File, int64, int64) {}
func waitWriteBack(*os.File, int64, int64)  {}
