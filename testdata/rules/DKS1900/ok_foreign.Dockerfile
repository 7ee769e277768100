# check=skip=JSONArgsRecommended
FROM alpine:3.20
# Other tools' pragmas are honoured but never reported: they may still be needed there.
# hadolint ignore=DL3008,DL9999
RUN echo one
#trivy:ignore:AVD-DS-0002
USER app
# A dockstride pragma for a rule that did not run cannot be judged.
# dockstride ignore=DKS4001 -- reviewed
USER root
