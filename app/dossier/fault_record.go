package dossier

// Faults of screen recording (package app/record).
const (
	FaultDisplayLost     Fault = "display_lost"     // the display went away during a recording
	FaultRegionOutside   Fault = "region_outside"   // Subject: the region asked; Detail: the screen's size
	FaultBadTrim         Fault = "bad_trim"         // Subject: the start asked; Detail: the end asked
	FaultNoFrames        Fault = "no_frames"        // the recording (or what the trim keeps) has no frame
	FaultRecordingFailed Fault = "recording_failed" // the encoder failed; the log has the cause
	FaultBadVideo        Fault = "bad_video"        // Subject: the file; a video that cannot be read
)
