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
// Memory bound of a walk: the Result keeps one 64-bit hash per distinct path
// (plus a per-path bitset with one bit per layer and kind), about 40 bytes per
// path for images of up to 64 layers, so 200k files cost about 8 MiB. The
// number of distinct paths is capped by WalkOptions.MaxPaths (default 1<<20,
// about 40 MiB) so a crafted layer of millions of tiny entries fails with an
// error instead of exhausting memory. Besides that, a walk holds one
// decompressor window, a tar header and at most one captured file
// (WalkOptions.MaxFileBytes, default 1 MiB) at a time. With
// WalkOptions.NoPathIndex the Result records no paths and a walk's memory
// no longer depends on the number of files; dockstride's engine walks that
// way and follows only the paths it has findings about.
package image
