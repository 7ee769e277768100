// Package precision measures how many of dockstride's warning and error
// findings a reviewer would act on, against findings on the shared corpus
// that were judged by hand and recorded in testdata/precision/verdicts.jsonl
// (the README there gives the format and the judging policy).
//
// A verdict is TP (a real problem a reviewer asks to fix), noise (true, but
// not worth a warning) or FP (wrong). Precision is TP over judged, per rule
// and severity; only the randomly sampled verdicts count towards it, while
// the verdicts collected for a known false-positive shape only guard
// against that shape coming back.
//
// The package reads a run (the JSON report, with the SARIF report of the
// same run for the fingerprints), matches it against the verdicts and
// tabulates the result. The test in this package lints the judged corpus
// files through the CLI, prints the tables and fails when a false positive
// marked fixed (closed) is reported again, or when one still marked open is
// no longer reported (so the fix is recorded):
//
//	go test ./internal/precision -run TestPrecision -v
//	go test ./internal/precision -run TestPrecision -close-fixed   # mark the FPs no longer reported as closed
//	go test ./internal/precision -run TestPrecisionOfRun -v -run-json out.json [-run-sarif out.sarif]
package precision
