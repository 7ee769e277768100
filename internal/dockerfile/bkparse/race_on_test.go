//go:build race

package bkparse_test

// raceEnabled thins the corpus under the race detector.
const raceEnabled = true
