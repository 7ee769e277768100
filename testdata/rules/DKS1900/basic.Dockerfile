# want-file: DKS1900
# want-file: DKS1900
# want-file: DKS1900
# want-file: DKS1900
FROM alpine:3.20
# An unknown rule ID never matches anything.
# dockstride ignore=DKS9999
RUN echo one
# A malformed expiry date makes the pragma apply nothing.
# dockstride ignore=runs-as-root until=2027-02-30
USER app
# dockstride stage ignore=DKS4001
RUN echo "a stage pragma must sit above a FROM"
RUN echo two
# dockstride ignore=DKS4001 -- a pragma with nothing below it
