package record

import (
	"bytes"
	"image"
	"image/draw"
	"sync"
	"time"
)

// Source yields the pictures of the region being recorded.
type Source interface {
	// Grab fills dst, whose bounds are the region's size at 0,0, with
	// what the region shows now. An error ends the recording.
	Grab(dst *image.RGBA) error
	// Close releases the source.
	Close() error
}

// Encoder turns frames into a video file. Encode may run on several
// goroutines at once; Write receives the encoded frames in order, on one
// goroutine.
type Encoder interface {
	// Encode compresses img (which it must not keep) into a frame,
	// reusing buf's storage when it can.
	Encode(img *image.RGBA, buf []byte) ([]byte, error)
	// Write appends one encoded frame to the file.
	Write(frame []byte) error
	// Size is the number of bytes written so far.
	Size() int64
	// Close finishes the file.
	Close() error
}

// Options are a recording's settings.
type Options struct {
	// FPS is the number of frames a second (1 to MaxFPS).
	FPS int
	// Masks are rectangles in the region's coordinates painted solid
	// black on every frame before it is encoded.
	Masks []image.Rectangle
	// Tick, when set, replaces the clock that paces the frames (tests
	// send one value per frame to take).
	Tick <-chan time.Time
	// Workers is how many frames are encoded at once; 0 means 2.
	Workers int
}

// MaxFPS bounds Options.FPS.
const MaxFPS = 30

// Stats are a recording's figures so far.
type Stats struct {
	Frames  int           // frames written to the file
	Grabbed int           // of which read from the screen (the others repeat one late)
	Elapsed time.Duration // recorded time, pauses excluded
	Bytes   int64         // size of the file so far
	Paused  bool
}

// Session is a recording under way.
type Session struct {
	src  Source
	enc  Encoder
	opt  Options
	size image.Point
	stop chan struct{}
	done chan struct{}
	ctl  chan bool // Pause (true) and Resume (false) orders

	mu       sync.Mutex
	stats    Stats
	paused   bool
	since    time.Time // start of the current run (not paused)
	recorded time.Duration
	err      error
	stopOnce sync.Once
}

// job is one grabbed frame on its way to the encoder.
type job struct {
	img *image.RGBA
	out chan []byte // the encoded frame, or nil on failure
	// same marks a frame identical to the one before: the writer writes
	// that one's encoding again instead of encoding it anew.
	same bool
}

// Start starts recording the region of size size from src into enc.
// The recording runs until Stop, or until an error (see Wait).
func Start(src Source, enc Encoder, size image.Point, opt Options) *Session {
	if opt.Workers <= 0 {
		opt.Workers = 2
	}
	s := &Session{src: src, enc: enc, opt: opt, size: size,
		stop: make(chan struct{}), done: make(chan struct{}), ctl: make(chan bool), since: time.Now()}
	go s.run()
	return s
}

// Pause stops taking frames until Resume. It returns once the recording
// loop has taken the order (at most one frame's grab later): a tick that
// follows is not recorded.
func (s *Session) Pause() { s.order(true) }

// Resume takes frames again after Pause, from the next tick.
func (s *Session) Resume() { s.order(false) }

func (s *Session) order(pause bool) {
	select {
	case s.ctl <- pause:
	case <-s.done:
	}
}

// slot is the index of the frame due now: the recorded time (pauses
// excluded) in frames.
func (s *Session) slot() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.recorded
	if !s.paused {
		d += time.Since(s.since)
	}
	return int(d.Seconds() * float64(s.opt.FPS))
}

// setPaused applies a Pause or Resume order, on the recording loop.
func (s *Session) setPaused(pause bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case pause && !s.paused:
		s.recorded += time.Since(s.since)
	case !pause && s.paused:
		s.since = time.Now()
	}
	s.paused = pause
}

// Stop ends the recording; Wait then returns once the file is finished.
func (s *Session) Stop() { s.stopOnce.Do(func() { close(s.stop) }) }

// Done is closed when the recording has ended and its file is finished.
func (s *Session) Done() <-chan struct{} { return s.done }

// Wait waits for the end of the recording and returns its figures and
// the error that ended it, if any (the file is then not usable).
func (s *Session) Wait() (Stats, error) {
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats, s.err
}

// Stats are the figures so far.
func (s *Session) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Paused = s.paused
	st.Elapsed = s.recorded
	if !s.paused {
		st.Elapsed += time.Since(s.since)
	}
	st.Bytes = s.enc.Size()
	return st
}

func (s *Session) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.Stop()
}

