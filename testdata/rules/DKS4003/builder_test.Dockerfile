FROM alpine@sha256:5ce5f501c457015c4b91f91a15ac69157d9b06f1a75cf9107bf2b62e0843983a
# kaniko's integration test of ADD/COPY --chmod: the modes are read back by
# stat, so the files are the test's dummies.
# want: DKS4003 info "ADD --chmod=0666 makes files world-writable; a later RUN reads the mode back with stat"
ADD --chmod=0666 context/foo /file666
# want: DKS4003 info "ADD --chmod=777"
ADD --chmod=777 context/qux /dir777
RUN test "$(stat -c "%a" /file666)" = "666"
RUN test "$(stat -c "%a" /dir777/qup)" = "777"
# The same mode with nothing reading it back is a warning.
# want: DKS4003 warning "COPY --chmod=777 makes files world-writable$"
COPY --chmod=777 bin/ /usr/local/bin/
RUN stat /usr/local/bin/app
