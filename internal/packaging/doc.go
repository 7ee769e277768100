// Package packaging holds no code: its tests check the files that ship
// dockstride (the pre-commit hook definition, the goreleaser
// configuration, the licence) by using them the way pre-commit, goreleaser
// and git would, so a broken release recipe fails CI instead of a release.
package packaging
