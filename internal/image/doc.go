// Package image opens container images from a registry, a `docker save`
// tarball, an OCI archive or an OCI layout directory, and walks their layers
// in one streamed pass.
//
// Nothing is unpacked to disk and nothing from the image is executed: every
// layer is read once, in order, decompressed on the fly, and only the files a
// caller asks for are captured, up to a byte cap. Image content is treated as
// hostile: paths are cleaned so they never leave "/", symlinks and hard links
// are recorded and never followed, every layer's content is checked against
// the diff_id in the (digest-verified) config, and corrupt or truncated blobs
// produce an error naming the layer instead of a panic. Result.Checks says
// which layers were verified, so what was read from a layer that then
// failed its check can be withheld or marked. A walk's context is checked
// while reading, so a deadline holds inside one entry of any size. Entry
// marks names and link targets that climb out of the root (Escaped,
// LinkEscaped).
//
// Memory bound of a walk: it keeps no index of the image's paths, so its
// memory does not depend on the number of files. It holds one decompressor
// window, a tar header and at most one captured file
// (WalkOptions.MaxFileBytes, default 1 MiB) at a time. To tell whether a
// file survives to the final filesystem (a later layer may delete or
// replace it), feed the walk's entries to an Overlay, which follows only the
// paths watched.
package image
