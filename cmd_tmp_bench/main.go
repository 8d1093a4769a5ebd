package main

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"time"

	"github.com/segur-dossier/dossier-segur/app/record"
)

func main() {
	src, err := record.OpenScreen(image.Rect(0, 0, 1920, 1080))
	if err != nil {
		panic(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	var buf bytes.Buffer
	for i := 0; i < 6; i++ {
		t := time.Now()
		src.Grab(img)
		t1 := time.Now()
		buf.Reset()
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80})
		fmt.Println(t1.Sub(t), time.Since(t1), buf.Len())
		time.Sleep(100 * time.Millisecond)
	}
}
