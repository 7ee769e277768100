FROM alpine:3.20
ARG KEY=org.example.key
LABEL org.valid-key.label3="foo" validlabel="foo" maintainer=team@example.com
LABEL ${KEY}=value