// run paces the grabs, hands the frames to the encoding workers and
// writes their output in order.
func (s *Session) run() {
	defer close(s.done)
	tick := s.opt.Tick
	if tick == nil {
		t := time.NewTicker(time.Second / time.Duration(max(s.opt.FPS, 1)))
		defer t.Stop()
		tick = t.C
	}
	free := make(chan *image.RGBA, s.opt.Workers+1)
	for range s.opt.Workers + 1 {
		free <- image.NewRGBA(image.Rectangle{Max: s.size})
	}
	jobs := make(chan job, s.opt.Workers)
	order := make(chan job, s.opt.Workers+1)
	var workers sync.WaitGroup
	for range s.opt.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			var buf []byte
			for j := range jobs {
				out, err := s.enc.Encode(j.img, buf[:0])
				free <- j.img
				if err != nil {
					s.fail(err)
					j.out <- nil
					continue
				}
				// The writer gets its own copy: buf is reused.
				j.out <- append([]byte(nil), out...)
				buf = out
			}
		}()
	}
	written := make(chan struct{})
	go func() {
		defer close(written)
		var last []byte
		for j := range order {
			frame := last
			if !j.same {
				frame = <-j.out
			}
			if frame == nil {
				continue
			}
			last = frame
			if err := s.enc.Write(frame); err != nil {
				s.fail(err)
				continue
			}
			s.mu.Lock()
			s.stats.Frames++
			s.mu.Unlock()
		}
	}()
	s.grabLoop(tick, free, jobs, order)
	// The recorded time ends with the last grab, not with the encoding
	// that follows.
	s.mu.Lock()
	if !s.paused {
		s.recorded += time.Since(s.since)
		s.paused = true
	}
	s.mu.Unlock()
	close(jobs)
	close(order)
	workers.Wait()
	<-written
	if err := s.src.Close(); err != nil && s.failed() == nil {
		s.fail(err)
	}
	if err := s.enc.Close(); err != nil {
		s.fail(err)
	}
	s.mu.Lock()
	s.stats.Elapsed = s.recorded
	s.stats.Bytes = s.enc.Size()
	s.mu.Unlock()
}

func (s *Session) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// grabLoop takes one frame per tick until Stop.
func (s *Session) grabLoop(tick <-chan time.Time, free chan *image.RGBA, jobs, order chan job) {
	var prev *image.RGBA // the last frame sent to the encoder
	written := 0         // frames sent to the writer
	paused := false
	for {
		select {
		case <-s.stop:
			return
		case p := <-s.ctl:
			paused = p
			s.setPaused(p)
			continue
		case _, ok := <-tick:
			if !ok {
				s.Stop()
				return
			}
		}
		if paused {
			continue
		}
		// When every buffer is being encoded, wait for one: the ticker
		// drops the ticks missed meanwhile, so the frame rate falls
		// instead of the memory growing.
		var img *image.RGBA
		for img == nil {
			select {
			case img = <-free:
			case p := <-s.ctl:
				paused = p
				s.setPaused(p)
			case <-s.stop:
				return
			}
		}
		if paused { // paused while waiting
			free <- img
			continue
		}
		if err := s.src.Grab(img); err != nil {
			s.fail(err)
			return
		}
		Mask(img, s.opt.Masks)
		s.mu.Lock()
		s.stats.Grabbed++
		s.mu.Unlock()
		// A file's frames are evenly spaced: when the machine was too
		// busy to take some, the last frame fills their slots, so that
		// the video lasts as long as the recording did.
		if prev != nil && s.opt.Tick == nil {
			for due := s.slot(); written < due; written++ {
				order <- job{same: true}
			}
		}
		written++
		// A screen is still most of the time (a demo waits for a reply,
		// reads a form): a frame like the last one costs a comparison
		// instead of an encoding.
		if prev != nil && bytes.Equal(prev.Pix, img.Pix) {
			free <- img
			order <- job{same: true}
			continue
		}
		if prev == nil {
			prev = image.NewRGBA(img.Rect)
		}
		copy(prev.Pix, img.Pix)
		j := job{img: img, out: make(chan []byte, 1)}
		order <- j
		jobs <- j
	}
}

// Grid is the block size of the encoders (16×16 macroblocks of JPEG with
// 4:2:0 chroma and of H.264). Begin widens the masks to it: a block then
// holds only masked pixels or none, so compression leaves the masked area
// exactly black instead of smearing its edges into grey.
const Grid = 16

// AlignMasks widens each mask (in the region's coordinates) outward to
// the Grid, clamped to size: masks only grow, never shrink.
func AlignMasks(masks []image.Rectangle, size image.Point) []image.Rectangle {
	out := make([]image.Rectangle, 0, len(masks))
	for _, r := range masks {
		r = r.Canon()
		r.Min.X, r.Min.Y = r.Min.X/Grid*Grid, r.Min.Y/Grid*Grid
		r.Max.X, r.Max.Y = (r.Max.X+Grid-1)/Grid*Grid, (r.Max.Y+Grid-1)/Grid*Grid
		if r = r.Intersect(image.Rectangle{Max: size}); !r.Empty() {
			out = append(out, r)
		}
	}
	return out
}

// Mask paints each rectangle of masks (clamped to img) solid opaque black.
func Mask(img *image.RGBA, masks []image.Rectangle) {
	for _, r := range masks {
		r = r.Canon().Intersect(img.Rect)
		if !r.Empty() {
			draw.Draw(img, r, image.Black, image.Point{}, draw.Src)
		}
	}
}
